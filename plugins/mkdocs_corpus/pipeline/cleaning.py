"""Clean stage: turn scraped text into the story's blocks and recover its metadata.

Drops scraper debris (widget error text, lone bullets, image captions), finds the title,
the dateline and agency (`MOSCOW (Reuters) -`), a byline or credits line, all-caps
subheadings and a publication date. Hands on a `CleanText`; never raises on text.
"""
from __future__ import annotations

import re
from collections import Counter

from .model import Block, CleanText, Credits

# Text that widgets and page chrome leave behind; matched on whole lines, case-insensitively.
BOILERPLATE = frozenset(
    {
        "oops!", "oops", "something went wrong.", "something went wrong", "please try again later.",
        "please try again later", "advertisement", "skip advertisement", "story continues below",
        "story continues below advertisement", "read more", "read more:", "share", "share this article",
        "share this story", "share on facebook", "share on twitter", "tweet", "email", "print",
        "loading...", "loading…", "click here", "sign up", "subscribe", "subscribe now",
        "anzeige", "werbung", "weiterlesen", "mehr zum thema",
    }
)
BULLETS = "•◦▪▫●○■□‣∙·⁃"
_BULLET_PREFIX = re.compile(rf"^\s*[{BULLETS}]+\s*")
_SENTENCE_END = re.compile(r"[.!?…:;\"”»“'’)]\s*$")
_UPPER_WORD = re.compile(r"[^\W\d_]{2,}")
# "MOSCOW (Reuters) -", "NEW YORK, Nov 23 (AP) —", "Moskau (dpa) -"; the agency is in brackets.
_DATELINE = re.compile(
    r"^(?P<place>[^\W\d_][\w'’.\-]*(?:[ /][^\W\d_][\w'’.\-]*){0,4}(?:, [^\W\d_][\w'’. \-]{1,30})?)"
    r"(?:,? (?P<date>[A-Z][a-z]{2,8}\.? \d{1,2}))?"
    r"\s*\((?P<agency>[^\W\d_][\w&'’. \-]{1,30})\)\s*[-–—]{1,2}\s+"
)
# Old wire copy: "SALVADOR, Feb 26 - " with no agency in brackets; the place is in capitals.
_WIRE_DATELINE = re.compile(
    r"^(?P<place>[A-Z][A-Z'’.\-]*(?: [A-Z][A-Z'’.\-]*){0,3}(?:, [A-Z][\w. ]{1,30})?),"
    r" (?P<date>[A-Z][A-Za-z]{2,8}\.? \d{1,2})\s*[-–—]{1,2}\s+"
)
_SIGN_OFF = re.compile(r"^(?:reuter|reuters|afp|ap|dpa)$", re.I)
_CREDITS = re.compile(
    r"^\(\s*(?:(?:additional\s+)?reporting|writing|written|editing|edited|compiled|"
    r"berichterstattung|redigiert|bearbeitet|geschrieben)\b.*\)$",
    re.I | re.S,
)
_ROLE = re.compile(
    r"(?P<role>additional reporting|reporting|writing|written|editing|edited|compiled|"
    r"berichterstattung|redigiert|bearbeitet|geschrieben)\s*(?:by|von|:)?\s*(?P<names>.+)",
    re.I | re.S,
)
_BYLINE = re.compile(r"^(?:by|von)\s+(?P<names>[^\W\d_][\w'’.\- ,&]+)$", re.I)
_NAME_SEPARATOR = re.compile(r",|;|&|\band\b|\bund\b")
# "Mark Trevelyan in Moscow": where the names end and the place begins (see `_without_place`).
_IN_PLACE = re.compile(r"\bin\s+(?=[A-Z])")
_LEAD_SENTENCE = re.compile(r"(?<=[.!?。])\s")
_MONTHS = {
    m: i + 1
    for i, names in enumerate(
        [
            ("january", "jan", "januar"), ("february", "feb", "februar"), ("march", "mar", "märz"),
            ("april", "apr"), ("may", "mai"), ("june", "jun", "juni"), ("july", "jul", "juli"),
            ("august", "aug"), ("september", "sep", "sept"), ("october", "oct", "oktober", "okt"),
            ("november", "nov"), ("december", "dec", "dezember", "dez"),
        ]
    )
    for m in names
}
_ISO_DATE = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")
_LONG_DATE = re.compile(r"\b(?:(\d{1,2})\.? ([A-Za-zä]+)|([A-Za-z]+)\.? (\d{1,2}),) (\d{4})\b")
# The head of a lead that opens with a dated dateline: a place, a date, maybe an agency, then a dash.
_DATED_DATELINE = re.compile(
    r"^(?P<place>[^\W\d_][^\n,()]{0,40}),\s+(?P<date>[^\n()]{4,30}?)\s*(?:\([^()\n]{1,30}\))?\s*[-–—]{1,2}\s"
)
# "By Jane Miller, March 5, 2024" / "Von Anna Schmidt | 05.03.2024"
_BYLINE_DATE = re.compile(r"^(?:by|von|par|por)\s+[^\W\d_][^\n]{0,80}$", re.I)
MAX_TITLE_WORDS = 30
MAX_HEADING_WORDS = 8
DERIVED_TITLE_WORDS = 12


