"""Site names at the end of scraped headlines go (into `source`); subtitles stay."""
from __future__ import annotations

from mkdocs_corpus.pipeline.model import Article, Block
from mkdocs_corpus.pipeline.titles import strip_site_names


def _article(title: str, source: str | None = None, declared: bool = False) -> Article:
    first = Block("paragraph", "Lead.") if declared else Block("title", title)
    return Article(id=str(abs(hash(title))), path="a.txt", lang="en", lang_confidence=1.0, title=title, title_inferred=False,
                   source=source, dateline=None, authors=(), editors=(), published=None,
                   blocks=(first, Block("paragraph", "Lead.")), words=1, reading_minutes=1)


def _titles(*titles: str) -> list[tuple[str, str | None]]:
    return [(a.title, a.source) for a in strip_site_names(_article(t) for t in titles)]


def test_site_names_go_and_become_the_source() -> None:
    assert _titles(
        "吉村知事、対コロナで「ぐるなびと提携する」（サンケイスポーツ） - Yahoo!ニュース",
        "ロケット発射、２６日に延期 北海道の宇宙ベンチャー｜静岡新聞アットエス",
        "Oil prices rise as OPEC meets | Reuters",
        "Storm closes schools across the county – BBC News",
        "Brasse-Camarade parmi les géants - l-express.ca",
    ) == [
        ("吉村知事、対コロナで「ぐるなびと提携する」（サンケイスポーツ）", "Yahoo!ニュース"),
        ("ロケット発射、２６日に延期 北海道の宇宙ベンチャー", "静岡新聞アットエス"),
        ("Oil prices rise as OPEC meets", "Reuters"),
        ("Storm closes schools across the county", "BBC News"),
        ("Brasse-Camarade parmi les géants", "l-express.ca"),
    ]


def test_a_name_that_ends_several_headlines_is_a_site() -> None:
    # "RT Deutsch" has no word outlets name themselves by; it recurs, so it is a site, not a subtitle.
    assert _titles("USA bedrohen deutsche Unternehmen - RT Deutsch", "Neue Sanktionen gegen Moskau - RT Deutsch") == [
        ("USA bedrohen deutsche Unternehmen", "RT Deutsch"), ("Neue Sanktionen gegen Moskau", "RT Deutsch")]


def test_chained_site_names_all_go() -> None:
    assert _titles("お笑い赤坂亭 ５カ月ぶり定例寄席 プロの話芸、来場者引き込む：山陽新聞デジタル｜さんデジ",
                   "茅の輪くぐってコロナ禍払い 岡山神社で恒例の祭：山陽新聞デジタル｜さんデジ")[0] == (
        "お笑い赤坂亭 ５カ月ぶり定例寄席 プロの話芸、来場者引き込む", "さんデジ")


def test_subtitles_stay() -> None:
    titles = ("Wirecard - Flucht nach vorne", "Nord- und Ostsee - Mehr Windenergie",
              "Fimm ný smit á Íslandi - Þrjú innanlands", "Brexit: what happens next",
              'Brynjólfur vekur umtal: „Þessi maður skilur um hvað fótbolti er“', "Paris - Roubaix",
              "The Glee curse - the tragic fate of the Glee stars")
    assert _titles(*titles) == [(t, None) for t in titles]


def test_a_declared_source_and_title_win() -> None:
    kept = strip_site_names([_article("Oil prices rise as OPEC meets | Reuters", source="Reuters Deutschland"),
                             _article("Storm closes schools – BBC News", declared=True)])
    assert [(a.title, a.source) for a in kept] == [("Oil prices rise as OPEC meets", "Reuters Deutschland"),
                                                   ("Storm closes schools – BBC News", None)]


def test_sites_in_other_scripts_get_listings_of_their_own() -> None:
    from mkdocs_corpus.site.urls import source_key

    names = ["静岡新聞アットエス", "北海道新聞 どうしん電子版", "山形新聞", "RT 米国ニュース", "RT 电视台美国新闻", "RT USA News"]
    assert len({source_key(n) for n in names}) == len(names)
    assert [source_key(n) for n in ("Reuters", "RT en français", "Süddeutsche Zeitung")] == [
        "reuters", "rt-en-francais", "suddeutsche-zeitung"]
