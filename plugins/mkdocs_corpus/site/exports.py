"""Exports stage: the machine-readable face of the archive, `site/api/*.json`.

The shapes are the outside contract in the design; scripts and users rely on them.
"""
from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path
from typing import Any

from ..pipeline.entities import EntityIndex
from ..pipeline.model import Article, Corpus
from ..pipeline.text import shown_path
from ..pipeline.versions import StoryIndex
from .entities import entity_src
from .stories import story_src
from .urls import Layout, article_src
from .writing import replacing


def article_record(article: Article, layout: Layout, translations: dict[str, str] | None = None,
                   entities: EntityIndex | None = None) -> dict[str, Any]:
    found = entities.mentions_of.get(article.id, []) if entities else []
    # One item per distinct surface form (and type) in the article, in reading order.
    forms = dict.fromkeys((m.surface, entity_id, m.type) for m, entity_id in found)
    return {
        "id": article.id,
        "path": shown_path(article.path),
        "lang": article.lang,
        "lang_confidence": article.lang_confidence,
        "title": article.title,
        "title_inferred": article.title_inferred,
        "url": layout.url(article_src(article.id)),
        "source": article.source,
        "dateline": article.dateline,
        "authors": list(article.authors),
        "editors": list(article.editors),
        "published": article.published,
        "words": article.words,  # outside CJK scripts; Chinese, Japanese and Korean text is in `characters`
        "characters": article.characters,
        "reading_minutes": article.reading_minutes,
        "debris_removed": len(article.debris),
        "translations": dict(translations or {}),
        "entities": list(dict.fromkeys(entity_id for _, entity_id, _ in forms)),
        "mentions": [{"text": surface, "entity": entity_id, "type": kind} for surface, entity_id, kind in forms],
    }


def entities_export(index: EntityIndex, layout: Layout) -> list[dict[str, Any]]:
    return [
        {
            "id": e.id,
            "type": e.type,
            "name": e.name,
            "names": e.names,
            "display_names": e.display,  # lang -> what a page in that language calls it
            "url": layout.url(entity_src(e.id)) if e.page else None,
            "articles": e.articles,
            "mentions": e.mentions,
            "wikidata": e.wikidata,
            "curated": e.curated,
        }
        for e in index.entities
    ]


def translations_export(index: StoryIndex, layout: Layout) -> list[dict[str, Any]]:
    """Each story: its page, versions, links with confidence, declared or detected, and alignments (each
    alignment's `url` is the story page, where it is read)."""
    return [
        {
            "story": story.key,
            "url": layout.url(story_src(story)),
            "declared": story.declared,
            "original": index.original(story.members[0]),
            "articles": [{"id": m, "lang": index.lang_of.get(m)} for m in story.members],
            "links": [
                {"source": x.source, "target": x.target, "confidence": round(x.confidence, 4), "declared": x.declared}
                for x in story.links
            ],
            "alignments": [
                {
                    "source": a.source,
                    "target": a.target,
                    "coverage": round(a.coverage, 4),
                    "url": layout.url(story_src(story)),
                    "pairs": [[list(left), list(right)] for left, right in a.pairs],
                }
                for a in story.alignments
            ],
        }
        for story in index.stories
    ]


def report(corpus: Corpus, index: StoryIndex | None = None,
           caches: Mapping[str, tuple[int, int]] | None = None) -> dict[str, Any]:
    caches = caches or {}
    outcomes = Counter(outcome.outcome for outcome in corpus.outcomes)
    return {
        "summary": {
            "files": len(corpus.outcomes),
            "published": outcomes["published"],
            "skipped": outcomes["skipped"],
            "warnings": sum(p.severity == "warning" for p in corpus.problems),
        },
        "cache": {name: {"hits": hits, "misses": misses} for name, (hits, misses) in caches.items()},
        "files": [
            {"path": shown_path(o.path), "outcome": o.outcome, "reason": o.reason, "id": o.article_id}
            for o in corpus.outcomes
        ],
        "warnings": [{"path": shown_path(p.path), "message": p.message} for p in corpus.problems if p.severity == "warning"],
        "notices": [{"path": shown_path(p.path), "message": p.message} for p in corpus.problems if p.severity == "notice"],
        # For a curator to review what was detected; a declaration in front matter overrides it.
        "translation_links": [
            {"source": x.source, "target": x.target, "confidence": round(x.confidence, 4), "declared": x.declared}
            for story in (index.stories if index else ()) for x in story.links
        ],
    }


def write_exports(site_dir: Path, corpus: Corpus, layout: Layout, index: StoryIndex, entities: EntityIndex,
                  caches: Mapping[str, tuple[int, int]] | None = None) -> None:
    """Each file is built, streamed to disk and let go before the next: at 20,000 articles the four
    together, as objects and as one string each, would be the build's peak of memory."""
    api = site_dir / "api"
    api.mkdir(parents=True, exist_ok=True)
    files: dict[str, Callable[[], Any]] = {
        "articles.json": lambda: [article_record(a, layout, index.translations(a.id), entities) for a in corpus.articles],
        "entities.json": lambda: entities_export(entities, layout),
        "translations.json": lambda: translations_export(index, layout),
        "report.json": lambda: report(corpus, index, caches),
    }
    for name, data in files.items():
        write_json(api / name, data())


def write_json(path: Path, data: list | dict) -> None:
    """`data` as JSON with one item per line (a dict's lists too: report.json lists a file per line), each
    line made by json's C encoder and written as it is made: `json.dump` with an indent runs the
    pure-Python encoder, four times slower here. No space after `,` and `:`: at archive size they are a tenth
    of the file."""
    encode = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode

    def listed(items: list) -> Iterator[str]:
        yield "["
        for n, item in enumerate(items):
            yield ("\n" if n == 0 else ",\n") + encode(item)
        yield "\n]"

    # A failed write leaves the previous file, never half of one; a lone surrogate that got this far is
    # written as its JSON escape (`\udcff`), not a crash.
    with replacing(path, text=True, errors="backslashreplace") as f:
        if isinstance(data, list):
            f.writelines(listed(data))
        else:
            f.write("{")
            for n, (key, value) in enumerate(data.items()):
                f.write(("\n" if n == 0 else ",\n") + encode(key) + ":")
                f.writelines(listed(value) if isinstance(value, list) else [encode(value)])
            f.write("\n}")
        f.write("\n")
