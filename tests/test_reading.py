"""Read stage: any encoding a scraper produces, front matter read safely, bad files refused."""
from __future__ import annotations

import codecs

import pytest
from mkdocs_corpus.pipeline.reading import Unreadable, decode, list_corpus, read_source, split_front_matter

TEXT = "Zürich: Grüße aus Köln. Сергей Шойгу прибыл в Москву."


@pytest.mark.parametrize(
    "data",
    [
        TEXT.encode("utf-8"),
        codecs.BOM_UTF8 + TEXT.encode("utf-8"),
        codecs.BOM_UTF16_LE + TEXT.encode("utf-16-le"),
        codecs.BOM_UTF16_BE + TEXT.encode("utf-16-be"),
        TEXT.encode("utf-16-le"),
    ],
    ids=["utf-8", "utf-8-bom", "utf-16-le-bom", "utf-16-be-bom", "utf-16-le-no-bom"],
)
def test_unicode_encodings_decode_exactly(data: bytes) -> None:
    assert read_source("a.txt", data).text == TEXT


def test_latin1_and_cp1251_are_detected() -> None:
    german = "Die Bundesregierung in Berlin äußerte sich am Mittwoch überraschend zu den Plänen für größere Straßen."
    assert read_source("a.txt", german.encode("latin-1")).text == german
    russian = "Министр обороны России Сергей Шойгу присутствовал на встрече в Кремле в четверг вечером."
    source = read_source("a.txt", russian.encode("cp1251"))
    assert source.text == russian and source.encoding.startswith(("cp1251", "windows_1251", "windows-1251"))


def test_mojibake_is_repaired() -> None:
    russian = "Министр обороны России Сергей Шойгу присутствовал на встрече в Кремле."
    mangled = russian.encode("cp1251").decode("latin-1")
    source = read_source("a.txt", mangled.encode("utf-8"))
    assert source.text == russian and any("mojibake" in note for note in source.notes)
    french = "L'ancien président était présent à la réunion à Genève."
    broken = french.encode("utf-8").decode("latin-1")
    assert read_source("a.txt", broken.encode("utf-8")).text == french


def test_text_is_normalised() -> None:
    nfd = "Mu\u0308nchen\r\nPu\u200btin\rend\x07"
    assert read_source("a.txt", nfd.encode("utf-8")).text == "München\nPutin\nend"


@pytest.mark.parametrize("data", [b"", b"   \n\n\t ", b"\x00\x01\x02\xff\xfe\x00" * 200], ids=["empty", "blank", "binary"])
def test_no_text_is_unreadable(data: bytes) -> None:
    with pytest.raises(Unreadable):
        read_source("a.txt", data)


def test_png_is_binary() -> None:
    with pytest.raises(Unreadable, match="binary"):
        decode(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4)


def test_front_matter_is_read() -> None:
    meta, body, warning = split_front_matter("---\ntitle: Hello\nauthors: [A, B]\n---\nText here.\n")
    assert meta == {"title": "Hello", "authors": ["A", "B"]} and body == "Text here.\n" and warning is None


def test_malformed_front_matter_is_a_warning_with_line() -> None:
    meta, body, warning = split_front_matter("---\ntitle: Hello\nauthors: [A, B\n---\nText.\n")
    assert meta == {} and body == "Text.\n"
    assert warning is not None and "not valid YAML" in warning and "line" in warning


def test_python_tags_are_never_constructed() -> None:
    meta, _, warning = split_front_matter("---\ntitle: !!python/object/apply:os.system ['echo pwned']\n---\nText.\n")
    assert meta == {} and warning is not None


def test_front_matter_must_be_a_mapping() -> None:
    meta, _, warning = split_front_matter("---\n- a\n- b\n---\nText.\n")
    assert meta == {} and warning is not None and "mapping" in warning


def test_front_matter_only_in_markdown_files() -> None:
    text = "---\ntitle: x\n---\nBody."
    assert read_source("a.txt", text.encode()).text == text
    assert read_source("a.md", text.encode()).front_matter == {"title": "x"}
    with pytest.raises(Unreadable):
        read_source("b.md", b"---\ntitle: only\n---\n")


def test_listing_ignores_hidden_and_refuses_outside_links(tmp_path) -> None:
    corpus = tmp_path / "corpus"
    (corpus / "sub").mkdir(parents=True)
    (corpus / ".git").mkdir()
    (corpus / ".git" / "x.txt").write_text("hidden")
    (corpus / ".hidden.txt").write_text("hidden")
    (corpus / "a.txt").write_text("A")
    (corpus / "sub" / "b.md").write_text("B")
    (corpus / "notes.pdf").write_bytes(b"%PDF")
    (corpus / "entities.yml").write_text("[]")
    secret = tmp_path / "secret.txt"
    secret.write_text("secret")
    (corpus / "leak.txt").symlink_to(secret)
    (corpus / "inside.txt").symlink_to(corpus / "a.txt")
    listing = list_corpus(corpus)
    assert listing.articles == ("a.txt", "inside.txt", "sub/b.md")
    assert listing.registry == "entities.yml"
    reasons = {path: reason for path, reason, _ in listing.skipped}
    assert "outside the corpus" in reasons["leak.txt"] and "not an article" in reasons["notes.pdf"]