def clean(text: str) -> CleanText:
    """Split `text` into blocks and recover the metadata a scraped article carries."""
    paragraphs, debris = _paragraphs(text)
    if not paragraphs and debris:
        # Nothing but what looks like debris: publish it as it is rather than an empty page.
        paragraphs, debris = list(debris), []
    title = _title(paragraphs)
    body = paragraphs[1:] if title else paragraphs
    dateline, source, lead = _dateline(body)
    if lead is not None:
        # Between the title and the lead there is only page furniture: image captions, teasers.
        captions = [p for p in body[:lead] if not _is_sentence(p)]
        debris.extend(captions)
        body = [p for p in body[:lead] if _is_sentence(p)] + body[lead:]
    credits, body = _credits(body)
    if credits[2]:
        debris.append(credits[2])
    sign_off = body[-1] if body and _SIGN_OFF.match(body[-1]) and credits[1] is None else None
    if sign_off:
        credits = (credits[0], sign_off, None)
        source = source or ("Reuters" if sign_off.casefold().startswith("reuter") else sign_off)
    published = _metadata_date(paragraphs[1:] if title else paragraphs)
    # A line holding nothing but a date near the top is metadata, shown with the metadata.
    dates = [p for i, p in enumerate(body) if i < 3 and _only_date(p)]
    if dateline is None:
        # Wire copy's own line, "AL-AIN, United Arab Emirates 1996-12-06": the place is the dateline.
        dateline = next((place for place in map(_place_of_date_line, dates) if place), None)
    debris.extend(dates)
    body = [p for p in body if not any(p is d for d in dates)]
    mostly_upper = _mostly_upper(body)
    blocks = [Block("title", title)] if title else []
    for paragraph in body:
        if paragraph is credits[1]:
            blocks.append(Block("credits", paragraph))
        elif not mostly_upper and _is_heading(paragraph):
            blocks.append(Block("heading", paragraph))
        else:
            blocks.append(Block("paragraph", paragraph))
    return CleanText(
        blocks=tuple(blocks),
        title=title,
        dateline=dateline,
        source=source,
        credits=credits[0],
        published=published,
        debris=tuple(debris),
    )


def _paragraphs(text: str) -> tuple[list[str], list[str]]:
    """Blank-line separated paragraphs, lines joined; debris lines removed and returned."""
    lines = [_BULLET_PREFIX.sub("", line).strip() for line in text.split("\n")]
    short = Counter(line for line in lines if line and len(line.split()) <= 8)
    debris: list[str] = []
    paragraphs: list[str] = []
    current: list[str] = []
    for line in lines + [""]:
        if not line:
            if current:
                paragraphs.append(" ".join(current))
                current = []
            continue
        key = line.casefold()
        # A short line repeated verbatim is a widget's text, not the story's (a refrain in a
        # poem would be too, but news articles do not repeat lines).
        if key in BOILERPLATE or (short[line] > 1 and not _is_sentence(line)) or short[line] > 2:
            debris.append(line)
            continue
        if not any(ch.isalnum() for ch in line):
            debris.append(line)
            continue
        current.append(line)
    return paragraphs, debris


def _title(paragraphs: list[str]) -> str | None:
    """The first paragraph when it reads as a headline: short, and not a dateline lead."""
    if len(paragraphs) < 2:
        return None
    first = paragraphs[0]
    words = len(first.split())
    if words > MAX_TITLE_WORDS or _DATELINE.match(first) or _CREDITS.match(first):
        return None
    ends_like_sentence = first.rstrip().endswith((".", "。"))
    return first if not ends_like_sentence or words <= 15 else None


def _dateline(body: list[str]) -> tuple[str | None, str | None, int | None]:
    for index, paragraph in enumerate(body[:6]):
        match = _DATELINE.match(paragraph)
        if match:
            return match.group("place").strip(), match.group("agency").strip(), index
        match = _WIRE_DATELINE.match(paragraph)
        if match:
            return match.group("place").strip(), None, index
    return None, None, None


def _metadata_date(paragraphs: list[str]) -> str | None:
    """A date the article's metadata lines give: a dateline's head ("Paris, 27. Juli 2020 - ",
    "NEW YORK, 2020-07-27 (AP) -"), a line holding only a date, or a byline. Never one from a
    sentence of the story: "the vote on 12 March 2018" dates the vote, not the article."""
    for paragraph in paragraphs[:4]:
        head = _DATED_DATELINE.match(paragraph)
        if head and _is_place(head.group("place")):
            line: str | None = head.group("date")
        else:
            line = paragraph if _only_date(paragraph) or _BYLINE_DATE.match(paragraph) else None
        if line and (date := find_date([line])):
            return date
    return None


def _is_place(text: str) -> bool:
    """A place name capitalises its words but for short particles (Frankfurt am Main); a clause does not."""
    return all(word[:1].isupper() or len(word) <= 3 for word in text.split())


