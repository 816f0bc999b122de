"""What an entity is called on a page in a given language: Russland on a German page, Russia on
an English one, the entity's own name where the archive has no name for it in that language.

A country or region is called by its name in the page language's locale (Babel); anything else
by the form the articles in that language use most, a base form before its cases (`Gazastreifen`
before `Gazastreifens`), ordinary case before capitals and, for a person, a full name before a lone
surname. In English, the entity's own name (the curator's, or the English one the index chose).
"""
from __future__ import annotations

from functools import lru_cache

from .gazetteer import territories
from .model import EntityType
from .names import name_keys


def display_names(names: dict[str, list[str]], kind: EntityType, anchor: str | None) -> dict[str, str]:
    """Per language the entity was named in (`names`: lang -> forms, most frequent first): its display name."""
    shown: dict[str, str] = {}
    for lang, forms in names.items():
        territory = _territory(anchor, lang)
        shown[lang] = territory or _best_form(forms, lang, kind)
    return shown


def _territory(anchor: str | None, lang: str) -> str | None:
    if anchor is None or not anchor.startswith(("iso:", "m49:")):
        return None
    return _locale_names(lang).get(anchor[4:])


@lru_cache(maxsize=64)
def _locale_names(lang: str) -> dict[str, str]:
    return dict(territories(lang))


def _best_form(forms: list[str], lang: str, kind: EntityType) -> str:
    keys = {form: name_keys(form, lang) for form in forms}

    def inflected(form: str) -> bool:
        """Another, shorter form shares a key with it: it is a case of that one."""
        return any(len(other) < len(form) and keys[other] & keys[form] for other in forms)

    def shouted(form: str) -> bool:
        """Capitals of a form also written in ordinary case (`WIEN` of a dateline, and `Wien`)."""
        return form.isupper() and any(other != form and other.casefold() == form.casefold() for other in forms)

    def rank(item: tuple[int, str]) -> tuple[bool, bool, bool, int]:
        position, form = item
        return (kind == "person" and " " not in form, shouted(form), inflected(form), position)

    return min(enumerate(forms), key=rank)[1]
