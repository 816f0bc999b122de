"""Finding known names in text: the registry's names (in every language) and, where no
recognition model exists for a language, the gazetteer's country names in that language.

Token by token, longest name first; German inflections match (`des Weißen Hauses` finds
`Weißes Haus`); a capitalised name matches only capitalised text (`Turkey`, not `turkey`).
Scripts without spaces between words (Japanese, Chinese) are searched as substrings.
"""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Generic, TypeVar

from .names import token_forms, token_spans, tokens

T = TypeVar("T")
UNSPACED = ("ja", "zh", "ko", "th", "lo", "km", "my")


@dataclass(frozen=True)
class Hit(Generic[T]):
    unit: int
    start: int
    end: int
    payload: T


class Spotter(Generic[T]):
    def __init__(self, names: Iterable[tuple[str | None, str, T]], languages: Iterable[str]) -> None:
        languages = tuple(dict.fromkeys(languages))
        self.first: dict[tuple[str, str], list[tuple[tuple[frozenset[str], ...], str, T]]] = defaultdict(list)
        self.unspaced: dict[str, list[tuple[str, T]]] = defaultdict(list)
        self.uncased: set[str] = set()  # languages with a name that may start in lower case
        for lang, name, payload in names:
            for language in (languages if lang is None else (lang,)):
                self._add(language, name, payload)

    def _add(self, lang: str, name: str, payload: T) -> None:
        if lang in UNSPACED:
            if len(name) >= 2:
                self.unspaced[lang].append((name, payload))
            return
        words = tokens(name, lang)
        if not words:
            return
        sequence = tuple(frozenset(token_forms(word, lang, n == len(words) - 1)) for n, word in enumerate(words))
        # An acronym matches only in capitals (`UN`, not the `Un` of `Kim Jong Un`); a name only capitalised.
        case = "upper" if name.isupper() and len(name) <= 6 else "title" if name.lstrip()[:1].isupper() else ""
        if not case and any(ch.lower() != ch.upper() for ch in name):  # `еврозона`; not `米国`, which has no case
            self.uncased.add(lang)
        for form in sequence[0]:
            self.first[(lang, form)].append((sequence, case, payload))

    def find(self, texts: Sequence[str], lang: str) -> list[Hit[T]]:
        if lang in UNSPACED:
            return self._find_unspaced(texts, lang)
        hits: list[Hit[T]] = []
        any_case = lang in self.uncased
        for unit, text in enumerate(texts):
            spans = token_spans(text)
            folded = _Folded(text, spans)
            i = 0
            while i < len(spans):
                # Most words start in lower case and most names do not: skip those words unread.
                best = self._longest(text, spans, folded, i, lang) if any_case or not text[spans[i][0]].islower() else None
                if best is None:
                    i += 1
                    continue
                length, payload = best
                hits.append(Hit(unit, spans[i][0], spans[i + length - 1][1], payload))
                i += length
        return hits

    def _longest(self, text: str, spans: list[tuple[int, int]], folded: _Folded, i: int, lang: str):
        candidates = [c for form in token_forms(folded[i], lang) for c in self.first.get((lang, form), ())]
        best = None
        for sequence, case, payload in candidates:
            n = len(sequence)
            if i + n > len(spans) or (best and n <= best[0]) or not _cased(text[spans[i][0] : spans[i + n - 1][1]], case):
                continue
            if all(sequence[k] & set(token_forms(folded[i + k], lang, k == n - 1)) for k in range(n)):
                best = (n, payload)
        return best

    def _find_unspaced(self, texts: Sequence[str], lang: str) -> list[Hit[T]]:
        names = sorted(self.unspaced.get(lang, ()), key=lambda item: -len(item[0]))
        hits: list[Hit[T]] = []
        for unit, text in enumerate(texts):
            taken: list[tuple[int, int]] = []
            for name, payload in names:
                start = text.find(name)
                while start >= 0:
                    end = start + len(name)
                    if not any(s < end and start < e for s, e in taken) and not _inside_word(text, start, end):
                        taken.append((start, end))
                        hits.append(Hit(unit, start, end, payload))
                    start = text.find(name, end)
        return sorted(hits, key=lambda h: (h.unit, h.start))


def _inside_word(text: str, start: int, end: int) -> bool:
    """Whether a katakana or Latin name runs on into more of its script: タイ (Thailand) in タイム,
    マリ (Mali) in マリオ. Han characters have no such boundary and are not checked."""
    def script(ch: str) -> str:
        return "kana" if "\u30a0" <= ch <= "\u30ff" and ch != "・" else "latin" if ch.isascii() and ch.isalnum() else ""
    before = script(text[start - 1]) if start else ""
    after = script(text[end]) if end < len(text) else ""
    return bool(before and before == script(text[start])) or bool(after and after == script(text[end - 1]))


class _Folded:
    """The folded form of each token of a text, computed only for the tokens looked at."""

    def __init__(self, text: str, spans: list[tuple[int, int]]) -> None:
        self.text, self.spans, self.cache = text, spans, {}

    def __getitem__(self, i: int) -> str:
        value = self.cache.get(i)
        if value is None:
            s, e = self.spans[i]
            value = self.cache[i] = self.text[s:e].casefold()
        return value


def _cased(surface: str, case: str) -> bool:
    if case == "upper":
        return surface.isupper()
    return surface[:1].isupper() if case == "title" else True
