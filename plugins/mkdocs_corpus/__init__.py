"""mkdocs-corpus: publish a multilingual news corpus as a MkDocs Material archive."""
from __future__ import annotations

__version__ = "0.1.0"
