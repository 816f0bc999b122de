"""Names of one entity across languages and scripts, without a registry or a translation to align:
`Дональд Трамп`, `Доналд Тръмп` and `Donalda Trumpa` are one person; `ЕС` is the `Европейский союз`
the same Russian articles spell out.

- People: two full names meet where their consonant skeletons do. Transliterations of one name
  differ in vowels (`Tramp`/`Trump`, `Bayden`/`Biden`), in how a sound is spelled (`Dzhonson`/
  `Johnson`) and in case endings, which in Slavic languages are mostly vowels (`Donalda Trumpa`);
  they keep the consonants. Both first name and surname must meet, so `Joe Biden` never takes
  `Hunter Biden`.
- Places and organisations: where the skeleton meets and the spelling is alike (`Ройтерс`/`Reuters`).
- Katakana: people whose names sound alike (`kana.py`); a lone surname joins its story's one person of it.
- Acronyms: a short capitalised name joins the longer name of its language, in its own story, whose
  words' initials spell it (`UE` of `Unii Europejskiej`, `EK` of `Evropská komise`).
"""
from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Mapping
from difflib import SequenceMatcher
from functools import lru_cache

from anyascii import anyascii

from .kana import is_kana, sounds
from .merging import Keys
from .model import Mention
from .names import DOUBLE_LETTER, SIGNS, bare, han_only
from .resolution import is_anchor

# Spellings of one sound across transliteration conventions, applied in order: `dzh` (Russian Дж) is
# English `j`, and so is `dge` (Ridge, Ридж); German `sch` and `w`, Polish `w` and `cz`.
_SOUNDS = (
    ("dzh", "j"), ("dge", "j"), ("tsch", "ch"), ("sch", "sh"), ("cz", "ch"), ("sz", "sh"), ("kh", "h"), ("ph", "f"), ("th", "t"),
    ("ck", "k"), ("w", "v"), ("c", "k"), ("z", "s"), ("q", "k"), ("x", "ks"),
)
_VOWEL_W = re.compile(r"(?<=[aeo])w")  # English `w` after a vowel is one (Meadows, Медоуз)
_SILENT = re.compile(r"[aeiouyh]")  # vowels, and `h`, silent or a transliteration's marker (`Johnson`, `zh`)
_WORD = re.compile(r"[a-z0-9]+")  # digits too: `1860 Munich` is no `Munich`
# Czech and Slovak give a woman's foreign surname a feminine ending in every case: `Mayová`, `Merkelovou`.
_FEMININE = re.compile(r"ov(?:a|e|ou|ej)$")
# A skeleton shorter than this says too little to join two people (`J. Li`).
MIN_SKELETON = 4


@lru_cache(maxsize=100_000)
def spelled(name: str) -> str:
    """A name in Latin letters, lower case, without signs or a feminine surname ending."""
    words = _WORD.findall(SIGNS.sub("", anyascii(name)).lower())
    return " ".join(_FEMININE.sub("", word) if len(word) >= 6 else word for word in words)


@lru_cache(maxsize=100_000)
def skeleton(name: str) -> str:
    """The consonants of a name's words, spelled one way: `Дональд Трамп`, `Donald Trump` and
    `Donalda Trumpa` -> `dnld trmp`. A word that starts with a vowel keeps one mark of it (`Asia` -> `_s`)."""
    words = []
    for word in spelled(name).split():
        word = _VOWEL_W.sub("", word)
        for old, new in _SOUNDS:
            word = word.replace(old, new)
        bones = DOUBLE_LETTER.sub(r"\1", _SILENT.sub("", word))
        words.append(("_" if word[0] in "aeiouy" else "") + bones)
    return " ".join(w for w in words if w)


def _letters(bones: str) -> int:
    return len(bones.replace(" ", "").replace("_", ""))


def _alike(a: str, b: str) -> float:
    if han_only(a) and han_only(b):
        return 0.0  # two names in Chinese characters are two names: their pinyin is no evidence (工党, 共和党)
    return SequenceMatcher(None, spelled(a), spelled(b), autojunk=False).ratio()


