"""Entity stage: every article's mentions resolved and merged into one index for the corpus.

Reads what analysis recognised (`Article.spans`, cached per article), adds the registry's names
and the gazetteer's countries (in any language, with or without a model); resolves each
mention to a key, merges keys (`merging.py`) and hands on an `EntityIndex`. Plain data in,
plain data out: no MkDocs.
"""
from __future__ import annotations

import hashlib
import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import replace
from typing import Any

from ..analysis import name_units as units
from ..keys import Memo, code_digest
from ..model import Article
from ..text import slug
from .counterparts import Similarity
from .display import display_names
from .gazetteer import COUNTRY_ALIASES, territories, unspaced_cities, weekdays
from .merging import Keys, join_surnames
from .model import Entity, EntityIndex, EntityType, Mention
from .names import SLAVIC, bare, fold, person_key, slavic_stems
from .registry import Entry, Registry
from .resolution import base_key, inflected_keys, is_anchor
from .scripts import (
    join_acronyms,
    join_names_across_scripts,
    join_people_across_scripts,
    join_people_by_sound,
    join_surnames_across_scripts,
)
from .spotting import UNSPACED, Spotter
from .translated import Aligned, Versions, across_translations, common_nouns

TYPE_ORDER: dict[str, int] = {"person": 0, "organisation": 1, "place": 2, "other": 3}


def build_index(articles: Sequence[Article], registry: Registry | None = None, aligned: Iterable[Aligned] = (),
                story_of: dict[str, str] | None = None, memo: Memo | None = None,
                similarity: Similarity | None = None) -> EntityIndex:
    """`similarity` compares names across languages in aligned paragraphs; without an encoder it
    compares their spelling only."""
    registry = registry or Registry()
    languages = tuple(sorted({a.lang for a in articles} | {"en"}))
    entries = {entry.id: entry for entry in registry.entries}
    mentions = _one_type_per_name(find_mentions(articles, registry, languages, story_of, memo))
    keys = Keys()
    key_of: dict[Mention, str] = {}
    place_names: dict[str, str] = {}
    kind_of: dict[str, str] = {}
    # A name's key depends on its words, language and type only: each is worked out once ("Reuters", "U.S."
    # recur in thousands of articles).
    key_of_name: dict[tuple[str, str, str, str | None], tuple[str, str | None]] = {}
    resolved = []
    for mention, registry_id in mentions:
        name = (mention.surface, mention.lang, mention.type, registry_id)
        if (found := key_of_name.get(name)) is None:
            found = key_of_name[name] = base_key(mention, languages, registry_id)
        resolved.append((mention, *found))
    headings = {(a.id, n) for a in articles for n, block in enumerate(a.blocks) if block.kind == "heading"}
    headlines = {(a.id, n) for a in articles for n, block in enumerate(a.blocks)
                 if block.kind in ("heading", "title") and _headline_case(block.text)}
    for mention, key, place in _without_shouting(resolved, headings, headlines):
        keys.add(key)
        key_of[mention] = key
        kind_of.setdefault(key, mention.type)
        if place:
            place_names[key] = place
    aligned = list(aligned)
    versions = Versions({a.id: units(a) for a in articles}, {a.id: a.lang for a in articles})
    for mention in common_nouns(aligned, key_of, keys, versions):
        del key_of[mention]
    _join_inflections(keys, key_of)
    for entry in registry.entries:
        if entry.anchor:
            keys.union(f"reg:{entry.id}", entry.anchor, anchors_may_meet=True)
    _join_people(keys, key_of, story_of or {})
    join_people_across_scripts(keys, key_of)
    join_people_by_sound(keys, key_of, story_of or {})
    join_surnames_across_scripts(keys, key_of, story_of or {})
    join_names_across_scripts(keys, key_of)
    join_acronyms(keys, key_of, story_of or {})
    key_of.update(across_translations(aligned, key_of, keys, kind_of, versions, similarity or Similarity()))
    return _assemble(articles, key_of, keys, entries, place_names)


def _join_inflections(keys: Keys, key_of: dict[Mention, str]) -> None:
    """Cases of one name meet: a German name joins the key of its base form where one was seen
    (`name:bundestages` -> `name:bundestag`); Slavic names join where two share a stem (`Rosji` and
    `Rosją` at `rosj`), as their base form may never occur."""
    stems: dict[tuple[str, str], str] = {}
    for mention, key in key_of.items():
        if mention.lang in SLAVIC:
            for stem in sorted(inflected_keys(mention)):
                if stem.startswith("per:") == key.startswith("per:"):  # people meet people; a place may be known
                    keys.union(key, stems.setdefault((mention.lang, stem), key))
        elif key.startswith("name:"):
            for other in inflected_keys(mention) - {key}:
                if other in keys.parent:
                    keys.union(key, other)


