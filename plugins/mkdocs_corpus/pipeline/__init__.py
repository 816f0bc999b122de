"""Files to corpus, stories and entity index: plain functions over dataclasses, no MkDocs, no SQLite."""
