"""How the translation stage's cost grows with the corpus.

    .venv/bin/python bench/bench_translations.py [N,N,...] [--cache FILE]   (default 1000,5000)

Corpus of N articles: the WMT21 parallel set (1,097 articles in 8 languages, 430 stories),
filled up with English Reuters-21578 newswire (unpacked to a temporary folder). Prints, per N,
the embedding cost (the encoder over every sentence) apart from the grouping cost (anchors,
candidate blocking, pair scoring, greedy assignment) and the alignment of every linked pair.
Skips cleanly (exit 0) when the test data is absent. --cache FILE reuses sentence vectors
between runs (then the embedding column shows cache reads, not encoder time).
"""
from __future__ import annotations

import csv
import sys
import tarfile
import tempfile
import time
from pathlib import Path

import numpy as np
from threadpoolctl import threadpool_limits

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "plugins"))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from eval_translations import CachedEmbedder, read_text  # noqa: E402
from mkdocs_corpus.pipeline.translations import Version, find_stories  # noqa: E402
from mkdocs_corpus.pipeline.translations.anchors import AnchorIndex, article_anchors  # noqa: E402
from mkdocs_corpus.pipeline.translations.embeddings import embed_corpus  # noqa: E402
from mkdocs_corpus.pipeline.translations.scoring import candidate_pairs, pair_features  # noqa: E402

TESTDATA = Path(__file__).resolve().parents[2] / "shared" / "testdata"


def parallel_versions(folder: Path) -> list[Version]:
    with open(folder / "languages.tsv", encoding="utf-8") as f:
        lang = {r["file"]: r["lang"] for r in csv.DictReader(f, delimiter="\t")}
    return [_version(path, lang[path.name]) for path in sorted((folder / "articles").glob("*.txt"))]


def reuters_versions(archive: Path, limit: int, workdir: Path) -> list[Version]:
    if limit <= 0:
        return []
    with tarfile.open(archive) as tar:
        tar.extractall(workdir, filter="data")
    paths = sorted(workdir.rglob("*.txt"))[:limit]
    return [_version(path, "en") for path in paths]


def _version(path: Path, lang: str) -> Version:
    headline, _, body = read_text(path).strip("\n").partition("\n")
    units = [headline.strip()] + [p.strip() for p in body.split("\n\n") if p.strip()]
    return Version(f"{lang}-{path.stem}", lang, tuple(u for u in units if u))


class Precomputed:
    """Hands back vectors computed beforehand, so find_stories' timing is grouping only."""

    def __init__(self, texts: list[str], vectors: np.ndarray, languages: frozenset[str]) -> None:
        self.rows = {text: row for row, text in enumerate(texts)}
        self.vectors, self.languages = vectors, languages

    def __call__(self, texts: list[str]) -> np.ndarray:
        return self.vectors[[self.rows[t] for t in texts]]


def run(versions: list[Version], embedder: CachedEmbedder) -> dict[str, float]:
    from mkdocs_corpus.pipeline.translations.embeddings import split_sentences

    texts = list(dict.fromkeys(s for v in versions for u in v.units for s in split_sentences(u)))
    words = sum(len(t.split()) for t in texts)
    started = time.perf_counter()
    vectors = embedder(texts)
    embedded = time.perf_counter()
    fast = Precomputed(texts, vectors, embedder.languages)

    # The grouping steps on their own (find_stories runs them again, with alignment).
    langs = [v.lang for v in versions]
    corpus = embed_corpus(versions, fast)
    t0 = time.perf_counter()
    with threadpool_limits(limits=1, user_api="blas"):  # as find_stories does
        anchors = AnchorIndex([article_anchors(v.units) for v in versions])
        pairs = candidate_pairs(corpus, langs, anchors)
        t1 = time.perf_counter()
        pair_features(corpus, anchors, langs, pairs)
    t2 = time.perf_counter()
    result = find_stories(versions, embedder=fast)
    t3 = time.perf_counter()
    return {
        "articles": len(versions),
        "sentences": len(texts),
        "words": words,
        "embed_s": embedded - started,
        "candidates": len(pairs),
        "blocking_s": t1 - t0,
        "scoring_s": t2 - t1,
        "find_stories_s": t3 - t2,
        "stories": len(result.stories),
        "alignments": sum(len(s.alignments) for s in result.stories),
    }


def main(argv: list[str]) -> int:
    cache = Path(argv[argv.index("--cache") + 1]) if "--cache" in argv else None
    args = [a for a in argv if not a.startswith("--") and a != str(cache)]
    sizes = [int(n) for n in (args[0] if args else "1000,5000").split(",")]
    parallel, archive = TESTDATA / "parallel", TESTDATA / "large" / "reuters21578.tar.gz"
    if not (parallel / "languages.tsv").exists() or not archive.exists():
        print(f"skipped: test data not found under {TESTDATA}")
        return 0
    base = parallel_versions(parallel)
    with tempfile.TemporaryDirectory() as tmp:
        filler = reuters_versions(archive, max(sizes) - len(base), Path(tmp))
    print("N = parallel set first, then English Reuters; times in seconds on this machine")
    print(f"{'N':>6} {'sentences':>9} {'words':>8} {'embed':>8} {'words/s':>8} {'cands':>8} "
          f"{'blocking':>8} {'scoring':>8} {'find_stories':>12} {'stories':>7} {'aligns':>6}")
    for n in sizes:
        # A fresh embedder per N (unless --cache): each row pays for all of its own sentences.
        row = run((base + filler)[:n], CachedEmbedder(cache))
        print(f"{row['articles']:>6} {row['sentences']:>9} {row['words']:>8} {row['embed_s']:>8.1f} "
              f"{row['words'] / max(row['embed_s'], 1e-9):>8.0f} {row['candidates']:>8} {row['blocking_s']:>8.2f} "
              f"{row['scoring_s']:>8.2f} {row['find_stories_s']:>12.2f} {row['stories']:>7} {row['alignments']:>6}",
              flush=True)
    print("find_stories = blocking + scoring + assignment + alignment of every pair in every story,"
          " with vectors precomputed (embedding is the 'embed' column)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
