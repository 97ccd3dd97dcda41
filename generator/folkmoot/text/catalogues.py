"""Keep the translation catalogues in step with the code: for translators and tests.

    python -m folkmoot.text.catalogues update      # after changing any words in folkmoot
    python -m folkmoot.text.catalogues check       # what each catalogue lacks, or has that is gone
    python -m folkmoot.text.catalogues init CODE   # start a new language, e.g. tr

Words are found with Babel in the Python modules (`_()`, `ngettext()`,
`N_()`), the page templates and the theme's partials (`{{ _() }}`,
`{% trans %}`), as `locale/babel.cfg` says. `update` writes the template
`locale/folkmoot.pot` and merges it into every catalogue; the English one is
filled in from the code itself.
"""

from __future__ import annotations

import copy
import re
import sys
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.pofile import read_po, write_po

from folkmoot.resources import PACKAGE
from folkmoot.text.i18n import CATALOGUES, DOMAIN, SOURCE_LANGUAGE, available, catalogue_path

HEADER = "folkmoot's own words: headings, labels, documents, letters, feeds and charts."


def _catalog(locale: str | None = None) -> Catalog:
    return Catalog(locale=locale, domain=DOMAIN, project="folkmoot", version="", header_comment=f"# {HEADER}",
                   copyright_holder="folkmoot contributors", msgid_bugs_address="", charset="utf-8", fuzzy=False)


def template() -> Catalog:
    """Every message folkmoot's code and templates can show, as found now."""
    with (CATALOGUES / "babel.cfg").open(encoding="utf-8") as f:
        method_map, options_map = parse_mapping_cfg(f)
    found = _catalog()
    keywords = {**DEFAULT_KEYWORDS, "plural_forms": (1, 2), "fm_plural_forms": (1, 2)}  # the site's JavaScript's plurals
    for filename, lineno, message, comments, context in extract_from_dir(str(PACKAGE), method_map, options_map,
                                                                         keywords=keywords):
        found.add(message, None, [(filename, lineno)], auto_comments=comments, context=context)
    return found


def read(code: str) -> Catalog:
    with catalogue_path(code).open("rb") as f:
        return read_po(f, locale=code, domain=DOMAIN)


def write(path: Path, catalog: Catalog) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("wb") as f:
        write_po(f, catalog, width=100, sort_output=False, omit_header=False, ignore_obsolete=True,
                 include_lineno=False)


def _fill_english(catalog: Catalog) -> None:
    """English is the language of the code: each message translates to itself."""
    for message in catalog:
        if not message.id:
            continue
        message.string = tuple(message.id) if isinstance(message.id, tuple) else message.id
        message.flags.discard("fuzzy")


def update() -> dict[str, int]:
    """Write folkmoot.pot and merge it into every catalogue; returns the number of messages in each."""
    pot = template()
    write(CATALOGUES / f"{DOMAIN}.pot", pot)
    counts = {}
    for code in available():
        catalog = read(code)
        catalog.update(copy.deepcopy(pot), no_fuzzy_matching=True)  # new messages are shared objects otherwise
        if code == SOURCE_LANGUAGE:
            _fill_english(catalog)
        write(catalogue_path(code), catalog)
        counts[code] = sum(1 for m in catalog if m.id)
    return counts


def init(code: str) -> Path:
    """Start the catalogue of a new language from the template."""
    path = catalogue_path(code)
    if path.exists():
        raise SystemExit(f"{path} exists already; run `update` instead.")
    catalog = _catalog(code.replace("-", "_"))
    for message in template():
        if message.id:
            catalog[message.id] = message
            catalog[message.id].string = ("",) * catalog.num_plurals if message.pluralizable else ""
    write(path, catalog)
    return path


