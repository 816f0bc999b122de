"""The curated registry, `entities.yml` in the corpus folder: what a curator says about entities
wins over what recognition infers.

    - id: white-house
      type: organisation
      name: White House
      names: {en: [White House], de: [Weißes Haus]}
      aliases: [1600 Pennsylvania Avenue]
      wikidata: Q35525
      country: US          # optional: ties the entry to a gazetteer country (ISO code)
      geonames: 524901     # optional: ties it to a GeoNames city

Inflected forms find their entry by themselves (`des Weißen Hauses` -> `Weißes Haus`).
A broken entry is reported, naming the file and the entry, and left out; the rest is used.
"""
from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from pathlib import Path

import yaml

from ..model import Problem
from ..reading import Unreadable, holds_too_long, load_yaml, read_regular
from ..text import slug, valid_id, visible
from .model import TYPES, EntityType

_WIKIDATA = re.compile(r"Q[0-9]{1,12}")
_COUNTRY = re.compile(r"[A-Za-z]{2}")
MAX_BYTES = 20 * 1024 * 1024
MAX_GEONAMES = 10**10


@dataclass(frozen=True)
class Entry:
    id: str
    type: EntityType
    name: str
    names: tuple[tuple[str, tuple[str, ...]], ...]  # (lang, names in it)
    aliases: tuple[str, ...] = ()
    wikidata: str | None = None
    anchor: str | None = None  # "iso:US" or "geo:524901"

    def all_names(self) -> list[tuple[str | None, str]]:
        """(lang, name); aliases and the display name hold in every language (lang None)."""
        named = [(lang, n) for lang, names in self.names for n in names]
        return named + [(None, self.name)] + [(None, a) for a in self.aliases]


@dataclass(frozen=True)
class Registry:
    entries: tuple[Entry, ...] = ()
    digest: str = ""  # changes with the file: part of the entity cache key


def load_registry(path: Path | None, label: str) -> tuple[Registry, list[Problem]]:
    if path is None:
        return Registry(), []
    try:
        # Opened as an article is: the file, not whatever a symlink swapped in for it points at.
        raw = read_regular(path.parent, path.name, MAX_BYTES)
    except Unreadable as error:
        return Registry(), [Problem(label, f"entity registry not read: {error}")]
    digest = hashlib.sha256(raw).hexdigest()
    try:
        data = load_yaml(raw.decode("utf-8-sig"))
    except (yaml.YAMLError, UnicodeDecodeError) as error:
        return Registry(digest=digest), [Problem(label, f"entity registry is not valid YAML: {error}")]
    except RecursionError:
        return Registry(digest=digest), [Problem(label, "entity registry is nested too deeply; not read")]
    except (ValueError, TypeError, OverflowError) as error:
        return Registry(digest=digest), [Problem(label, f"entity registry has a value YAML cannot read ({error}); not read")]
    if data is None:
        return Registry(digest=digest), []
    if not isinstance(data, list):
        return Registry(digest=digest), [Problem(label, "entity registry must be a list of entries")]
    entries: list[Entry] = []
    problems: list[Problem] = []
    seen: set[str] = set()
    for number, item in enumerate(data, start=1):
        entry, message = _entry(item)
        if entry is not None and entry.id in seen:
            entry, message = None, f"id '{entry.id}' is used twice"
        if entry is None:
            problems.append(Problem(label, f"entity registry entry {number}: {message}; left out"))
            continue
        seen.add(entry.id)
        entries.append(entry)
    return Registry(tuple(entries), digest), problems


def _entry(item: object) -> tuple[Entry | None, str]:
    if not isinstance(item, dict):
        return None, "not a mapping"
    for field, value in item.items():
        digits = holds_too_long(value)
        if digits:
            return None, f"field '{visible(str(field))[:40]}' holds a number of {digits:,} digits, too long to be a value"
    name = item.get("name")
    if not isinstance(name, str) or not visible(name).strip():
        return None, "needs a name"
    name = _text(name)
    entity_id = item.get("id") or slug(name)
    if not isinstance(entity_id, str) or not valid_id(entity_id):
        return None, f"id must be lowercase letters and digits, single hyphens between them, got {_shown(entity_id)}"
    kind = item.get("type", "other")
    if kind not in TYPES:
        return None, f"type must be one of {', '.join(TYPES)}, got {_shown(kind)}"
    names = item.get("names") or {}
    if not isinstance(names, dict) or not all(isinstance(k, str) for k in names):
        return None, "names must map a language code to a list of names"
    per_lang = []
    for lang, values in names.items():
        values = [values] if isinstance(values, str) else values
        if not isinstance(values, list) or not all(isinstance(v, str) and visible(v).strip() for v in values):
            return None, f"names.{visible(lang)[:20]} must be a list of names"
        per_lang.append((lang, tuple(_text(v) for v in values)))
    aliases = item.get("aliases") or []
    if not isinstance(aliases, list) or not all(isinstance(a, str) and visible(a).strip() for a in aliases):
        return None, "aliases must be a list of names"
    wikidata = item.get("wikidata")
    if wikidata is not None and not (isinstance(wikidata, str) and _WIKIDATA.fullmatch(wikidata)):
        return None, f"wikidata must look like Q42, got {_shown(wikidata)}"
    anchor = None
    country, geonames = item.get("country"), item.get("geonames")
    if country is not None:
        if not (isinstance(country, str) and _COUNTRY.fullmatch(country)):
            return None, f"country must be a two-letter ISO code such as US, got {_shown(country)}"
        anchor = f"iso:{country.upper()}"
    elif geonames is not None:
        if isinstance(geonames, bool) or not isinstance(geonames, int) or not 0 < geonames < MAX_GEONAMES:
            return None, f"geonames must be a GeoNames id (a number), got {_shown(geonames)}"
        anchor = f"geo:{geonames}"
    return Entry(entity_id, kind, name.strip(), tuple(per_lang), tuple(_text(a) for a in aliases), wikidata,
                 anchor), ""


def _text(value: str) -> str:
    """A name as the registry holds it: no control characters, single spaces."""
    return " ".join(visible(value).split())


def _shown(value: object) -> str:
    """A value as a message quotes it: short, escaped."""
    return repr(value)[:40] if isinstance(value, (str, int, float)) else type(value).__name__
