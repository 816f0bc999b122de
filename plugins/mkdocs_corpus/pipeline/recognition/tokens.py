"""Tokenisation with character offsets, close to CoNLL-2003 / GermEval 2014 conventions."""

from __future__ import annotations

import re

# Order matters: the first alternative that matches at a position wins. The compound's repeats are possessive
# (they never need to give back: a separator is no letter), which keeps `a-a-a-…-` linear in CPython.
_TOKEN = re.compile(
    r"""
    (?:[^\W\d_]\.){2,}                          # dotted abbreviations: U.S., z.B.
  | (?:Dr|Prof|Mr|Mrs|Ms|St|Jr|Sr|Gen|Sen|Rep|Gov|Lt|Col|Capt|Mt|Ft)\.   # titles keep their dot
  | \d+(?:[.,:/-]\d+)*(?:\.(?=\s+[a-zäöü]))?     # numbers, dates, scores 2-1, 1996-12-06
  | ['’][sS](?![^\W_])                           # English possessive 's as its own token
  | n['’]t(?![^\W_])                             # English n't
  | [^\W_]+?(?=n['’]t(?![^\W_]))                 # do|n't
  | (?:[^\W_]++(?:(?:[-&]|['’](?![sS](?![^\W_])))[^\W_]++)*+-?)   # words, hyphenated compounds, O'Neill
  | \S                                           # any other single character
    """,
    re.VERBOSE,
)


def tokenise(text: str) -> list[tuple[int, int]]:
    """Return (start, end) character offsets of the tokens of `text`."""
    return [m.span() for m in _TOKEN.finditer(text)]
