"""Tokenisation with character offsets, close to CoNLL-2003 / GermEval 2014 conventions."""

from __future__ import annotations

import re

# Order matters: the first alternative that matches at a position wins. The compound's repeats are possessive
# (they never need to give back: a separator is no letter), which keeps `a-a-a-…-` linear in CPython.
_TOKEN = re.compile(
    r"""
    (?:[^\W\d_]\.){2,}                          # dotted abbreviations: U.S., z.B.
  | (?:Dr|Prof|Mr|Mrs|Ms|St|Jr|Sr|Gen|Sen|Rep|Gov|Lt|Col|Capt|Mt|Ft)\.   # titles keep their dot
  | [A-ZÄÖÜ]\.(?=[ \t]+[A-ZÄÖÜ])               # an initial keeps its dot: S. Fleming
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


# Languages other than en/de: words in any script. Combining marks count as word characters (Python's \w leaves
# out Devanagari vowel signs, which would cut every Hindi word apart); apostrophes and hyphens join word parts.
_MARKS = ("\u0300-\u036f\u0483-\u0489\u0591-\u05c7\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0900-\u0903"
          "\u093a-\u094f\u0951-\u0957\u0962\u0963\u0981-\u0983\u09bc-\u09d7\u0a01-\u0a83\u0abc-\u0acd\u0b01-\u0b03"
          "\u0b3c-\u0b57\u0bbe-\u0bcd\u0c00-\u0c04\u0c3e-\u0c56\u0d00-\u0d03\u0d3e-\u0d4d\u0e31\u0e34-\u0e3a"
          "\u0e47-\u0e4e\u200c\u200d")
_W = rf"(?:[^\W_]|[{_MARKS}])"
_WORD = re.compile(rf"\d++(?:[.,:/-]\d++)*+|{_W}++(?:[-'’]{_W}++)*+|\S")  # possessive: linear, same matches
# Chinese and Japanese: one token per Han/kana character (the training data of ja is per character; names are not
# delimited by spaces), Latin words and numbers whole.
CJK_CHARS = "\u3040-\u30ff\u3400-\u9fff\uf900-\ufaff\uff66-\uff9f"
_CHAR = re.compile(rf"[{CJK_CHARS}]|\d++(?:[.,]\d++)*+|[A-Za-z]++|\S")


def tokenise_words(text: str) -> list[tuple[int, int]]:
    return [m.span() for m in _WORD.finditer(text)]


def tokenise_chars(text: str) -> list[tuple[int, int]]:
    return [m.span() for m in _CHAR.finditer(text)]
