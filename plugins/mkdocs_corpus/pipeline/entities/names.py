"""Name keys: what two spellings of one name have in common, so that lookups and merges can meet.

Every key is computed the same way on both sides of a comparison, so a key only has to be
stable, not linguistically right: `Sergej Schoigu` and `Sergei Shoigu` share a person key,
`des Weißen Hauses` and `Weißes Haus` share a German key.
"""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from anyascii import anyascii

_LEADING = {
    "en": ("the ",),
    "de": ("der ", "die ", "das ", "des ", "dem ", "den "),
}
_POSSESSIVE = re.compile(r"(?:['’]s|['’])$")
_GERMAN_ENDINGS = ("ern", "en", "es", "em", "er", "n", "s", "e")
_NOUN_ENDINGS = ("en", "es", "n", "s")
# Slavic languages decline names (Rosja/Rosji, Пакистан/Пакистана, Путин/Путина/Путиным): their
# case and gender endings, longest first, so every form of a name meets at one stem.
SLAVIC = frozenset({"ru", "uk", "be", "bg", "mk", "sr", "hr", "bs", "sl", "cs", "sk", "pl", "hsb"})
_SLAVIC_ENDINGS = tuple(sorted({
    # Cyrillic
    "ами", "ями", "ого", "его", "ому", "ему", "ими", "ыми", "ией", "ах", "ях", "ам", "ям", "ом", "ем", "ой",
    "ей", "ий", "ый", "ій", "ая", "яя", "ую", "юю", "ия", "ии", "ию", "ія", "ії", "ою", "ею", "ов", "ев", "ых", "их",
    "ым", "им", "а", "я", "у", "ю", "е", "о", "ы", "и", "і", "ї", "ь", "й",
    # Latin
    "ami", "ach", "ech", "owi", "ego", "emu", "iej", "ych", "ich", "ymi", "imi", "om", "em", "ie", "iu", "ii", "ią", "ów",
    "ov", "ová", "ovi", "ou", "ého", "ému", "ým", "ím", "ej", "ą", "ę", "y", "i", "a", "u", "e", "o", "é", "ě", "í",
    "ý", "á",
}, key=lambda e: (-len(e), e)))
SLAVIC_STEM = 3  # letters a stem keeps: `Rosj` of Rosja, `Ирак` of Ирака, never `Ир`
_SPACES = re.compile(r"\s+")
# Transliteration conventions that differ between languages (German `sch`, `w`, `j`; English `sh`, `v`, `y`).
_PHONETIC = (
    ("tsch", "ch"), ("sch", "sh"), ("kh", "h"), ("ch", "h"), ("ph", "f"), ("ck", "k"), ("w", "v"),
    ("j", "i"), ("y", "i"), ("c", "k"), ("z", "s"), ("q", "k"), ("x", "ks"),
)
DOUBLE_LETTER = re.compile(r"(.)\1++")  # possessive: a long run is one step, not a stack of them
_NOT_WORD = re.compile(r"[^\w ]+")
SIGNS = re.compile(r"(?<=\w)['\"`](?=\w)")  # anyascii's hard and soft signs: `Tr'mp` of Тръмп is one word
# A name in Chinese characters only (Chinese, or Japanese kanji). Two such names that differ differ in characters;
# spelled in pinyin, different characters often sound alike (工党 Labour, 共和党 the Republicans).
_HAN_NAME = re.compile(r"[\u3400-\u9fff\uf900-\ufaff\s·・]+")


def han_only(name: str) -> bool:
    return bool(_HAN_NAME.fullmatch(name))


def fold(value: str) -> str:
    """Case- and space-insensitive form of a name (accents kept: `Müller` is not `Muller`)."""
    return _SPACES.sub(" ", unicodedata.normalize("NFC", value).casefold()).strip()


