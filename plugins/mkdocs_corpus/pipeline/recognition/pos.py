"""German part of speech and lemma from HanTa (Hanover Tagger, model inside its wheel), in sentence context.

The POS tags are those of `HanoverTagger.tag_sent` (tests/test_recognition.py checks it), several times faster:
HanTa analysed every word outside its lexicon morphologically each time it occurred (~1.5 ms a word) and then
lemmatised every word. Here a word form's analysis and emission scores are memoised, HanTa's morpheme lattice runs
with its lp_m_t inlined (`_analysis`, same result), and the sentence Viterbi looks up a known word's few tags instead
of scanning all followers. Lemmas are HanTa's, precomputed for the ~23k forms of its lexicon
(models/hanta_lemmas_de.tsv.gz); other words get none: in cross-validation that was no worse (0.713 vs 0.712
F1), while replacing the analysis of unknown words by cheap guesses cost 0.02-0.03 (bench/train_ner.py).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from functools import cache, lru_cache

import numpy as np

_BEAM = 5  # HanTa keeps the 5 best states of the previous word
_MAX_WORD = 64  # morpheme lengths past HanTa's 24 all score as 24


@cache
def _hanta():
    from HanTa import HanoverTagger

    return HanoverTagger.HanoverTagger("morphmodel_ger.pgz")


@cache
def _consts():
    from HanTa.HanoverTagger import EMPTY, END, START, UNKNOWN

    return EMPTY, START, END, UNKNOWN


@cache
def _guess_params() -> dict[int, tuple[float, list[float], dict[str, float]]]:
    """Per morpheme tag that admits unknown morphemes: (base log prob, log prob by length, log prob by suffix)."""
    t = _hanta()
    return {tag: (t.Int_t + t.LP_hapax_t[tag], [t.LP_len_t[tag][min(n, 24)] for n in range(_MAX_WORD + 1)], t.LP_s_t[tag])
            for tag in t.LP_m_t if tag in t.LP_hapax_t and tag in t.LP_s_t}


def _guess(m: str, mlen: int, wlen: int, guess: tuple[float, list[float], dict[str, float]]) -> float:
    """HanoverTagger.lp_m_t for a morpheme unknown to a tag that admits unknown morphemes."""
    base, by_len, lp_s = guess
    if mlen > 4 and m[-4:] in lp_s:
        lp_suf = lp_s[m[-4:]]
    elif mlen > 3 and m[-3:] in lp_s:
        lp_suf = lp_s[m[-3:]]
    elif mlen > 2 and m[-2:] in lp_s:
        lp_suf = lp_s[m[-2:]]
    elif mlen > 1 and m[-1:] in lp_s:
        lp_suf = lp_s[m[-1:]]
    else:
        lp_suf = lp_s[""]
    lp = base + (by_len[mlen] if mlen <= _MAX_WORD else by_len[-1]) + lp_suf
    return lp - 4.6 if wlen == mlen else lp


@lru_cache(maxsize=100_000)
def _analysis(word: str) -> tuple[tuple[int, float], ...]:
    """HanoverTagger.analyze_forward (same result): (POS tag, log prob) of a word form outside HanTa's lexicon.

    HanTa's own version is most of its cost: it scores every segment of the word for every tag that may follow each
    kept state; here a segment's score per tag is computed once for all states (the result cannot differ: the table
    keeps maxima and no back pointers)."""
    t = _hanta()
    empty, start, _, unknown = _consts()
    lowerbound = -1e6
    strict = t.strict
    nonfinal = t.LP_trans_nonfinal
    wlen = len(word)
    table: list[dict] = [{(empty, start): 0}] + [{} for _ in range(wlen + 1)]
    lp_m_t = t.LP_m_t
    guesses = {} if strict else _guess_params()
    for i in range(wlen + 1):
        row = table[i]
        bound = sorted(row.values(), reverse=True)[3] - 1 if len(row) > 3 else lowerbound
        active = [(state[1], lp, nonfinal.get(state, ())) for state, lp in row.items() if lp >= bound]
        for j in range(i + 1, wlen + 1):
            segment = word[i:j]
            mlen = j - i
            guessable = wlen < 4 or mlen > 2
            target = table[j]
            for s1, lp, followup in active:
                for tag1, lpt in followup:
                    m = lp_m_t[tag1].get(segment)
                    if m is None:
                        guess = guesses.get(tag1) if guessable else None
                        if guess is None:
                            continue  # log prob -inf
                        m = _guess(segment, mlen, wlen, guess)
                    lp1 = lp + lpt + m
                    if lp1 > lowerbound:
                        old = target.get((s1, tag1))
                        if old is None or lp1 > old:
                            target[(s1, tag1)] = lp1
    last = table[-1]
    for state, lp in table[-2].items():
        for tag1, lpt in t.LP_trans_final.get(state, ()):
            lp1 = lp + lpt
            if lp1 > lowerbound:
                old = last.get((state[1], tag1))
                if old is None or lp1 > old:
                    last[(state[1], tag1)] = lp1
    results: dict[int, float] = {}
    for state, lp in last.items():
        if lp == -math.inf:
            continue
        pos = -state[1]
        results[pos] = float(np.logaddexp(results[pos], lp)) if pos in results else lp
    return tuple(sorted(results.items(), key=lambda x: x[1], reverse=True)) or ((unknown, 0),)


@lru_cache(maxsize=100_000)
def _emissions(key: str, upcase: bool, cased: bool) -> dict[int, float]:
    """Tag -> emission score of a normalised word form, exactly as HanTa's `_tag_word(conditional=True, cutoff=5)`.

    The dict is shared by all callers: read only."""
    t = _hanta()
    unknown = _consts()[3]
    p_tags = t.cache.get(key)
    known = p_tags is not None
    if not known:
        p_tags = _analysis(key)
    scores = []
    for tag, p in p_tags:
        if tag != unknown:
            if cased:
                p += t.LP_case_t[tag][upcase]
            p -= t.LP_wtag[tag]
        scores.append((tag, p))
    if not known and scores:
        limit = max(p for _, p in scores) - 5
        scores = [(tag, p) for tag, p in scores if p >= limit]
    out = dict(sorted(scores, key=lambda x: x[1], reverse=True))
    if len(out) == 1 and unknown in out:
        return {}
    return out


def _step(prevrow: dict, wprobs: dict, trans: dict, end: int) -> tuple[dict, dict]:
    """One Viterbi column: best score and back pointer per state (previous tag, tag)."""
    lowerbound = -1e6
    row: dict = {}
    bp: dict = {}
    bound = sorted(prevrow.values(), reverse=True)[_BEAM] - 1 if len(prevrow) > _BEAM else lowerbound
    for state, lp0 in prevrow.items():
        if lp0 < bound:
            continue
        s1 = state[1]
        followers = trans[state]
        # A known word has a few tags: look those up rather than scanning all of the state's followers.
        pairs = ((c, followers.get(c), lpwc) for c, lpwc in wprobs.items()) if wprobs else (
            (c, lp_tc, 0.0) for c, lp_tc in followers.items())
        for c, lp_tc, lpwc in pairs:
            if lp_tc is None or c == end:
                continue
            lp = lp0 + lp_tc + lpwc
            if lp > lowerbound and lp > row.get((s1, c), -math.inf):
                row[(s1, c)] = lp
                bp[(s1, c)] = state
    return row, bp


def _viterbi(words: Sequence[str]) -> list[int]:
    t = _hanta()
    empty, start, end, _ = _consts()
    trans = t.LP_trans_word
    backpointers: list[dict] = []
    prevrow: dict = {(empty, start): 0.0}
    for i, w in enumerate(words):
        key = '"' if len(w) <= 2 and t.re_qmark.match(w) else w.lower()
        wprobs = _emissions(key, i > 0 and w[:1].isupper(), i > 0)
        row, bp = _step(prevrow, wprobs, trans, end)
        if not row and wprobs:  # no tag of the word can follow: let the context decide, as for an unknown word
            row, bp = _step(prevrow, {}, trans, end)
        backpointers.append(bp)
        prevrow = row
    best, state = -math.inf, None
    for s, lp0 in prevrow.items():
        lp = lp0 + trans.get(s, {}).get(end, -math.inf)
        if state is None or lp > best:
            best, state = lp, s
    tags = []
    for i in range(len(words) - 1, -1, -1):
        tags.append(state[1])
        state = backpointers[i].get(state, state)
    return tags[::-1]


@cache
def lexicon_lemmas() -> dict[tuple[str, int], str]:
    """(word form, tag) -> casefolded lemma for every tag of every form in HanTa's lexicon: HanTa's own lemmas,
    precomputed by bench/train_ner.py (models/hanta_lemmas_de.tsv.gz)."""
    import gzip

    from .pieces import MODELS

    tag2int = _hanta().tag2int
    out = {}
    path = MODELS / "hanta_lemmas_de.tsv.gz"
    if path.exists():
        with gzip.open(path, "rt", encoding="utf-8") as f:
            for line in f:
                form, tag, lemma = line.rstrip("\n").split("\t")
                out[(form, tag2int[tag])] = lemma
    return out


@lru_cache(maxsize=100_000)
def _word_features(word: str, tag: int) -> tuple[str, ...]:
    f = ("pos=" + _hanta().int2tag[tag],)
    lemma = lexicon_lemmas().get((word.lower(), tag))  # None outside HanTa's lexicon (see the module's docstring)
    if lemma is not None and lemma != word.casefold():
        f += ("lem=" + lemma,)
    return f


def features(words: Sequence[str]) -> list[tuple[str, ...]]:
    """Per word: POS (NE marks proper nouns) and, for a form of HanTa's lexicon, its lemma if it differs
    (Gewinne -> pos=NN, lem=gewinn)."""
    if not words:
        return []
    return [_word_features(w, tag) for w, tag in zip(words, _viterbi(words), strict=True)]
