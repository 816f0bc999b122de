"""Language stage: identify each article's language with py3langid's model (shipped in its wheel).

Restricted to a configured set of languages: unrestricted, the model calls all-caps wire copy
Nigerian Pidgin. Hands on an ISO 639-1 code and a confidence in [0, 1].
"""
from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING

from .length import CJK

if TYPE_CHECKING:
    from py3langid.langid import LanguageIdentifier

# Languages a European/world news archive meets most; a corpus may configure its own.
DEFAULT_LANGUAGES = (
    "ar", "bg", "cs", "da", "de", "el", "en", "es", "et", "fa", "fi", "fr", "he", "hi", "hr", "hu",
    "id", "is", "it", "ja", "ko", "lt", "lv", "nl", "no", "pl", "pt", "ro", "ru", "sk", "sl", "sr",
    "sv", "th", "tr", "uk", "vi", "zh",
)
SAMPLE_CHARS = 20_000


def known_languages() -> set[str]:
    return set(_identifier(None).labels)


@lru_cache(maxsize=4)
def _identifier(languages: tuple[str, ...] | None) -> LanguageIdentifier:
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    identifier = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    if languages:
        identifier.set_languages(list(languages))
    return identifier


def identify(text: str, languages: tuple[str, ...] = DEFAULT_LANGUAGES) -> tuple[str, float]:
    """The language of `text` among `languages`, and the model's confidence."""
    sample = text[:SAMPLE_CHARS]
    if _mostly_upper(sample):
        sample = sample.lower()
    lang, confidence = _identifier(tuple(sorted(languages))).classify(sample)
    return str(lang), float(confidence)


def _mostly_upper(text: str) -> bool:
    letters = [ch for ch in text if ch.isalpha() and ch.lower() != ch.upper()]
    return bool(letters) and sum(ch.isupper() for ch in letters) > 0.6 * len(letters)


PARAGRAPH_MIN_WORDS = 6
PARAGRAPH_MIN_CONFIDENCE = 0.9


def paragraph_languages(paragraphs: list[str], languages: tuple[str, ...] = DEFAULT_LANGUAGES) -> list[str | None]:
    """Each paragraph's language where the model is sure of it, else None (short ones are guesswork)."""
    found: list[str | None] = []
    for paragraph in paragraphs:
        if len(paragraph.split()) < PARAGRAPH_MIN_WORDS and not _is_cjk(paragraph):
            found.append(None)
            continue
        lang, confidence = identify(paragraph, languages)
        found.append(lang if confidence >= PARAGRAPH_MIN_CONFIDENCE else None)
    return found


def shares(paragraphs: list[str], langs: list[str | None]) -> dict[str, float]:
    """Each language's share of the confidently identified text, by characters."""
    weights: dict[str, int] = {}
    for paragraph, lang in zip(paragraphs, langs, strict=True):
        if lang:
            weights[lang] = weights.get(lang, 0) + len(paragraph)
    total = sum(weights.values())
    return {lang: weight / total for lang, weight in weights.items()}


def _is_cjk(text: str) -> bool:
    return CJK.search(text[:50]) is not None