def problems(code: str) -> list[str]:
    """What stops a catalogue being complete: messages it lacks, ones the code no longer has,
    untranslated or fuzzy ones, and translations whose placeholders differ from the English."""
    from babel.messages.plurals import get_plural

    wanted = {m.id if isinstance(m.id, str) else m.id[0]: m for m in template() if m.id}
    catalog = read(code)
    cldr = get_plural(code.replace("-", "_")).num_plurals
    if catalog.num_plurals != cldr:  # Welsh has six: zero is a form of its own
        return [f"plural forms: the catalogue has {catalog.num_plurals}, CLDR's rules for {code} have {cldr}; "
                f"set the header to `{get_plural(code.replace('-', '_')).plural_forms}`"]
    have = {m.id if isinstance(m.id, str) else m.id[0]: m for m in catalog if m.id}
    found = [f"missing: {key!r}" for key in wanted if key not in have]
    found += [f"stale (no longer in folkmoot): {key!r}" for key in have if key not in wanted]
    found += [f"stale (obsolete entry): {key!r}" for key in catalog.obsolete]
    for key, message in have.items():
        if key not in wanted:
            continue
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        if not all(strings) or (wanted[key].pluralizable and len(strings) != catalog.num_plurals):
            found.append(f"untranslated: {key!r}")
        elif message.fuzzy:
            found.append(f"fuzzy (needs checking): {key!r}")
        else:
            expected = set(PLACEHOLDER.findall(" ".join(message.id if isinstance(message.id, tuple) else (message.id,))))
            for text in strings:
                got = set(PLACEHOLDER.findall(text))
                if got - expected or (expected - got - {"%(num)s"}):
                    found.append(f"placeholders differ: {key!r} -> {text!r}")
                    break
    return found + usage(code, have.values())


# Terms agreed in the translators' guide, and renderings that drifted from them before: (what the
# English says, the drifted rendering, what to write). A message is checked when its English matches.
DRIFT = {
    "cy": [(r"\bas of\b", r"\bfel yr oedd(?:ent)? ar\b", "\"as of\" is \"yn gywir ar\""),
           (r"\banswer", r"\ba ymatebodd\b", "\"ymateb\" takes no direct object: \"y syniadau a atebodd ...\" "
            "or \"ymateb i\"")],
    "fr": [(r"\bpromis|\bdue\b", r"\ben cours\b", "a promise not yet due is \"à tenir\" (\"en cours\" is an idea's "
            "status)"),
           (r"\bby %\(date\)s", r"\bavant (?:le )?%\(date\)s", "\"by a date\" is \"au plus tard le\" (\"avant le\" "
            "leaves the day out)"),
           (r"\blate\b", r"\btardi(?:f|ve)s?\b", "a late answer is \"hors délai\""),
           (r"\bof the %\(num\)s\b", r"%\([a-z_]+\)s sur %\(num\)s propositions", "\"à 3 des 5 propositions\"")],
}


def usage(code: str, messages) -> list[str]:
    """Where a translation breaks a rule of its language that no placeholder check sees: the
    agreed terms (DRIFT), French's no-break space before : ; ! ?, and Welsh "a" before a value,
    which must be "ac" before a vowel sound that the catalogue cannot know."""
    primary = code.split("-")[0]
    found = []
    for message in messages:
        english = " ".join(message.id) if isinstance(message.id, tuple) else message.id
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        text = " ".join(s for s in strings if s)
        for said, drifted, rule in DRIFT.get(primary, []):
            if re.search(said, english, re.I) and re.search(drifted, text, re.I):
                found.append(f"term: {english!r}: {rule}")
        if primary == "fr" and re.search(r"(?:^|[^\u00a0\u202f])(?<!:)[:;!?](?=[\s<»]|$)", TAG.sub("", text)):
            found.append(f"no-break space: {english!r}: French puts a no-break space (\\u00a0) before : ; ! ?")
        if primary == "cy" and re.search(r"\ba (?=%\()", text):
            found.append(f"a/ac: {english!r}: \"a\" before a value would need to be \"ac\" before a vowel "
                         "sound; word it so that no conjunction comes before the value (\"o ... hyd at ...\")")
    return found


TAG = re.compile(r"<code>.*?</code>|`[^`]*`|<[^>]+>|%\([a-z_]+\)s|https?://\S+")


PLACEHOLDER = re.compile(r"%\([a-z_]+\)s|\{[a-z]+\}|<[^>]+>")

