"""Measure translation detection on real parallel news (WMT21 test sets, 8 languages).

    .venv/bin/python bench/eval_translations.py [PARALLEL_DIR] [--cache FILE] [--fit]

Reads PARALLEL_DIR (default ../shared/testdata/parallel; prints "skipped" and exits 0 when it
is absent), turns each file into a Version as the pipeline would (mojibake repaired, language
identified automatically, headline first then blank-line separated paragraphs), runs
`find_stories`, and scores the result exactly as `tools/score.py pairs` scores a built site:
the unordered pairs given by each article's `translations` (lang -> article id) against
pairs.tsv. Prints precision, recall, F1, a per-language-pair table and the time taken.

--fit refits the link model (detection.DEFAULT_MODEL) and shows how well it generalises:
the stories are split in two halves by a hash of their id; a model fitted on one half is run
end to end on the whole corpus and scored only on the other half's articles, and the other
way round. The model shipped is the fit on all stories; its held-out figures are the ones to
trust. The threshold is not tuned: 0.5, a link more likely right than wrong.
--cache FILE keeps sentence vectors between runs (keyed by the text's hash).
"""
from __future__ import annotations

import csv
import hashlib
import sys
import time
from collections import Counter
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "plugins"))

from mkdocs_corpus.pipeline.translations import UseEmbedder, Version, find_stories  # noqa: E402
from mkdocs_corpus.pipeline.translations.anchors import AnchorIndex, article_anchors  # noqa: E402
from mkdocs_corpus.pipeline.translations.detection import LinkModel, covered_pairs  # noqa: E402
from mkdocs_corpus.pipeline.translations.embeddings import embed_corpus  # noqa: E402
from mkdocs_corpus.pipeline.translations.scoring import candidate_pairs, pair_features  # noqa: E402

DEFAULT_DIR = Path(__file__).resolve().parents[2] / "shared" / "testdata" / "parallel"
LANGUAGES = ["en", "de", "fr", "ru", "ja", "zh", "cs", "is", "es", "it", "pl", "pt", "nl", "ar",
             "ko", "tr", "uk", "sv", "da", "no", "fi"]


class CachedEmbedder:
    """The real encoder, with vectors kept on disk so repeated runs skip the slow part."""

    languages = UseEmbedder.languages

    def __init__(self, path: Path | None) -> None:
        self.path, self.inner, self.cache = path, UseEmbedder(), {}
        if path and path.exists():
            with np.load(path) as stored:
                self.cache = dict(zip(stored["keys"].tolist(), stored["vectors"], strict=True))

    def __call__(self, texts: list[str]) -> np.ndarray:
        keys = [hashlib.sha1(text.encode()).hexdigest() for text in texts]
        missing = dict(zip(keys, texts, strict=True))
        missing = {k: t for k, t in missing.items() if k not in self.cache}
        if missing:
            vectors = self.inner(list(missing.values()))
            self.cache.update(zip(missing, vectors, strict=True))
            if self.path:
                np.savez(self.path, keys=np.array(list(self.cache)), vectors=np.stack(list(self.cache.values())))
        if not keys:
            return np.zeros((0, 512), dtype=np.float32)
        return np.stack([self.cache[k] for k in keys])


def read_text(path: Path) -> str:
    text = path.read_bytes().decode("utf-8", errors="replace").replace("\r\n", "\n")
    letters = [ch for ch in text if ch.isalpha()]
    # Cyrillic saved as Windows-1251 and read as Latin-1 is all U+00C0..U+00FF; ftfy does
    # not undo that code page (and drops some of its letters if run first).
    if letters and sum("\u00c0" <= ch <= "\u00ff" for ch in letters) > 0.4 * len(letters):
        text = text.encode("latin-1", errors="ignore").decode("cp1251", errors="replace")
    import ftfy

    return ftfy.fix_text(text)


def load_versions(folder: Path) -> list[Version]:
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    identifier = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    identifier.set_languages(LANGUAGES)
    versions = []
    for path in sorted((folder / "articles").glob("*.txt")):
        text = read_text(path)
        headline, _, body = text.strip("\n").partition("\n")
        units = [headline.strip()] + [p.strip() for p in body.split("\n\n") if p.strip()]
        lang = str(identifier.classify(text)[0])
        versions.append(Version(path.name, lang, tuple(u for u in units if u)))
    return versions


def read_gold(folder: Path) -> tuple[set[frozenset[str]], dict[str, str]]:
    with open(folder / "pairs.tsv", encoding="utf-8") as f:
        gold = {frozenset((r["file_a"], r["file_b"])) for r in csv.DictReader(f, delimiter="\t")}
    with open(folder / "languages.tsv", encoding="utf-8") as f:
        story = {r["file"]: r["story"] for r in csv.DictReader(f, delimiter="\t")}
    return gold, story


def found_pairs(result) -> set[frozenset[str]]:  # type: ignore[no-untyped-def]
    """What score.py reads: each article's `translations` (lang -> id), as unordered pairs."""
    found = set()
    for story in result.stories:
        for article in story.members:
            for other in story.members:
                if other != article:
                    found.add(frozenset((article, other)))
    return found


