"""No file can make a build crawl: every regular expression that sees article text (or a page made of it)
runs in linear time.

Each pattern is listed below with the way the code uses it (`search`, `match`, `split`, ...). Each is run on
adversarial inputs of size n and 4n (n grown until one run takes a few milliseconds of CPU), and the ratio of
the times must stay well below the 16 of a quadratic pattern (a linear one gives about 4). A test finds every module-level pattern of the
package and every inline `re.*` call, so a new pattern must be listed here (or the build's code changed to
use a listed one) before the suite passes.
"""
from __future__ import annotations

import ast
import importlib
import re
import time
from collections.abc import Callable
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow  # times every pattern on growing inputs: about a minute

PACKAGE = Path(__file__).resolve().parent.parent / "plugins" / "mkdocs_corpus"

# How each pattern is used on text from the corpus: the method the code calls.
USES: dict[str, str] = {
    "pipeline.cleaning:_BULLET_PREFIX": "sub",
    "pipeline.cleaning:_SENTENCE_END": "search",
    "pipeline.cleaning:_UPPER_WORD": "findall",
    "pipeline.cleaning:_DATELINE": "match",
    "pipeline.cleaning:_WIRE_DATELINE": "match",
    "pipeline.cleaning:_SIGN_OFF": "match",
    "pipeline.cleaning:_CREDITS": "match",
    "pipeline.cleaning:_ROLE": "search",
    "pipeline.cleaning:_BYLINE": "match",
    "pipeline.cleaning:_NAME_SEPARATOR": "split",
    "pipeline.cleaning:_IN_PLACE": "findall",
    "pipeline.cleaning:_LEAD_SENTENCE": "split",
    "pipeline.cleaning:_ISO_DATE": "sub",
    "pipeline.cleaning:_LONG_DATE": "sub",
    "pipeline.cleaning:_DATED_DATELINE": "match",
    "pipeline.cleaning:_BYLINE_DATE": "match",
    "pipeline.length:CJK": "sub",
    "pipeline.length:_WORD": "findall",
    "pipeline.titles:_SEPARATOR": "findall",
    "pipeline.titles:_OUTLET": "search",
    "pipeline.titles:_DOMAIN": "match",
    "pipeline.titles:_SENTENCE": "search",
    "pipeline.originals:_NAME": "findall",
    "pipeline.originals:_PHRASE": "findall",
    "pipeline.originals:_LETTERS": "findall",
    "pipeline.entities.counterparts:_KATAKANA": "findall",
    "pipeline.entities.counterparts:_LATIN_RUN": "findall",
    "pipeline.reading:_CONTROL": "sub",
    "pipeline.reading:_FRONT_MATTER": "match",
    "pipeline.analysis:_SEED_ID": "search",
    "pipeline.analysis:_DECLARED_DATE": "fullmatch",
    "pipeline.text:ID": "fullmatch",
    "pipeline.text:_NOT_SLUG": "sub",
    "pipeline.text:CONTROL": "sub",
    "pipeline.text:LANG_CODE": "fullmatch",
    "engine.cache:_DATE": "fullmatch",  # cached analyses are input too
    "pipeline.translations.anchors:_NUMBER": "findall",
    "pipeline.translations.anchors:_WORD": "findall",
    "pipeline.translations.anchors:_NOT_DIGIT": "sub",
    "pipeline.translations.anchors:_NOT_LETTER": "sub",
    "pipeline.translations.embeddings:_SENTENCE_END": "split",
    "pipeline.entities.names:_POSSESSIVE": "sub",
    "pipeline.entities.names:_SPACES": "sub",
    "pipeline.entities.names:DOUBLE_LETTER": "sub",
    "pipeline.entities.names:SIGNS": "sub",
    "pipeline.entities.kana:KATAKANA": "search",
    "pipeline.entities.kana:_SOUND": "sub",
    "pipeline.entities.kana:_MUTE_R": "sub",
    "pipeline.entities.kana:_TH": "sub",
    "pipeline.entities.kana:_HARD": "sub",
    "pipeline.entities.romaji:_KANJI_NAME": "fullmatch",
    "pipeline.entities.romaji:_ROMAJI_WORD": "fullmatch",
    "pipeline.entities.kana:_VOWELS": "sub",
    "pipeline.entities.kana:_WORD": "findall",
    "pipeline.entities.kana:_LOWER_RUN": "findall",
    "pipeline.entities.kana:_DESCRIPTOR": "fullmatch",
    "pipeline.entities.names:_HAN_NAME": "fullmatch",
    "pipeline.entities.scripts:_LATIN": "search",
    "pipeline.entities.scripts:_VOWEL_W": "sub",
    "pipeline.entities.scripts:_SILENT": "sub",
    "pipeline.entities.scripts:_WORD": "findall",
    "pipeline.entities.scripts:_FEMININE": "sub",
    "pipeline.entities.scripts:_ACRONYM": "match",
    "pipeline.entities.index:_HEADLINE_WORD": "findall",
    "pipeline.entities.apart:SEVERAL_WORDS": "search",
    "pipeline.entities.names:_NOT_WORD": "sub",
    "pipeline.entities.names:_TOKEN": "findall",
    "pipeline.entities.registry:_WIKIDATA": "fullmatch",
    "pipeline.entities.registry:_COUNTRY": "fullmatch",
    "pipeline.recognition.tokens:_TOKEN": "findall",
    "pipeline.recognition.tokens:_WORD": "findall",
    "pipeline.recognition.tokens:_CHAR": "findall",
    "pipeline.recognition.tagger:_KANA": "search",
    "pipeline.recognition.tagger:_HAN": "search",
    "pipeline.recognition.tagger:_CYRILLIC": "search",
    "pipeline.recognition.tagger:_DEVANAGARI": "search",
    "pipeline.recognition.tagger:_SEPARATOR": "findall",
    "pipeline.recognition.tagger:_REGION_THEN_NAME": "findall",
    "pipeline.recognition.features:_ORG_DE": "search",
    "pipeline.recognition.features:_ORG_EN": "search",
    "pipeline.recognition.features:_DIGIT": "sub",
    "pipeline.recognition.features:_UPPER": "sub",
    "pipeline.recognition.features:_LOWER": "sub",
    "pipeline.recognition.features:_RUN_OF_THREE": "sub",
    "pipeline.recognition.features:_RUN": "sub",
    "site.html:_SLUG": "sub",
    "site.compact:_BROKEN_RUN": "sub",
    "site.stories:_SAFE_KEY": "fullmatch",
    "site.search_pages:_WORDS": "split",  # entity names, as the corpus spells them
    # These read the rendered page, which holds the article's (escaped) text.
    "site.security:_SCRIPT_OPEN": "findall",
    "site.security:_SCRIPT_CLOSE": "search",
    "site.security:_CONTENT_OPEN": "findall",
    "site.security:_CHARSET": "search",
    "site.security:_DATA_TYPE": "search",
    "engine.render_session:ANCHOR_ID": "findall",
    "engine.pagefind:LANG": "search",
}
# Patterns that never see the corpus's text, with what they do read.
NOT_ARTICLE_TEXT = {
    "site.language_names:_THEME_LANGUAGE": "a Material template file",
    "pipeline.entities.gazetteer:_UNSPACED_SCRIPT": "GeoNames city names",
    "site.compact:_KEPT": "the page's own tags: article text reaches the page escaped, with no `<`",
    "site.compact:_TAG_BREAK": "the page's own tags: article text reaches the page escaped, with no `<`",
}

