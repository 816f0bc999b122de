"""German part of speech and lemma from HanTa (Hanover Tagger, model inside its wheel), in sentence context."""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache


@cache
def _hanta():
    from HanTa import HanoverTagger

    return HanoverTagger.HanoverTagger("morphmodel_ger.pgz")


def features(words: Sequence[str]) -> list[list[str]]:
    """Per word: POS (NE marks proper nouns) and lemma if it differs, e.g. Putins -> pos=NE, lem=putin."""
    out = []
    for w, (_, lemma, tag) in zip(words, _hanta().tag_sent(list(words)), strict=True):
        f = ["pos=" + tag]
        if lemma.casefold() != w.casefold():
            f.append("lem=" + lemma.casefold())
        out.append(f)
    return out
