"""From a mention to the key of what it names: the registry first, then the gazetteer's
countries and cities, then a spelling-blind key for people and a name key for the rest.

Keys that name the same thing meet here or are joined later by merging (`merging.py`):
`reg:white-house`, `iso:RU`, `geo:524901`, `per:sergei shoigu`, `name:opek`.
"""
from __future__ import annotations

from .gazetteer import city, country
from .model import Mention
from .names import SLAVIC, bare, name_keys, person_key, tokens

ANCHORS = ("reg:", "iso:", "m49:", "geo:")


def is_anchor(key: str) -> bool:
    return key.startswith(ANCHORS)


def is_country(anchor: str | None) -> bool:
    """A country or region of Babel's, which has its names in every language already (a city has not)."""
    return anchor is not None and anchor.startswith(("iso:", "m49:"))


def base_key(mention: Mention, languages: tuple[str, ...], registry_id: str | None = None) -> tuple[str, str | None]:
    """The mention's key, and the English name of a gazetteer place when it is one."""
    if registry_id is not None:
        return f"reg:{registry_id}", None
    name = bare(mention.surface, mention.lang)
    if mention.type == "person":
        # A country's name is a place whatever recognition said (`Wielka Brytania` as a person), except
        # a single word in a language that does not decline it, which may be a first name (`Jordan`).
        if (" " in name or mention.lang in SLAVIC) and (place := country(name, mention.lang, languages)):
            return place.anchor, place.name
        return f"per:{person_key(name)}", None
    if mention.type in ("place", "organisation"):
        place = country(name, mention.lang, languages)
        if place is None and mention.type == "place":
            place = city(name, mention.lang)
        if place is not None:
            return place.anchor, place.name
    return name_key(" ".join(tokens(name, mention.lang))) or f"name:{name.casefold()}", None


def name_key(words: str) -> str:
    """The key of a name that is neither a person nor a known place, the same in every script:
    `NATO`/`НАТО`, `Brexit`/`Брексит` (transliterated, spelled as `person_key` spells)."""
    return f"name:{person_key(words)}" if words else ""


def inflected_keys(mention: Mention) -> set[str]:
    """The other keys an inflected name may stand for: German `name:bundestages` -> `name:bundestag`;
    in a Slavic language every stem of every word, for people too (`Лаврова` -> лавров, `Газпрому` ->
    газпром): two cases of one name share one of them."""
    name = bare(mention.surface, mention.lang)
    if mention.lang in SLAVIC:
        if mention.type == "person":
            return {f"per:{person_key(key)}" for key in name_keys(name, mention.lang)}
        return {name_key(key) for key in name_keys(name, mention.lang)}
    if mention.lang != "de" or mention.type == "person":
        return set()
    return {name_key(key) for key in name_keys(name, "de")}