# Adversarial inputs: each makes some pattern shape retry from every position (`\s*X`, `[\w ]+$`, lazy
# `.*?` without its end, a prefix repeated without what must follow it).
FAMILIES: dict[str, Callable[[int], str]] = {
    "spaces": lambda n: "x" + " " * n + "!",
    "letters": lambda n: "A" + "a" * n + "!",
    "words": lambda n: "Word " * (n // 5) + "!",
    "credits in places": lambda n: "in Xa " * (n // 6) + ".",
    "credits names": lambda n: "(Reporting by " + "Anna Berg, " * (n // 11),
    "dateline": lambda n: "MOSCOW " * (n // 7) + "(Reuters",
    "dots": lambda n: ". " * (n // 2) + "x",
    "digits": lambda n: "1" * n + "x",
    "numbers": lambda n: "1,000 " * (n // 6) + ",",
    "capitals": lambda n: "AB. " * (n // 4) + "x",
    "hyphens": lambda n: "a-" * (n // 2) + "-",
    "apostrophes": lambda n: "a'" * (n // 2) + "'s",
    "lines": lambda n: "---\n" + "a: b\n" * (n // 5) + "--",
    "date then spaces": lambda n: "2020-01-01 " + " " * n + "\nx",
    "cjk": lambda n: "中。" * (n // 2),
    "markup": lambda n: '<script id="x' * (n // 13) + '<article class="md-content__inner',
    "repeats": lambda n: "aab" * (n // 3),
    "controls": lambda n: "\x00\u2028a" * (n // 3),
}

MIN_SECONDS = 0.002  # grow n until one run takes this much CPU time, so that timer noise is small
MAX_CHARS = 1 << 18  # a linear pattern too fast to time at this size cannot crawl
GROWTH = 4  # the input grows fourfold: time grows 4x if linear, 16x if quadratic
RATIO_LIMIT = 8.0  # their geometric mean: caches and a busy machine bend a linear ratio, never to 8


def _pattern(name: str) -> re.Pattern[str]:
    module, attr = name.split(":")
    return getattr(importlib.import_module(f"mkdocs_corpus.{module}"), attr)


def _runner(pattern: re.Pattern[str], method: str) -> Callable[[str], object]:
    if method == "findall":
        return lambda text: sum(1 for _ in pattern.finditer(text))
    if method == "sub":
        return lambda text: pattern.sub("", text)
    return getattr(pattern, method)


def _best(run: Callable[[str], object], text: str, runs: int) -> float:
    best = float("inf")
    for _ in range(runs):
        start = time.process_time()
        run(text)
        best = min(best, time.process_time() - start)
    return best


def growth(run: Callable[[str], object], family: Callable[[int], str], runs: int = 2) -> float | None:
    """t(GROWTH n) / t(n), n the least power of two (from 1,000) at which one run takes MIN_SECONDS; None when
    even MAX_CHARS is too fast to time. The size is found with single runs; only the two sizes compared are
    timed as the best of `runs` (a slow outlier then triggers assert_linear's re-measure, never a pass)."""
    n = 1000
    while n < MAX_CHARS and _best(run, family(n), 1) < MIN_SECONDS:
        n *= 2
    seconds = _best(run, family(n), runs)
    if seconds < MIN_SECONDS / 2:
        return None
    return _best(run, family(GROWTH * n), runs) / seconds


def assert_linear(run: Callable[[str], object], label: str, families: tuple[str, ...] = tuple(FAMILIES)) -> None:
    slow = {}
    for name in families:
        family = FAMILIES[name]
        ratio = growth(run, family)
        if ratio is not None and ratio >= RATIO_LIMIT:
            # The machine may be shared: the median of three measures, since a quadratic pattern is slow every
            # time and a busy neighbour only now and then.
            again = [growth(run, family, runs=7) for _ in range(2)]
            ratio = sorted(r if r is not None else 0.0 for r in (ratio, *again))[1]
        if ratio is not None and ratio >= RATIO_LIMIT:
            slow[name] = round(ratio, 2)
    assert not slow, f"{label}: time grows faster than the input on {slow}"


@pytest.mark.parametrize("name", sorted(USES))
def test_pattern_runs_in_linear_time(name: str) -> None:
    assert_linear(_runner(_pattern(name), USES[name]), name)


def test_the_measure_catches_a_quadratic_pattern() -> None:
    """The names splitter as it was, which took 25 s on a 48 kB credits line."""
    old = re.compile(r"\s*(?:,|;|&|\band\b|\bund\b|\bin\s+[A-Z][\w ]+$)\s*")
    with pytest.raises(AssertionError, match="credits in places"):
        assert_linear(old.split, "the old names splitter", ("words", "credits in places"))


def test_every_pattern_is_listed() -> None:
    """Each module-level pattern of the package is listed above; no `re` function takes an inline pattern."""
    found, inline = set(), []
    for path in sorted(PACKAGE.rglob("*.py")):
        module = ".".join(path.relative_to(PACKAGE).with_suffix("").parts).removesuffix(".__init__")
        tree = ast.parse(path.read_text(encoding="utf-8"))
        top = set()
        for node in tree.body:
            if isinstance(node, ast.Assign) and _is_re_call(node.value, "compile"):
                top.add(id(node.value))
                found.update(f"{module}:{target.id}" for target in node.targets if isinstance(target, ast.Name))
        for node in ast.walk(tree):
            if _is_re_call(node) and id(node) not in top:
                inline.append(f"{path.relative_to(PACKAGE)}:{node.lineno}")
    assert not inline, f"make these patterns module constants and list them in USES: {inline}"
    assert found == set(USES) | set(NOT_ARTICLE_TEXT), (
        f"unlisted: {sorted(found - set(USES) - set(NOT_ARTICLE_TEXT))}; gone: {sorted(set(USES) - found)}")


def _is_re_call(node: ast.AST, name: str | None = None) -> bool:
    return (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
            and isinstance(node.func.value, ast.Name) and node.func.value.id == "re"
            and (node.func.attr == name if name else node.func.attr in
                 {"compile", "search", "match", "fullmatch", "sub", "subn", "split", "findall", "finditer"}))