# A place's name may also stand for a body there (a team named by its city, `Chicago beat Detroit`): between
# these two types each mention keeps the type recognition gave it. A known city's name typed as a body is then
# an organisation of its own; other names key alike either way and meet in one entity of one type.
PLACE_OR_BODY = ("place", "organisation")


def _one_type_per_name(mentions: list[tuple[Mention, str | None]]) -> list[tuple[Mention, str | None]]:
    """Every recognised mention of one name takes the type most of them have, so one name is never a
    person on one page and an organisation on another; the registry's types stay as declared."""
    votes: dict[str, Counter[str]] = defaultdict(Counter)
    for mention, registry_id in mentions:
        if registry_id is None:
            votes[fold(bare(mention.surface, mention.lang))][mention.type] += 1
    kind = {name: min(counts, key=lambda k: (-counts[k], TYPE_ORDER[k])) for name, counts in votes.items()}

    def type_of(m: Mention) -> str:
        most = kind[fold(bare(m.surface, m.lang))]
        return m.type if m.type in PLACE_OR_BODY and most in PLACE_OR_BODY else most

    return [(m if registry_id is not None or m.type == (k := type_of(m))
             else replace(m, type=k), registry_id)  # type: ignore[arg-type]
            for m, registry_id in mentions]


def _without_shouting(resolved: list[tuple[Mention, str, str | None]], headings: set[tuple[str, int]],
                      headlines: set[tuple[str, int]]) -> list[tuple[Mention, str, str | None]]:
    """Drop a name recognised in an all-caps subheading (`MILITÄRISCHE` of `MILITÄRISCHE BEZIEHUNGEN`),
    or anywhere in a title or subheading in headline case (`Algeria Loses a Patriot`, `Tight Security Presence`),
    where every word's capital looks like a name's, unless the article also names it in ordinary text
    or it is a known place or registry entry. Short capitals stay (acronyms: `OPEC`), and so do capitals
    outside titles and subheadings (wire copy, results tables: `Manchester United 2 Arsenal 1`)."""
    ordinary: set[tuple[str, str]] = {(m.article, m.surface.casefold()) for m, _, _ in resolved
                                      if not _shouted(m.surface) and (m.article, m.unit) not in headlines}
    return [(m, key, place) for m, key, place in resolved
            if is_anchor(key) or (m.article, m.surface.casefold()) in ordinary
            or not ((m.article, m.unit) in headlines or (m.article, m.unit) in headings and _shouted(m.surface))]


# A line is in headline case when at least this share of its words (of at least four) start with a capital.
HEADLINE_CASE = 0.75
_HEADLINE_WORD = re.compile(r"[^\W\d_][\w'’-]*")


def _headline_case(text: str) -> bool:
    """A short line without a sentence's final stop, most of whose words start with a capital (a
    sentence full of names, `Sergei Shoigu met Vladimir Putin.`, is none)."""
    if text.rstrip().endswith((".", "…", "。", ":", ";")):
        return False
    words = _HEADLINE_WORD.findall(text)
    cased = [w for w in words if w[0].lower() != w[0].upper()]
    return len(cased) >= 4 and sum(w[0].isupper() for w in cased) >= HEADLINE_CASE * len(cased)


def _shouted(surface: str) -> bool:
    letters = [ch for ch in surface if ch.isalpha()]
    return len(letters) > 5 and surface.isupper()


