"""Files Material copies into every site that no page of ours loads.

Material ships its search (the lunr library with its language packs, about 0.9 MB, and the search worker) and
a source map beside each of its scripts and style sheets (about 1.3 MB): a site built without Material's search
plugin never loads the first, and a reader's browser never loads the second (only developer tools do). Only
the theme's own copies go: a file of the same path in the user's docs/ is theirs and stays.
"""
from __future__ import annotations

from importlib.resources import files as resources
from pathlib import Path

from mkdocs.structure.files import Files

MATERIAL = Path(str(resources("material")))
SEARCH_ONLY = ("assets/javascripts/lunr/", "assets/javascripts/workers/search.")


def unused_theme_files(files: Files, material_search: bool) -> list[str]:
    """The src_uri of each file of Material's package in `files` that no page loads."""
    unused = []
    for file in files:
        if not file.abs_src_path or not Path(file.abs_src_path).is_relative_to(MATERIAL):
            continue
        if file.src_uri.endswith(".map") or (not material_search and file.src_uri.startswith(SEARCH_ONLY)):
            unused.append(file.src_uri)
    return unused


def drop_unused_theme_files(files: Files, material_search: bool) -> int:
    """Remove them from `files` (so MkDocs does not copy them); how many went."""
    unused = unused_theme_files(files, material_search)
    for src_uri in unused:
        file = files.get_file_from_path(src_uri)
        if file is not None:
            files.remove(file)
    return len(unused)
