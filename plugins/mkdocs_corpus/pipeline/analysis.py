"""Per-article analysis: read, clean and identify the language of one file.

A pure function of the file's bytes and the options, so its result can be cached by content
hash and computed in worker processes. Corpus-wide steps (ids, translations, entities) follow.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, replace
from pathlib import PurePosixPath
from typing import Any

from .cleaning import clean, derive_title
from .language import DEFAULT_LANGUAGES, identify, paragraph_languages, shares
from .length import count, reading_minutes
from .model import Article, Block, Declared, Problem
from .reading import Source, holds_too_long, read_source
from .text import LANG_CODE, slug, valid_id, visible

_SEED_ID = re.compile(r"(?:^|_)([0-9a-f]{16})$")
LOW_CONFIDENCE = 0.5


@dataclass(frozen=True)
class Options:
    """What analysis depends on besides the bytes (part of any cache key)."""

    languages: tuple[str, ...] = DEFAULT_LANGUAGES
    min_language_confidence: float = LOW_CONFIDENCE
    entities: bool = True  # recognise names of people, places and organisations


def article_id(path: str) -> str:
    """The 16-hex id of a seed-style name (`000_ed0ac21500300798.txt`), else a slug of the name."""
    stem = PurePosixPath(path).stem
    match = _SEED_ID.search(stem.lower())
    return match.group(1) if match else slug(stem)


def analyse(path: str, data: bytes, options: Options) -> tuple[Article, list[Problem]]:
    """One file's bytes to an `Article`; raises `reading.Unreadable` when there is none."""
    source = read_source(path, data)
    problems = [Problem(path, note, "notice") for note in source.notes]
    problems += [Problem(path, warning) for warning in source.warnings]
    declared, field_problems = read_declared(source)
    problems += [Problem(path, message) for message in field_problems]
    text = clean(source.text)
    title = declared.title or text.title
    if declared.title and text.title and declared.title.casefold() != text.title.casefold():
        # The curator's title replaces the inferred one; the first line stays, as text.
        text = replace(text, blocks=tuple(Block("paragraph", b.text) if b.kind == "title" else b for b in text.blocks))
    lang, confidence = declared.lang, 1.0
    texts = [block.text for block in text.blocks]
    per_block = paragraph_languages(texts, options.languages)
    if not lang:
        lang, confidence = identify(_sample(text.blocks), options.languages)
        # A mixed-language file: the whole-text guess can follow the most distinctive script
        # rather than most of the text; the paragraphs the model is sure of outvote it.
        by_share = shares(texts, per_block)
        main = max(by_share, key=lambda code: by_share[code], default=None)
        if main and main != lang and by_share[main] > by_share.get(lang, 0.0):
            lang, confidence = main, by_share[main]
        if confidence < options.min_language_confidence:
            problems.append(Problem(path, f"language uncertain: {lang} at confidence {confidence:.2f}", "notice"))
    marked = zip(text.blocks, per_block, strict=True)
    text = replace(text, blocks=tuple(replace(b, lang=other) if other and other != lang else b for b, other in marked))
    words, characters = count(block.text for block in text.blocks)
    article = Article(
        id=declared.id or article_id(path),
        path=path,
        lang=lang,
        lang_confidence=round(confidence, 3),
        title=title or derive_title(text.blocks),
        title_inferred=title is None,
        source=declared.source or text.source,
        dateline=declared.dateline or text.dateline,
        authors=declared.authors if declared.authors is not None else text.credits.authors,
        editors=declared.editors if declared.editors is not None else text.credits.editors,
        published=declared.published or text.published,
        blocks=text.blocks,
        words=words,
        characters=characters,
        reading_minutes=reading_minutes(words, characters, lang),
        debris=text.debris,
        translation_of=declared.translation_of,
        story=declared.story,
        declared_original=declared.original,
    )
    if options.entities:
        article = replace(article, spans=recognised_spans(article))
    return article, problems