def find_mentions(articles: Sequence[Article], registry: Registry, languages: tuple[str, ...],
                  story_of: dict[str, str] | None = None, memo: Memo | None = None) -> list[tuple[Mention, str | None]]:
    """Every mention, with the registry id when the registry's names found it.

    Per unit, the first finder of a stretch of text keeps it: the registry's names, then the
    people recognition named anywhere in the article's story (so `Raisi` is found in the German
    version once the English one names `Ebrahim Raisi`), then recognition, then country names.
    An article's mentions depend on its text and recognised spans, the registry, the corpus's
    languages and its story's people: with a `memo`, they are looked up by exactly that and
    found again only for the articles where one of them changed."""
    story_of = story_of or {}
    names, story_langs = _story_people(articles, story_of)
    salt = _mentions_salt(registry, languages)
    keys = {a.id: _mentions_key(salt, a, names.get(story_of.get(a.id, a.id), ()),
                                story_langs.get(story_of.get(a.id, a.id), ())) for a in articles}
    known = memo.load(list(keys.values()), _well_formed) if memo is not None else {}
    spotters: tuple[Spotter[Entry], Spotter[str]] | None = None  # built only if some article needs them
    fresh: dict[str, list] = {}
    found: list[tuple[Mention, str | None]] = []
    for article in articles:
        key = keys[article.id]
        if key not in known:
            spotters = spotters or (
                Spotter(((lang, name, e) for e in registry.entries for lang, name in e.all_names()), languages),
                Spotter(((lang, name, "place") for lang, name in _country_names(languages)), languages),
            )
            story = story_of.get(article.id, article.id)
            people = Spotter(((None, name, "person") for name in names[story]), story_langs[story]) if names.get(story) else None
            known[key] = fresh[key] = _article_mentions(article, *spotters, people)
        found += [(Mention(article.id, unit, start, end, surface, kind, article.lang, curated), registry_id)
                  for unit, start, end, surface, kind, curated, registry_id in known[key]]
    if memo is not None and fresh:
        memo.save(fresh)
    return found


def _article_mentions(article: Article, curated: Spotter, gazetteer: Spotter, people: Spotter | None) -> list[list]:
    """One article's mentions as [unit, start, end, surface, type, curated, registry id] rows."""
    texts = units(article)
    rows: list[list] = []
    taken: dict[int, list[tuple[int, int]]] = defaultdict(list)
    for hit in curated.find(texts, article.lang):
        rows.append([hit.unit, hit.start, hit.end, texts[hit.unit][hit.start:hit.end], hit.payload.type, True, hit.payload.id])
        taken[hit.unit].append((hit.start, hit.end))
    spans = [(h.unit, h.start, h.end, "person") for h in people.find(texts, article.lang)] if people else []
    places = [(h.unit, h.start, h.end, h.payload) for h in gazetteer.find(texts, article.lang)]
    spans += [s for s in article.spans if not _two_places(s, places, texts) and not _inside_place(s, places)] + places
    days = weekdays(article.lang)
    for unit, start, end, kind in spans:
        if unit >= len(texts) or any(s < end and start < e for s, e in taken[unit]):
            continue
        surface = texts[unit][start:end]
        if _is_name(surface) and fold(surface) not in days:
            taken[unit].append((start, end))
            rows.append([unit, start, end, surface, kind, False, None])
    return rows


def _well_formed(rows: Any) -> bool:
    """Whether a memo entry is exactly what `_article_mentions` returns (anything else is recomputed)."""
    return isinstance(rows, list) and all(
        isinstance(row, list) and len(row) == 7 and all(isinstance(n, int) and not isinstance(n, bool) for n in row[:3])
        and isinstance(row[3], str) and row[4] in TYPE_ORDER and isinstance(row[5], bool)
        and (row[6] is None or isinstance(row[6], str))
        for row in rows)


def _mentions_salt(registry: Registry, languages: tuple[str, ...]) -> str:
    """What every article's mentions depend on besides itself: the code that finds them with the name
    data it reads (Babel's country names, anyascii), the registry and the corpus's languages."""
    digest = hashlib.sha256(b"mentions\0")
    digest.update(code_digest("pipeline.entities.index").encode())
    digest.update(repr(sorted(registry.entries, key=lambda e: e.id)).encode())
    digest.update(repr(languages).encode())
    return digest.hexdigest()


def _mentions_key(salt: str, article: Article, people: Iterable[str], story_langs: Iterable[str]) -> str:
    digest = hashlib.blake2b(salt.encode(), digest_size=20)
    for part in (article.id, article.lang, *units(article), repr(article.spans), *people, "\0langs", *sorted(story_langs)):
        digest.update(part.encode("utf-8", "surrogatepass") + b"\0")
    return digest.hexdigest()


def _story_people(articles: Sequence[Article], story_of: dict[str, str]) -> tuple[dict[str, list[str]], dict[str, set[str]]]:
    """Per story (or lone article): the full names and surnames recognition gave people in it, and its languages."""
    names: dict[str, set[str]] = defaultdict(set)
    langs: dict[str, set[str]] = defaultdict(set)
    for article in articles:
        langs[story_of.get(article.id, article.id)].add(article.lang)
        texts = units(article)
        for unit, start, end, kind in article.spans:
            if kind == "person" and unit < len(texts):
                name = texts[unit][start:end].strip()
                words = name.split()
                if len(words) >= 2 and _is_name(name):
                    names[story_of.get(article.id, article.id)].update((name, words[-1]))
    return {key: sorted(_one_person_each(group)) for key, group in names.items()}, langs


