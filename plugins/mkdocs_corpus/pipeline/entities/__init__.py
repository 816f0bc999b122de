"""Entity stage: people, places and organisations across languages, one entity each."""
from .index import Aligned, build_index
from .model import TYPES, Entity, EntityIndex, Mention
from .registry import Registry, load_registry

__all__ = ["Aligned", "Entity", "EntityIndex", "Mention", "Registry", "TYPES", "build_index", "load_registry"]
