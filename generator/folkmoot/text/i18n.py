"""The site's language: folkmoot's own words, and dates, numbers and lists
written the way that language writes them.

Words come from gettext catalogues in `folkmoot/locale/<code>/LC_MESSAGES/
folkmoot.po` (compiled in memory with Babel, so the .po file translators edit
is the only copy); formatting comes from Babel's CLDR data. A site's
language is `theme.language` in mkdocs.yml, the same setting mkdocs-material
translates its own interface with. A language without a catalogue keeps
folkmoot's words in English but still gets its own dates and numbers.

Messages follow Jinja's "newstyle" gettext everywhere, in Python too:
placeholders are `%(name)s`, and a literal percent sign is written `%%`.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
import gettext as _gettext
import io
from dataclasses import dataclass
from pathlib import Path

import babel
from babel.core import get_global
from babel.dates import format_date, get_date_format
from babel.lists import format_list
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.numbers import format_decimal
from babel.support import Translations

from folkmoot.engine import work
from folkmoot.resources import LOCALE

DOMAIN = "folkmoot"
CATALOGUES = LOCALE
SOURCE_LANGUAGE = "en"

# Date forms a template may ask for, as CLDR names or patterns.
DATE_FORMS = {"full": "full", "long": "long", "short": "medium", "month": "MMMM y", "short_month": "MMM y"}


def N_(message: str) -> str:
    """Mark `message` for the catalogue where it is defined; it is translated where it is shown."""
    return message


def available() -> list[str]:
    """The language codes folkmoot ships a catalogue for."""
    return sorted(p.parent.parent.name for p in CATALOGUES.glob(f"*/LC_MESSAGES/{DOMAIN}.po"))


def catalogue_path(code: str) -> Path:
    return CATALOGUES / code / "LC_MESSAGES" / f"{DOMAIN}.po"


@dataclass(frozen=True, eq=False)
class Language:
    """One language: `code` as mkdocs.yml gives it ("cy", "fr", "pt-BR")."""

    code: str
    locale: babel.Locale
    translations: _gettext.NullTranslations
    catalogue: str  # the catalogue used ("cy"), or "" when folkmoot's words stay English

    @property
    def tag(self) -> str:
        """The BCP 47 tag with a region, which Word and LibreOffice need to pick a
        dictionary: fr-FR, cy-GB. English is en-GB: folkmoot was made for UK assemblies."""
        territory = self.locale.territory
        if not territory:
            likely = get_global("likely_subtags").get(self.locale.language, "")
            territory = "GB" if self.locale.language == "en" else likely.split("_")[-1] if likely else ""
        return f"{self.locale.language}-{territory}" if territory else self.locale.language

    @functools.cached_property
    def locale_id(self) -> str:  # a cheap key for the formatting caches
        return str(self.locale)

    @property
    def primary(self) -> str:
        return self.locale.language

    def same_as(self, tag: str) -> bool:
        """Whether text tagged `tag` is in this language (regions aside: en-GB text on an en site)."""
        return not tag or tag.split("-")[0].lower() == self.primary

    def _(self, message: str, **values) -> str:
        return self._format(self.translations.gettext(message), values)

    def ngettext(self, singular: str, plural: str, n: int, **values) -> str:
        values.setdefault("num", n)
        return self._format(self.translations.ngettext(singular, plural, n), values)

    def _format(self, text: str, values: dict) -> str:
        return text % self.placeholders(values)

    def placeholders(self, values: dict) -> dict:
        """The values for a message's placeholders, numbers written the language's way."""
        return {k: self.number(v) if isinstance(v, int) and not isinstance(v, bool) else v for k, v in values.items()}

    def date(self, value: dt.date, form: str = "long") -> str:
        return _date(value, DATE_FORMS.get(form, form), self.locale_id)

    def number(self, value: int | float) -> str:
        return _number(value, self.locale_id)

    def list(self, items) -> str:
        items = [str(i) for i in items]
        text = format_list(items, locale=self.locale) if items else ""
        if self.primary == "cy" and len(items) > 1:
            # CLDR writes Welsh "and" as "a(c)": it is "ac" before a vowel, "a" otherwise
            last = items[-1].lstrip()[:1].lower()
            text = text.replace(" a(c) ", " ac " if last in "aeiouwyâêîôûŵŷ" and last else " a ")
        return text

    def plural_forms(self, singular: str, plural: str) -> dict[str, str]:
        """A message in each CLDR plural category of this language, with `{n}` for the number:
        what the site's JavaScript needs to say "3 outcomes shown" (it picks the category
        with Intl.PluralRules, which follows the same CLDR rules as the catalogues)."""
        return dict(_plural_forms(self, singular, plural))


@functools.lru_cache(maxsize=256)
def _plural_forms(lang: Language, singular: str, plural: str) -> tuple[tuple[str, str], ...]:
    """Every page asks for the same few: worked out once per language and message."""
    rule = lang.locale.plural_form
    forms: dict[str, str] = {}
    for n in range(0, 1001):
        category = rule(n)
        if category not in forms:
            forms[category] = lang.translations.ngettext(singular, plural, n).replace("%(num)s", "{n}")
        if len(forms) == len(rule.tags) + 1:  # every category the rule names, and "other"
            break
    return tuple(forms.items())


# A big site writes the same few hundred dates and numbers many thousands of times.
@functools.lru_cache(maxsize=8192)
def _date(value: dt.date, pattern: str, locale: str) -> str:
    if value.day == 1 and locale.split("_")[0] == "fr":
        # French writes the first of the month as an ordinal: « 1er novembre 2025 »
        if pattern in ("full", "long", "medium", "short"):
            pattern = get_date_format(pattern, locale=locale).pattern
        pattern = re.sub(r"(?<![d'])d(?!d)", "d'er'", pattern)
    text = format_date(value, pattern, locale=locale)
    # CLDR's British English shortens September alone to four letters ("Sept" beside "Jul")
    return re.sub(r"\bSept\b", "Sep", text) if locale.startswith("en") else text


@functools.lru_cache(maxsize=8192)
def _number(value: int | float, locale: str) -> str:
    return format_decimal(value, locale=locale)


@functools.lru_cache(maxsize=256)
def right_to_left(tag: str) -> bool:
    """Whether text in the language `tag` (ar, he, fa, ur...) is written right to left (CLDR)."""
    try:
        return babel.Locale.parse(tag.replace("-", "_")).character_order == "right-to-left"
    except (ValueError, TypeError, babel.UnknownLocaleError):
        return False


def lang_and_dir(tag: str) -> str:
    """` lang="..."`, with ` dir="rtl"` for a right-to-left language (WCAG 1.3.2, 3.1.2)."""
    return f' lang="{tag}" dir="rtl"' if right_to_left(tag) else f' lang="{tag}"'


@functools.lru_cache(maxsize=16)
def language(code: str | None) -> Language:
    """The Language for a `theme.language` value; an unknown code is English words with English formatting.

    One per code per process: every evidence document and page asks, and reading a
    catalogue (`_load`) is the slowest thing a language does."""
    code = str(code or SOURCE_LANGUAGE).strip() or SOURCE_LANGUAGE
    try:
        locale = babel.Locale.parse(code.replace("-", "_"))
    except (ValueError, TypeError, babel.UnknownLocaleError):
        locale = babel.Locale.parse("en_GB")
    if locale.language == "en" and not locale.territory:
        locale = babel.Locale.parse("en_GB")
    for candidate in (code.replace("-", "_"), str(locale), locale.language):
        if catalogue_path(candidate).is_file():
            return Language(code, locale, _load(candidate), candidate)
    return Language(code, locale, _gettext.NullTranslations(), "")


@functools.lru_cache(maxsize=16)
def _load(code: str) -> Translations:
    """One catalogue, read and compiled once per process however many codes share it (en, en-GB)."""
    work.done("catalogue")
    with catalogue_path(code).open("rb") as f:
        catalog = read_po(f, locale=babel.Locale.parse(code), domain=DOMAIN)
    compiled = io.BytesIO()
    write_mo(compiled, catalog, use_fuzzy=False)
    compiled.seek(0)
    return Translations(compiled, domain=DOMAIN)


def no_catalogue_warning(code: str) -> tuple[str, str] | None:
    """(message, hint) when the site's language has no folkmoot catalogue, else None."""
    lang = language(code)
    if lang.catalogue or lang.primary == SOURCE_LANGUAGE:
        return None
    return (f"folkmoot has no translation into `{code}` yet, so its own words (headings, labels, documents) "
            "stay in English; dates and numbers are still written the way the language writes them.",
            f"Languages with a catalogue: {', '.join(available())}. The translators' guide "
            "(guides/translating-folkmoot) explains how to add one.")