def _one_person_each(names: set[str]) -> set[str]:
    """The names without those that are two people side by side: `Putin Raisi` (of "empfing Putin
    Raisi im Kreml") when every word of it is the surname of another full name of the story. Left
    out, the spotter finds `Putin` and `Raisi` in its place, two names."""
    full = {name for name in names if " " in name}
    surnames: dict[str, set[str]] = defaultdict(set)
    for name in full:
        surnames[name.split()[-1]].add(name)
    return {name for name in names
            if name not in full or not all(surnames.get(word, set()) - {name} for word in name.split())}


def _inside_place(span: tuple[int, int, int, str], places: list[tuple[int, int, int, str]]) -> bool:
    """A recognised span that is part of a country's name the gazetteer finds around it (`Vereinigten` of
    `den Vereinigten Arabischen Emiraten`): the whole name is the name."""
    unit, start, end, _ = span
    return any(u == unit and s <= start and end <= e and (s, e) != (start, end) for u, s, e, _ in places)


def _two_places(span: tuple[int, int, int, str], places: list[tuple[int, int, int, str]], texts: list[str]) -> bool:
    """A recognised span that is two country names side by side (`der Iran Russland mit Waffen`)."""
    unit, start, end, _ = span
    inside = sorted((s, e) for u, s, e, _ in places if u == unit and start <= s and e <= end)
    if len(inside) < 2:
        return False
    rest, last = [], start
    for s, e in inside:
        rest.append(texts[unit][last:s])
        last = e
    rest.append(texts[unit][last:end])
    return not any(ch.isalnum() for part in rest for ch in part)


def _country_names(languages: tuple[str, ...]) -> Iterable[tuple[str, str]]:
    """Countries (not regions) by their name in each language and their short forms (`США`), for the
    spotter; in Chinese and Japanese also large cities."""
    yield from ((lang, name) for lang in languages for code, name in territories(lang) if not code.isdigit())
    yield from ((lang, name) for lang in languages for names in COUNTRY_ALIASES.values() for name in names)
    yield from ((lang, name) for lang in languages if lang in UNSPACED for name in unspaced_cities())


def _is_name(surface: str) -> bool:
    """Not a common noun or debris: has letters, and a capital where the script has capitals,
    unless it is as short as a lower-case acronym (`dpa`, `ots`)."""
    letters = [ch for ch in surface if ch.isalpha()]
    if len(letters) < 2:
        return False
    cased = [ch for ch in letters if ch.lower() != ch.upper()]
    return not cased or any(ch.isupper() for ch in cased) or (len(surface) <= 4 and surface.isalpha())


def _join_people(keys: Keys, key_of: dict[Mention, str], story_of: dict[str, str]) -> None:
    per_article: dict[str, set[str]] = defaultdict(set)
    for mention, key in key_of.items():
        if key.startswith("per:"):
            per_article[mention.article].add(key)
    per_story: dict[str, set[str]] = defaultdict(set)
    for article, group in per_article.items():
        if article in story_of:
            per_story[story_of[article]] |= group
    groups = list(per_article.items()) + [(article, per_story[story_of[article]])
                                           for article in per_article if article in story_of]
    join_surnames(keys, groups, {k for group in per_article.values() for k in group}, _surname_cases(key_of))


def _surname_cases(key_of: dict[Mention, str]) -> dict[str, list[str]]:
    """The base forms a lone surname may be a case of. Only a German surname may be a genitive
    (`Putins`); English writes `Putin's`, and `Ross` is not `Ro`'s. A Slavic one may end in any case
    ending (`Путина`, `Путину`)."""
    cases: dict[str, list[str]] = {}
    for mention, key in key_of.items():
        name = key[len("per:"):]
        if not key.startswith("per:") or " " in name:
            continue
        if mention.lang == "de" and mention.surface.endswith("s"):
            cases[key] = [name.removesuffix("s")]
        elif mention.lang in SLAVIC:
            cases[key] = [person_key(stem) for stem in slavic_stems(fold(bare(mention.surface, mention.lang)))]
    return cases


