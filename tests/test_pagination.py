"""One definition of pagination (site/pagination.py), shared by the article lists, the A–Z index and the entity
pages: the page count, where each page goes, its slice of the list, and its heading."""
from __future__ import annotations

from mkdocs_corpus.site.pagination import paginate


def test_pages_sources_slices_and_positions() -> None:
    pages = paginate("abcdefg", 3, "browse/all")
    assert [(p.number, p.count, p.src, "".join(p.items), p.start) for p in pages] == [
        (1, 3, "browse/all/index.md", "abc", 1), (2, 3, "browse/all/2.md", "def", 4), (3, 3, "browse/all/3.md", "g", 7)]
    assert all(p.srcs == ("browse/all/index.md", "browse/all/2.md", "browse/all/3.md") for p in pages)
    assert [p.count for p in paginate("abcdef", 3, "x")] == [2, 2]  # a full last page adds no empty one


def test_an_empty_list_has_one_page_and_the_first_page_may_go_elsewhere() -> None:
    [only] = paginate([], 50, "browse/all")
    assert (only.number, only.count, only.src, list(only.items), only.srcs) == (1, 1, "browse/all/index.md", [],
                                                                            ("browse/all/index.md",))
    pages = paginate([1, 2, 3], 2, "entities/vienna", first="entities/vienna.md")
    assert [p.src for p in pages] == ["entities/vienna.md", "entities/vienna/2.md"]


def test_headings_say_which_page_in_the_interface_language() -> None:
    first, second = paginate(range(4), 2, "x")
    assert first.heading("All articles", "de") == "All articles"
    assert second.heading("All articles", "en") == "All articles (page 2 of 2)"
    assert second.heading("All articles", "de") == "All articles (Seite 2 von 2)"
