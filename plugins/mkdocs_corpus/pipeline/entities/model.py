"""The entity index as plain data: mentions found in articles, and the entities they resolve to."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

EntityType = Literal["person", "place", "organisation", "other"]
TYPES: tuple[EntityType, ...] = ("person", "place", "organisation", "other")


@dataclass(frozen=True)
class Mention:
    """One name in one unit (title, paragraph, heading) of one article."""

    article: str
    unit: int  # index into `Article.blocks`
    start: int
    end: int
    surface: str
    type: EntityType
    lang: str
    curated: bool = False  # found by the registry's names rather than by recognition


@dataclass
class Entity:
    """One person, place or organisation, with every name it goes by in the corpus."""

    id: str
    type: EntityType
    name: str
    names: dict[str, list[str]] = field(default_factory=dict)  # lang -> surface forms seen, most frequent first
    articles: list[str] = field(default_factory=list)  # article ids, in corpus order
    mentions: int = 0
    wikidata: str | None = None
    curated: bool = False
    page: bool = True  # whether it has a page (and a place in the A–Z index): see `entity_min_articles`
    display: dict[str, str] = field(default_factory=dict)  # lang -> its name on a page in that language

    def name_in(self, lang: str | None) -> str:
        """Its name on a page in `lang` (`Russland` on a German page), else its own name."""
        return self.display.get(lang, self.name) if lang else self.name


@dataclass
class EntityIndex:
    """Every entity, and lookups from an article to what it mentions."""

    entities: list[Entity] = field(default_factory=list)
    by_id: dict[str, Entity] = field(default_factory=dict)
    # article id -> [(mention, entity id)], in reading order
    mentions_of: dict[str, list[tuple[Mention, str]]] = field(default_factory=dict)
    # (article id, entity id) -> that entity's mentions in that article, in reading order
    mentions_in: dict[tuple[str, str], list[Mention]] = field(default_factory=dict)

    def of_article(self, article_id: str) -> list[Entity]:
        """The entities an article mentions, most mentioned first."""
        ids = dict.fromkeys(entity_id for _, entity_id in self.mentions_of.get(article_id, ()))
        counts = {i: len(self.mentions_in[(article_id, i)]) for i in ids}
        return [self.by_id[i] for i in sorted(counts, key=lambda i: (-counts[i], self.by_id[i].name.casefold(), i))]