def _assemble(articles: Sequence[Article], key_of: dict[Mention, str], keys: Keys,
              entries: dict[str, Entry], place_names: dict[str, str]) -> EntityIndex:
    groups: dict[str, list[Mention]] = defaultdict(list)
    for mention, key in key_of.items():
        groups[keys.find(key)].append(mention)
    members: dict[str, set[str]] = defaultdict(set)
    for key in keys.parent:
        members[keys.find(key)].add(key)
    order = {a.id: n for n, a in enumerate(articles)}
    index = EntityIndex()
    taken: set[str] = set(entries)
    for root in sorted(groups, key=lambda r: (not any(k.startswith("reg:") for k in members[r]), r)):
        group = sorted(groups[root], key=lambda m: (order[m.article], m.unit, m.start))
        entry = next((entries[k[4:]] for k in sorted(members[root]) if k.startswith("reg:") and k[4:] in entries), None)
        place = next((place_names[k] for k in sorted(members[root]) if k in place_names), None)
        entity = _entity(group, entry, place, taken, keys.anchor.get(root))
        index.entities.append(entity)
        index.by_id[entity.id] = entity
        for mention in group:  # an entity has one type, and every mention of it says so
            mention = mention if mention.type == entity.type else replace(mention, type=entity.type)
            index.mentions_of.setdefault(mention.article, []).append((mention, entity.id))
    for article_id, article_mentions in index.mentions_of.items():
        article_mentions.sort(key=lambda item: (item[0].unit, item[0].start))
        for mention, entity_id in article_mentions:
            index.mentions_in.setdefault((article_id, entity_id), []).append(mention)
    index.entities.sort(key=lambda e: (sort_name(e.name), e.id))
    return index


def _entity(group: list[Mention], entry: Entry | None, place: str | None, taken: set[str], anchor: str | None) -> Entity:
    forms: dict[str, Counter[str]] = defaultdict(Counter)
    for mention in group:
        forms[mention.lang][mention.surface] += 1
    kinds = Counter(m.type for m in group)
    kind: EntityType = entry.type if entry else "place" if place else min(kinds, key=lambda k: (-kinds[k], TYPE_ORDER[k]))
    name = entry.name if entry else place or _display_name(group, kind)
    entity_id = entry.id if entry else _unique(slug(name, empty="entity"), kind, taken)
    names = {lang: [form for form, _ in counts.most_common()] for lang, counts in sorted(forms.items())}
    display = display_names(names, kind, anchor)
    if entry:  # the curator's name in each language they give one for
        display.update((lang, values[0]) for lang, values in entry.names if values)
    if "en" in display:  # an entity's own name is its English one
        display["en"] = name
    return Entity(
        id=entity_id,
        type=kind,
        name=name,
        names=names,
        articles=list(dict.fromkeys(m.article for m in group)),
        mentions=len(group),
        wikidata=entry.wikidata if entry else None,
        curated=entry is not None,
        display=display,
    )


# A title before a surname makes no full name of it (`Mr Corbyn` is not Jeremy Corbyn's page's name).
_TITLES = frozenset({"mr", "mrs", "ms", "miss", "dr", "sir", "dame", "herr", "frau", "m", "mme", "mlle", "monsieur",
                     "madame", "prof", "pan", "pani", "gospodin", "господин", "госпожа", "president", "präsident"})


def _display_name(group: list[Mention], kind: str) -> str:
    """The most frequent form, preferring English and, for people, full names in Latin letters (a full name in
    another alphabet is often inflected, `Всевышнему Богу`, where the English says God)."""
    counts = Counter(m.surface for m in group)
    english = {m.surface for m in group if m.lang == "en"}

    # An English form the start of a longer English one is its abbreviation (`Calif` of a dateline, California).
    cut = {short for short in english for long in english if len(long) >= len(short) + 3 and long.startswith(short)}

    def rank(form: str) -> tuple[int, int, int, int, int, str]:
        full = kind == "person" and " " in form and form.split()[0].rstrip(".").casefold() not in _TITLES
        latin = full and all(ch < "\u0250" for ch in form if ch.isalpha())
        return (-latin, -(form in english), -full, form in cut, -counts[form], form)

    return min(counts, key=rank)


def _unique(base: str, kind: str, taken: set[str]) -> str:
    candidate = base
    if candidate in taken:
        candidate = f"{base}-{kind}"
    n = 2
    while candidate in taken:
        candidate, n = f"{base}-{kind}-{n}", n + 1
    taken.add(candidate)
    return candidate


def sort_name(name: str) -> str:
    """A–Z order that puts `Österreich` with O and ignores case."""
    decomposed = unicodedata.normalize("NFKD", name.casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))