def join_people_across_scripts(keys: Keys, key_of: Mapping[Mention, str]) -> None:
    """Person sets whose full names (first name and surname, in any language) share a skeleton meet;
    a short skeleton (`Asia Bibi`, `_s b`) only where the names are also spelled alike."""
    _join_by_skeleton(keys, key_of, people=True)


def join_people_by_sound(keys: Keys, key_of: Mapping[Mention, str], story_of: Mapping[str, str]) -> None:
    """Person sets whose full names, one in katakana and one in Latin letters, sound alike meet
    (`ジェイミー・ヴァーディー`, Jamie Vardy): both words' sounded consonants must agree. A katakana
    name meets only a Latin person's (`by_sound[...][False]` holds people only)."""
    by_sound: dict[tuple[str, int, str], dict[bool, set[str]]] = defaultdict(lambda: {True: set(), False: set()})
    for mention, key in key_of.items():
        name = bare(mention.surface, mention.lang)
        # Japanese recognition types many foreign people organisations; katakana words joined by middle
        # dots that sound as a Latin person's names, word by word, are that person (`ケヴィン・デ・ブライネ`).
        if key.startswith("per:") or (is_kana(name) and 1 <= name.count("・") <= 3):
            # as many words on each side: an initial has no consonant to hear (`Marcel A. Müller` is no
            # `マサール・マラウィ`, though both are `msr mr`)
            words = len(name.split("・")) if is_kana(name) else len(name.split())
            for heard in sounds(name):
                consonants = len(heard.replace(" ", ""))
                if 1 <= heard.count(" ") <= 3 and consonants >= MIN_SKELETON:
                    # a few consonants alike are a coincidence somewhere in a corpus (Southern Bell and
                    # アストン・ヴィラ are both `stn br`): they join within a story only
                    story = story_of.get(mention.article, mention.article) if consonants < CORPUS_SOUND else ""
                    by_sound[(heard, words, story)][is_kana(name)].add(keys.find(key))
    for _, sides in sorted(by_sound.items()):
        if sides[True] and sides[False]:
            first, *rest = sorted(sides[True] | sides[False])
            for key in rest:
                keys.union(first, key)


CORPUS_SOUND = 6  # sounded consonants a katakana and a Latin name share to join anywhere in the corpus


def join_surnames_across_scripts(keys: Keys, key_of: Mapping[Mention, str], story_of: Mapping[str, str]) -> None:
    """A lone surname joins the one person of its story (the versions of one article) whose full
    name ends in it, in whatever script (`Джаггер`, `ジャガー` -> Mick Jagger): spelled alike by its
    consonants, or by its sounds in katakana. A surname already someone's never brings another person
    of another first name (`Regan`, Donald Regan's, is no bridge to Ronald Reagan)."""
    full: dict[tuple[str, str], set[str]] = defaultdict(set)
    firsts: dict[str, set[str]] = defaultdict(set)  # root -> first names, in Latin letters, of its full names
    lone: list[tuple[str, str, str]] = []
    for mention, key in key_of.items():
        if not key.startswith("per:"):
            continue
        story = story_of.get(mention.article, mention.article)
        words = bare(mention.surface, mention.lang).replace("・", " ").split()
        if len(words) > 1:
            for surname in _surname_keys(words[-1]):
                full[(story, surname)].add(keys.find(key))
            if _LATIN.search(words[0]):
                firsts[keys.find(key)].add(words[0])
        elif words:
            lone += [(story, surname, key) for surname in _surname_keys(words[0], lone=True)]
    for story, surname, key in lone:
        roots = {keys.find(root) for root in full.get((story, surname), ())}
        if len(roots) == 1:
            root, own = roots.pop(), keys.find(key)
            theirs, ours = firsts.get(root, set()), firsts.get(own, set())
            if theirs and ours and not any(_same_first_name(a, b) for a in theirs for b in ours):
                continue
            if keys.union(root, key):
                firsts[keys.find(key)] = theirs | ours