# Two translated outputs on one line with only separators between them ("{{ _(a) }}, {{ _(b) }}"),
# or a translated string lower-cased into running text: a sentence made of pieces, which no
# translator can order or agree. Whole sentences join with a space after their full stop.
_TRANSLATED = r"\{\{[^{}]*\b(?:_|gettext|ngettext)\((?:[^{}]|\{[^{}]*\})*?\}\}"
# between them: separators, tags such as {% if %}, and values that are not translated ({{ date }})
_BETWEEN = r"(?P<between>(?:\{%[^%\n]*%\}|\{\{(?![^}\n]*\b(?:_|gettext|ngettext)\()[^}\n]*\}\}|[^{}\w<>\n])*)"
_PIECES = re.compile(_TRANSLATED + _BETWEEN + "(?=" + _TRANSLATED + ")")
_CODE = re.compile(r"\{%[^%]*%\}|\{\{[^}]*\}\}")
_LOWERED = re.compile(r"\b(?:_|gettext|ngettext)\([^\n]*?\)\s*(?:\|\s*lower\b|\.lower\(\))")


def pieced_sentences(text: str) -> list[tuple[int, str]]:
    """(line, what) for each place in a template's `text` that builds a sentence from pieces."""
    found = []
    for match in _PIECES.finditer(text):
        if _CODE.sub("", match["between"]).strip():  # a separator, not only a space between sentences
            found.append((text.count("\n", 0, match.start()) + 1,
                          f"two translated pieces joined by {match['between'].strip()!r}"))
    for match in _LOWERED.finditer(text):
        found.append((text.count("\n", 0, match.start()) + 1, "a translated string lower-cased into a sentence"))
    return found


def main(argv: list[str]) -> int:
    command = argv[0] if argv else "check"
    if command == "update":
        for code, n in update().items():
            print(f"{catalogue_path(code).relative_to(PACKAGE.parent)}: {n} messages")
        return 0
    if command == "init" and len(argv) == 2:
        print(f"Started {init(argv[1])}; translate it, then run `python -m folkmoot.text.catalogues check`.")
        return 0
    if command == "check":
        bad = 0
        for code in available():
            found = problems(code)
            bad += len(found)
            print(f"{code}: {'complete' if not found else f'{len(found)} problems'}")
            for line in found:
                print(f"  {line}")
        return 1 if bad else 0
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))


FILE_NAME = re.compile(r"[\w.-]+\.(?:json|csv|xml|ics|docx|odt)\b")
WORD = re.compile(r"[A-Za-z]{2,}")


def words_outside_catalogue(source: str) -> list[tuple[int, str]]:
    """(line, text) for every run of English words a template prints that no `_()` or
    `{% trans %}` gives to translators: the words a translated site would still show in English.
    Markup (tags and their attributes), file names and template code are not words."""
    import jinja2

    env = jinja2.Environment(extensions=["jinja2.ext.i18n"], trim_blocks=True, lstrip_blocks=True)
    pieces: list[tuple[int, str]] = []
    in_trans = False
    previous = ""
    for line, kind, value in env.lex(source):
        if kind == "name" and previous == "block_begin":
            in_trans = value == "trans" or (in_trans and value != "endtrans")
        if kind != "whitespace":
            previous = kind
        pieces.append((line, value if kind == "data" and not in_trans else "\0"))
    text = "".join(value for _, value in pieces)
    starts, at = [], 0
    for line, value in pieces:  # where each character came from, for the line of a finding
        starts.append((at, line))
        at += len(value)
    found = []
    # CSS, script and code samples (a snippet to paste) are not words for translators
    text = re.sub(r"(?s)<(style|script|pre)\b[^>]*>.*?</\1>", lambda m: "\0" * len(m.group(0)), text)
    stripped = re.sub(r"<[^<>]*>", lambda m: "\0" * len(m.group(0)), text)
    stripped = FILE_NAME.sub(lambda m: "\0" * len(m.group(0)), re.sub(r"&\w+;", "\0", stripped))
    for match in re.finditer(r"[^\0\n]*[A-Za-z]{2,}[^\0\n]*", stripped):
        line = max((ln for pos, ln in starts if pos <= match.start()), default=1)
        found.append((line, match.group(0).strip()))
    return found
