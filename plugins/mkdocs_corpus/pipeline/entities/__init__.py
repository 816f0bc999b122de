"""Entity stage: people, places and organisations across languages, one entity each."""
from .counterparts import Similarity
from .index import build_index
from .model import TYPES, Entity, EntityIndex, Mention
from .registry import Registry, load_registry
from .translated import Aligned

__all__ = ["Aligned", "Entity", "EntityIndex", "Mention", "Registry", "Similarity", "TYPES", "build_index", "load_registry"]