def _same_first_name(a: str, b: str) -> bool:
    """One first name spelled two ways (Sergei/Sergey, Mohamed/Muhammad: one skeleton) or an initial of
    it; Donald and Ronald, 0.83 alike in spelling, are two."""
    if len(a.rstrip(".")) == 1 or len(b.rstrip(".")) == 1:
        return a[0].casefold() == b[0].casefold()
    return skeleton(a) == skeleton(b)


def _surname_keys(word: str, lone: bool = False) -> list[str]:
    """A surname's keys across scripts: its consonant skeleton, and its sounds as katakana hears them. Sounds
    pair katakana with other scripts only: how katakana hears a Latin name (`Airport` without its English r,
    `prt`) says nothing of a Cyrillic one (`Перта`, Perth)."""
    kana = is_kana(word)
    # A full name files its sounds under its script; a lone surname looks them up under the other (and a
    # katakana one under its own too).
    sides = (("latin", "kana") if kana else ("kana",)) if lone else ("kana" if kana else "latin",)
    heard = [f"{side}:{x}" for x in sorted(sounds(word)) if " " not in x and len(x) >= MIN_SURNAME for side in sides]
    if kana:
        return heard
    bones = skeleton(word).replace(" ", "")
    return [f"bones:{bones}", *heard] if len(bones.strip("_")) >= MIN_SURNAME else []


MIN_SURNAME = 2  # consonants a surname keeps to join its story's person (`May` is `m`: too few)


def join_names_across_scripts(keys: Keys, key_of: Mapping[Mention, str]) -> None:
    """Places and organisations meet where their names share a skeleton and are spelled alike
    (`Ройтерс`/`Reuters`, `Флориде`/`Florydy`); two places the gazetteer knows never meet."""
    _join_by_skeleton(keys, key_of, people=False)


# Spelled this alike, a place's or organisation's skeleton long enough to say something is enough
# (`royters`/`reuters` 0.71, `florydy`/`floride` 0.71); a short skeleton needs names spelled nearly
# alike (`asiya bibi`/`asia bibi` 0.84).
ALIKE = 0.7
ALIKE_SHORT = 0.8


def _join_by_skeleton(keys: Keys, key_of: Mapping[Mention, str], people: bool) -> None:
    """People by their full names; otherwise places and organisations, and a person recognition
    found that no article gives a first name (`Висконсин` typed a person). Sets of two types meet
    only from different languages: within one, recognition told them apart (`Germon`, `Germany`)."""
    full = {keys.find(key) for mention, key in key_of.items()
            if key.startswith("per:") and len(bare(mention.surface, mention.lang).split()) > 1}
    counts: dict[str, Counter[str]] = defaultdict(Counter)
    forms: dict[tuple[str, str], set[tuple[str, str]]] = defaultdict(set)  # (name, lang)
    langs: dict[str, set[str]] = defaultdict(set)
    kinds: dict[str, Counter[str]] = defaultdict(Counter)
    for mention, key in key_of.items():
        name = bare(mention.surface, mention.lang)
        person = key.startswith("per:")
        root = keys.find(key)
        if people and not person or not people and person and root in full:
            continue
        if is_kana(name) or (name.isupper() and _ACRONYM.match(name)):
            continue  # katakana spells sounds (`kana.sounds`); an acronym's letters are no sounds (VAR, VR)
        bones = skeleton(name)
        words = bones.split()
        if not words or not all(w.strip("_") for w in words) or (people and len(words) != 2):
            continue
        counts[bones][root] += 1
        langs[root].add(mention.lang)
        kinds[root][mention.type] += 1
        if len(forms[(bones, root)]) < MAX_FORMS:
            forms[(bones, root)].add((name, mention.lang))
    for bones, roots in sorted(counts.items()):
        if len(roots) < 2:
            continue
        hub, *rest = sorted(roots, key=lambda r: (-roots[r], r))
        # Two words' consonants are evidence enough for a person (`dzho bayden`/`joe biden` spell 0.6 alike).
        enough = ALIKE_SHORT if _letters(bones) < MIN_SKELETON else 0.0 if people else ALIKE
        for root in rest:
            of_hub, of_root = kinds[hub].most_common(1)[0][0], kinds[root].most_common(1)[0][0]
            if (of_hub != of_root and langs[hub] & langs[root]) or keys.find(hub) == keys.find(root):
                continue
            pairs = [(a, b) for a in forms[(bones, hub)] for b in forms[(bones, root)]]
            if people and _two_people(pairs):
                continue
            if max(_alike(a, b) for (a, _), (b, _) in pairs) >= enough and keys.union(hub, root):
                forms[(bones, hub)] |= forms[(bones, root)]  # the next set is compared with all it joins