def recognised_spans(article: Article) -> tuple[tuple[int, int, int, str], ...]:
    """Names in the article's text as the language's recognition model finds them (none without one)."""
    from .recognition import recognise, supported

    if not supported(article.lang):
        return ()
    found = recognise(name_units(article), article.lang)
    return tuple((unit, span.start, span.end, span.type) for unit, spans in enumerate(found) for span in spans)


def name_units(article: Article) -> list[str]:
    """What names are looked for in: every block but credits (`""` in its place), then the dateline."""
    texts = [block.text if block.kind != "credits" else "" for block in article.blocks]
    return texts + [article.dateline or ""]


def _sample(blocks: tuple[Block, ...]) -> str:
    return "\n".join(block.text for block in blocks if block.kind != "credits")


_TEXT_FIELDS = ("title", "lang", "source", "dateline", "translation_of", "story")
_FIELDS = (*_TEXT_FIELDS, "id", "authors", "editors", "published", "date")
_DECLARED_DATE = re.compile(r"(\d{4})-(\d{2})-(\d{2})(?:[T ][^\n]*)?")


def read_declared(source: Source) -> tuple[Declared, list[str]]:
    """Front matter fields a curator may set, type-checked; a bad value is dropped with a message."""
    meta: dict[str, Any] = dict(source.front_matter)
    problems: list[str] = []
    values: dict[str, Any] = {}
    for name in _FIELDS:
        digits = holds_too_long(meta.get(name))
        if digits:
            problems.append(f"front matter field '{name}' holds a number of {digits:,} digits, too long to be a value; ignored")
            del meta[name]
    for name in _TEXT_FIELDS:
        value = meta.get(name)
        if value is None:
            continue
        is_text = isinstance(value, (str, int, float)) and not isinstance(value, bool)
        text = " ".join(visible(str(value)).split()) if is_text else ""
        if text:
            values[name] = text
        else:
            problems.append(f"front matter field '{name}' must be text; ignored")
    if "lang" in values:
        values["lang"] = values["lang"].lower()
        if not LANG_CODE.fullmatch(values["lang"]):
            problems.append(f"front matter field 'lang' is not a language code: {values.pop('lang')[:40]!r}; ignored")
    if "id" in meta:
        value = str(meta["id"]).strip().lower() if isinstance(meta["id"], (str, int)) and not isinstance(meta["id"], bool) else ""
        if valid_id(value):
            values["id"] = value
        else:
            problems.append("front matter field 'id' must be lowercase letters and digits, single dashes between them "
                            "(at most 80 characters); ignored")
    for name in ("authors", "editors"):
        if name in meta:
            names = _names(meta[name])
            if names is None:
                problems.append(f"front matter field '{name}' must be a name or a list of names; ignored")
            else:
                values[name] = names
    if "original" in meta:
        if isinstance(meta["original"], bool):
            values["original"] = meta["original"]
        else:
            problems.append("front matter field 'original' must be true or false; ignored")
    raw_date = meta.get("published", meta.get("date"))
    if raw_date is not None:
        date = _date(raw_date)
        if date is None:
            shown = repr(str(raw_date)[:40]) if isinstance(raw_date, (str, int, float)) else "a list or mapping"
            problems.append(f"front matter date {shown} is not a date (write YYYY-MM-DD); ignored")
        else:
            values["published"] = date
    return replace(Declared(), **values), problems


def _names(value: Any) -> tuple[str, ...] | None:
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        return None
    names = (" ".join(visible(v).split()) for v in value)
    return tuple(name for name in names if name)


def _date(value: Any) -> str | None:
    import datetime as dt

    if not isinstance(value, (str, dt.date)):
        return None
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    match = _DECLARED_DATE.fullmatch(str(value).strip())
    if not match:
        return None
    try:
        return dt.date(int(match[1]), int(match[2]), int(match[3])).isoformat()
    except ValueError:
        return None