def _only_date(paragraph: str) -> bool:
    return len(paragraph) <= 40 and find_date([paragraph]) is not None and len(paragraph.split()) <= 5


def _place_of_date_line(line: str) -> str | None:
    rest = _LONG_DATE.sub("", _ISO_DATE.sub("", line)).strip(" ,.-–—")
    return rest if rest and rest[0].isalpha() and len(rest.split()) <= 5 else None


def _credits(body: list[str]) -> tuple[tuple[Credits, str | None, str | None], list[str]]:
    """A credits line among the last paragraphs (kept), or a byline near the top (taken out)."""
    for paragraph in reversed(body[-3:]):
        if _CREDITS.match(paragraph):
            return (parse_credits(paragraph), paragraph, None), body
    for index, paragraph in enumerate(body[:4]):
        match = _BYLINE.match(paragraph)
        if match and len(paragraph.split()) <= 10:
            names = _names(match.group("names"))
            return (Credits(authors=names), None, paragraph), body[:index] + body[index + 1:]
    return (Credits(), None, None), body


def parse_credits(line: str) -> Credits:
    """`(Reporting by A and B; writing by C; Editing by D)` -> authors A, B, C; editors D."""
    authors: list[str] = []
    editors: list[str] = []
    for part in line.strip("() ").split(";"):
        match = _ROLE.search(part)
        if not match:
            continue
        role = match.group("role").lower()
        target = editors if role.startswith(("edit", "redig", "bearb")) else authors
        target.extend(n for n in _names(match.group("names")) if n not in target)
    return Credits(tuple(authors), tuple(editors))


def _names(text: str) -> tuple[str, ...]:
    names = [n.strip().strip(" .") for n in _NAME_SEPARATOR.split(_without_place(text))]
    agencies = {"reuters", "ap", "afp", "dpa", "staff", "newsroom"}
    return tuple(n for n in names if n and n.casefold() not in agencies and len(n.split()) <= 5)


def _without_place(text: str) -> str:
    """`text` without a closing "in <Place>" (the first "in" followed by a capital after which only letters,
    digits and spaces run to the end). Found in one pass each way: a regular expression for "in, then
    word characters to the end" retries from every "in" and took minutes on a line of thousands of them."""
    tail = len(text)
    while tail and (text[tail - 1] == " " or text[tail - 1].isalnum() or text[tail - 1] == "_"):
        tail -= 1
    for match in _IN_PLACE.finditer(text):
        if match.end() >= tail and match.end() + 1 < len(text):
            return text[: match.start()]
    return text


def _is_sentence(paragraph: str) -> bool:
    return bool(_SENTENCE_END.search(paragraph)) or len(paragraph.split()) > 15


def _is_heading(paragraph: str) -> bool:
    """An all-caps short line inside the body is a subheading (`MILITARY TIES`)."""
    words = paragraph.split()
    if not 1 <= len(words) <= MAX_HEADING_WORDS or _SENTENCE_END.search(paragraph.rstrip('"”)')):
        return False
    letters = [ch for ch in paragraph if ch.isalpha()]
    return len(letters) >= 3 and all(ch.isupper() for ch in letters if ch.lower() != ch.upper())


def _mostly_upper(paragraphs: list[str]) -> bool:
    """Old wire copy is all capitals; there, capitals do not mark headings."""
    words = [w for p in paragraphs for w in _UPPER_WORD.findall(p)]
    return bool(words) and sum(w.isupper() for w in words) > 0.5 * len(words)


def find_date(paragraphs: list[str]) -> str | None:
    """An ISO date (YYYY-MM-DD) written near the top of the article, if there is one."""
    for paragraph in paragraphs:
        if len(paragraph) > 300:
            paragraph = paragraph[:300]
        iso = _ISO_DATE.search(paragraph)
        if iso and _valid(int(iso[1]), int(iso[2]), int(iso[3])):
            return iso.group(0)
        long = _LONG_DATE.search(paragraph)
        if long:
            day, month = (long[1], long[2]) if long[1] else (long[4], long[3])
            number = _MONTHS.get(month.lower().rstrip("."))
            if number and _valid(int(long[5]), number, int(day)):
                return f"{int(long[5]):04d}-{number:02d}-{int(day):02d}"
    return None


def _valid(year: int, month: int, day: int) -> bool:
    return 1800 <= year <= 2100 and 1 <= month <= 12 and 1 <= day <= 31


def derive_title(blocks: tuple[Block, ...]) -> str:
    """A title for an article that has none: the start of its lead sentence."""
    for block in blocks:
        if block.kind == "paragraph":
            sentence = _LEAD_SENTENCE.split(block.text, maxsplit=1)[0]
            words = sentence.split()
            title = sentence.rstrip(".") if len(words) <= DERIVED_TITLE_WORDS else " ".join(words[:DERIVED_TITLE_WORDS]) + " …"
            if any(ch.isalnum() for ch in title):
                return title
    return "Untitled"