def _two_people(pairs: list[tuple[tuple[str, str], tuple[str, str]]]) -> bool:
    """Whether two people's names (name, lang) that share a skeleton are two people. Consonants are the
    evidence across alphabets (`Джо Байден`, Joe Biden); in Latin letters a name keeps its spelling from
    language to language (Wladimir/Vladimir Putin 0.93 alike), so `John Kerry` and `John Crow` (0.63) are two,
    and one language spells one person nearly alike (`Jyothiraditya`, `Jyotiraditya`)."""
    latin = [(x, y) for x, y in pairs if _LATIN.search(x[0]) and _LATIN.search(y[0])]
    if not latin:
        return False
    if any(x[1] == y[1] and _alike(x[0], y[0]) < ALIKE_SHORT for x, y in latin):
        return True
    return max(_alike(x[0], y[0]) for x, y in latin) < ALIKE


_LATIN = re.compile(r"[A-Za-z]")
MAX_FORMS = 6  # spellings of a set compared, for one skeleton


# An acronym is this many letters, all capitals (`ЕС`, `UE`, `ФРГ`, `NATO`).
_ACRONYM = re.compile(r"^[^\W\d_]{2,5}$")
# A long name beats the others with its initials only with this share of their mentions.
DOMINANT = 0.75


def join_acronyms(keys: Keys, key_of: Mapping[Mention, str], story_of: Mapping[str, str]) -> None:
    """An acronym joins the longer name its initials spell that its story (an article and its
    translations) names in its language, where that name has most of such mentions (`ЕК` ->
    `Европейская комиссия`); an acronym two stories spell out differently (`VR`: Volgograd Region,
    virtual reality) joins neither."""
    long_names: dict[tuple[str, str, str], Counter[str]] = defaultdict(Counter)
    acronyms: dict[tuple[str, str, str], set[str]] = defaultdict(set)
    for mention, key in key_of.items():
        if key.startswith("per:"):
            continue
        story = story_of.get(mention.article, mention.article)
        name = bare(mention.surface, mention.lang)
        if _ACRONYM.match(name) and name.isupper():
            if not is_anchor(key):  # else the gazetteer knew it (`USA`; `ILO` the city, typed a place)
                acronyms[(story, mention.lang, name)].add(key)
            continue
        words = name.split()
        if 2 <= len(words) <= 5 and all(word[:1].isalpha() for word in words):
            initials = "".join(word[0] for word in words).upper()
            long_names[(story, mention.lang, initials)][keys.find(key)] += 1
    spelled_out: dict[str, set[str]] = defaultdict(set)
    for place, acronym_keys in acronyms.items():
        counts = Counter[str]()
        for root, n in long_names.get(place, Counter()).items():
            counts[keys.find(root)] += n
        if counts and (best := counts.most_common(1)[0])[1] >= DOMINANT * sum(counts.values()):
            for key in acronym_keys:
                spelled_out[key].add(best[0])
    for key, roots in sorted(spelled_out.items()):
        if len({keys.find(root) for root in roots}) == 1:
            keys.union(keys.find(next(iter(roots))), key)