@lru_cache(maxsize=200_000)  # every merging step asks it of every mention
def bare(surface: str, lang: str) -> str:
    """The name without a leading article or a possessive: `the White House's` -> `White House`."""
    value = _SPACES.sub(" ", surface).strip()
    lowered = value.casefold()
    for article in _LEADING.get(lang, ()):
        if lowered.startswith(article) and len(value) > len(article):
            value, lowered = value[len(article):], lowered[len(article):]
    if lang == "en":
        value = _POSSESSIVE.sub("", value)
    return value.strip()


@lru_cache(maxsize=200_000)  # the spotter asks it of every word of the corpus, and words recur
def token_forms(token: str, lang: str, final: bool = False) -> tuple[str, ...]:
    """The folded token and, in German, the stems it may inflect from: `Hauses` -> hauses, haus, hause.

    Two German tokens are one word when their forms meet: `Weißen`/`Weißes` meet at `weiß`,
    `Irans`/`Iran` at `iran`. A stem keeps at least four letters, so `Iran` never meets `IRA`.
    The `final` word of a name (its noun) takes only case and plural endings: `Schweizer` is a
    Swiss, not Switzerland. A token has no spaces and corpus text is NFC already: casefolding is
    all the folding it needs."""
    token = token.casefold()
    if lang in SLAVIC:
        return (token, *slavic_stems(token))
    if lang != "de":
        return (token,)
    forms = [token]
    for ending in _NOUN_ENDINGS if final else _GERMAN_ENDINGS:
        if token.endswith(ending) and len(token) - len(ending) >= 4:
            forms.append(token[: -len(ending)])
    return tuple(forms)


def slavic_stems(token: str) -> list[str]:
    """A folded Slavic word without each case ending it may have: `rosji` -> rosj; `газпрому` ->
    газпром, газпр. Which one is the stem only the other cases tell (`Газпром` ends in `-ом` too).
    A stem whose last consonant softened before the ending also gives its hard form (Polish
    `polsce` -> polsc, polsk; `niemczech` -> niemcz, niemc)."""
    stems = [token[: -len(ending)] for ending in _SLAVIC_ENDINGS
             if token.endswith(ending) and len(token) - len(ending) >= SLAVIC_STEM]
    return stems + [stem[: -len(soft)] + hard for stem in stems for soft, hard in _SOFTENED if stem.endswith(soft)]


# Consonants that soften before a case ending, and their hard form (Polish `Polska`/`Polsce`, `Niemcy`/
# `Niemczech`, `Praga`/`Pradze`; Russian and Czech keep theirs in names).
_SOFTENED = (("sc", "sk"), ("cz", "c"), ("dz", "g"), ("rz", "r"), ("ck", "k"))


_TOKEN = re.compile(r"\w++(?:[-'’.]\w++)*+")  # possessive: a long joined run must not stack backtracking


def tokens(name: str, lang: str) -> list[str]:
    """Word tokens as the spotter reads text: `U.S.` -> `u.s`, `Saudi-Arabien` -> `saudi-arabien`."""
    return _TOKEN.findall(fold(bare(name, lang)))


def token_spans(text: str) -> list[tuple[int, int]]:
    return [m.span() for m in _TOKEN.finditer(text)]


def name_keys(name: str, lang: str, limit: int = 64) -> set[str]:
    """Every key under which `name` is found: one per combination of its tokens' forms."""
    keys = [""]
    words = tokens(name, lang)
    for n, token in enumerate(words):
        keys = [f"{k} {form}".strip() for k in keys for form in token_forms(token, lang, n == len(words) - 1)][:limit]
    return set(keys) - {""}


@lru_cache(maxsize=200_000)
def person_key(name: str) -> str:
    """Spelling-blind key of a person's name across transliterations: `Wladimir` = `Vladimir`."""
    value = _NOT_WORD.sub(" ", SIGNS.sub("", anyascii(name)).lower().replace("-", " "))
    for old, new in _PHONETIC:
        value = value.replace(old, new)
    return " ".join(DOUBLE_LETTER.sub(r"\1", token) for token in value.split())