def report(found: set[frozenset[str]], gold: set[frozenset[str]], lang: dict[str, str], title: str) -> None:
    tp = len(found & gold)
    p = tp / len(found) if found else 0.0
    r = tp / len(gold) if gold else 0.0
    f1 = 2 * p * r / (p + r) if p + r else 0.0
    print(f"{title}: precision {p:.3f} recall {r:.3f} F1 {f1:.3f} ({tp}/{len(gold)} gold, {len(found)} found)")


def by_language_pair(found: set[frozenset[str]], gold: set[frozenset[str]], lang: dict[str, str]) -> None:
    def key(pair: frozenset[str]) -> str:
        return "-".join(sorted(lang[a] for a in pair))

    golds, founds, hits = Counter(map(key, gold)), Counter(map(key, found)), Counter(map(key, found & gold))
    print(f"{'pair':7} {'gold':>5} {'found':>5} {'right':>5} {'P':>6} {'R':>6}")
    for k in sorted(set(golds) | set(founds)):
        p = hits[k] / founds[k] if founds[k] else float("nan")
        r = hits[k] / golds[k] if golds[k] else float("nan")
        print(f"{k:7} {golds[k]:5} {founds[k]:5} {hits[k]:5} {p:6.3f} {r:6.3f}")


def fit_logistic(x: np.ndarray, y: np.ndarray, l2: float = 1e-2) -> np.ndarray:
    """Plain L2-regularised logistic regression by Newton steps (a handful of features)."""
    w = np.zeros(x.shape[1])
    for _ in range(50):
        p = 1 / (1 + np.exp(-np.clip(x @ w, -50, 50)))
        gradient = x.T @ (p - y) + l2 * w
        hessian = (x * (p * (1 - p))[:, None]).T @ x + l2 * np.eye(len(w))
        w -= np.linalg.solve(hessian, gradient)
    return w


def fit_model(features: np.ndarray, covered: np.ndarray, y: np.ndarray) -> LinkModel:
    # Shared anchor weights, separate bias and sentence weights for uncovered languages.
    c, u = covered.astype(float), 1 - covered.astype(float)
    b, bm, a, am = features.T
    x = np.column_stack([np.ones_like(b), c * b, c * bm, u * b, u * bm, a, am, u])
    w = fit_logistic(x, y)
    return LinkModel(
        covered=tuple(round(float(v), 2) for v in (w[0], w[1], w[2], w[5], w[6])),
        uncovered=tuple(round(float(v), 2) for v in (w[0] + w[7], w[3], w[4], w[5], w[6])),
    )


def refit(versions: list[Version], gold: set[frozenset[str]], story: dict[str, str], embedder: CachedEmbedder) -> None:
    langs = [v.lang for v in versions]
    vectors = embed_corpus(versions, embedder)
    anchors = AnchorIndex([article_anchors(v.units) for v in versions])
    pairs = candidate_pairs(vectors, langs, anchors)
    features = pair_features(vectors, anchors, langs, pairs)
    covered = covered_pairs(pairs, langs, embedder.languages)
    ids = [v.article_id for v in versions]
    y = np.array([frozenset((ids[i], ids[j])) in gold for i, j in pairs.tolist()], dtype=float)
    print(f"candidates: {len(pairs)} pairs hold {int(y.sum())} of {len(gold)} gold pairs")

    def half(article: str) -> int:
        return int(hashlib.md5(story.get(article, article).encode()).hexdigest(), 16) % 2

    pair_half = np.array([half(ids[i]) for i in pairs[:, 0]])
    for train in (0, 1):
        model = fit_model(features[pair_half == train], covered[pair_half == train], y[pair_half == train])
        result = find_stories(versions, embedder=embedder, model=model)
        test = {a for a in ids if half(a) != train}
        found = {p for p in found_pairs(result) if p & test}
        report(found, {p for p in gold if p <= test}, {}, f"fit on half {train}, scored on half {1 - train}")
    model = fit_model(features, covered, y)
    print(f"fit on all stories: {model}")


def main(argv: list[str]) -> int:
    cache = Path(argv[argv.index("--cache") + 1]) if "--cache" in argv else None
    args = [a for a in argv if not a.startswith("--") and a != str(cache)]
    folder = Path(args[0]) if args else DEFAULT_DIR
    if not (folder / "pairs.tsv").exists():
        print(f"skipped: no parallel test data at {folder}")
        return 0
    gold, story = read_gold(folder)
    started = time.perf_counter()
    versions = load_versions(folder)
    loaded = time.perf_counter()
    embedder = CachedEmbedder(cache)
    if "--fit" in argv:
        refit(versions, gold, story, embedder)
        return 0
    result = find_stories(versions, embedder=embedder)
    done = time.perf_counter()
    lang = {v.article_id: v.lang for v in versions}
    found = found_pairs(result)
    report(found, gold, lang, "translation pairs")
    by_language_pair(found, gold, lang)
    print(f"articles {len(versions)}, stories {len(result.stories)}, problems {len(result.problems)}")
    print(f"time: read+language {loaded - started:.1f} s, find_stories {done - loaded:.1f} s"
          + (" (vectors from cache)" if cache and cache.exists() else ""))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
