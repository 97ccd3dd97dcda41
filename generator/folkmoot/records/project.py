"""Load every assembly record of a project, and the site's own settings.

``load_project`` is the single entry point of the core: it returns the
validated assemblies and every problem found, and never raises for bad input.
"""

from __future__ import annotations

import datetime as dt
import functools
import os
import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from folkmoot.records import across, model_cache as model_json
from folkmoot.records.placeholders import check_placeholders
from folkmoot.records.settings import Settings, read_settings
from folkmoot.engine.cache import Cache, code_digest, digest, folder_digest, project_cache, versions
from folkmoot.records.fields import is_web_link
from folkmoot.records.record_files import relpath
from folkmoot.text.i18n import Language, language
from folkmoot.records.model import Assembly
from folkmoot.problems import Problems
from folkmoot.records.validate import MAX_SLUG, check_record, is_valid_slug


@dataclass
class Organisation:
    """Who publishes the site; read from the folkmoot plugin options in mkdocs.yml."""

    name: str = "Our organisation"
    about: str = ""
    contact: str = ""
    url: str = ""
    timezone: str = "Europe/London"


@dataclass
class Project:
    root: Path
    assemblies: list[Assembly] = field(default_factory=list)  # every valid record, drafts included
    organisation: Organisation = field(default_factory=Organisation)
    folders_checked: int = 0
    options: dict = field(default_factory=dict)  # the folkmoot plugin's options in mkdocs.yml
    settings: Settings = field(default_factory=Settings)  # response and review days, recipients
    documents: dict = field(default_factory=dict)  # evidence documents made once by check, reused by the build
    site_url: str = ""  # from mkdocs.yml: the addresses letters give
    language_code: str = "en"  # mkdocs.yml's theme.language: the language of folkmoot's own words
    cache_used: set[str] = field(default_factory=set)  # the checked records it reused or kept: not to be pruned
    record_keys: dict[str, str] = field(default_factory=dict)  # slug -> the key its check is kept under

    @property
    def language(self) -> Language:
        return language(self.language_code)

    @property
    def templates_dir(self) -> Path:
        return self.root / str(self.options.get("templates_dir") or "templates")

    @property
    def word_template(self) -> Path | None:
        """The organisation's own Word file, whose styles evidence documents and letters take."""
        path = self.templates_dir / "evidence.docx"
        return path if path.is_file() else None

    @property
    def published(self) -> list[Assembly]:
        return [a for a in self.assemblies if not a.draft]


def build_timestamp() -> dt.datetime:
    """Now, or SOURCE_DATE_EPOCH when set, so that builds are reproducible. One that is
    no time at all (past the year 9999) is reported by `check_site_settings`; until then
    it is passed over here, so that nothing stops before the report."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit() and int(epoch) <= LAST_EPOCH:
        return dt.datetime.fromtimestamp(int(epoch), dt.timezone.utc)
    return dt.datetime.now(dt.timezone.utc).replace(microsecond=0)


# The latest SOURCE_DATE_EPOCH the whole build can hold: a gzip file (MkDocs' sitemap.xml.gz)
# stores its time in 32 bits, which end on 2106-02-07; a year before that leaves room for the
# dates worked out from today (a digest's month, a deadline).
LAST_EPOCH = 2**32 - 1 - 366 * 86400


def _line(config_text: str, key: str) -> int:
    return next((i for i, text in enumerate(config_text.splitlines(), 1) if text.strip().startswith(f"{key}:")), 0)


def check_site_settings(project: Project, config_text: str, problems: Problems) -> None:
    """What mkdocs.yml and the environment say that would otherwise stop a build with a traceback."""
    import difflib
    import zoneinfo

    zone = project.organisation.timezone
    try:
        zoneinfo.ZoneInfo(zone)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        close = difflib.get_close_matches(zone, sorted(zoneinfo.available_timezones()), n=1)
        problems.error("mkdocs.yml", _line(config_text, "timezone"), f"`timezone` is `{zone}`, which is not a time zone.",
                       f"Did you mean `{close[0]}`?" if close else "Write a name such as `Europe/London`.")
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch and not (epoch.isdigit() and int(epoch) <= LAST_EPOCH):
        last = dt.datetime.fromtimestamp(LAST_EPOCH, dt.timezone.utc).date()
        problems.error("SOURCE_DATE_EPOCH", 0, f"SOURCE_DATE_EPOCH is `{epoch[:30]}`, which is not a time folkmoot "
                       f"can use: it takes whole seconds since 1970, up to {LAST_EPOCH} ({last.isoformat()}).",
                       "Set it to a commit's time, as the workflow does: `git log -1 --format=%ct`, or unset it.")
    if project.site_url and not is_web_link(project.site_url):
        problems.error("mkdocs.yml", _line(config_text, "site_url"), f"`site_url` is `{project.site_url[:80]}`, which "
                       "is not a web address, so MkDocs would stop the build.",
                       "Write the site's full address, e.g. `https://your-org.github.io/assemblies/`, or leave it out.")
    site_name = re.search(r"(?m)^site_name:\s*(.*)$", config_text)
    if site_name and re.search(r"[<>]", site_name.group(1)):
        problems.error("mkdocs.yml", _line(config_text, "site_name"), "`site_name` contains `<` or `>`; themes print "
                       "it as it is, so it could add markup or script to every page.",
                       "Write the organisation's name as plain words.")


def today() -> dt.date:
    """The contract: upcoming or past is decided against this day."""
    return build_timestamp().date()


def _unchanged_key(folder: Path) -> str:
    """Every entry of `folder` by name, kind and content (see `folder_digest`; a file is read
    again only when its size, times or inode changed), or "" when one cannot be read."""
    try:
        return folder_digest(folder)
    except OSError:
        return ""


def load_project(root: Path, memo: dict | None = None) -> tuple[Project, Problems]:
    """`memo`: a dict kept by a long-running preview between rebuilds; a record whose
    folder is unchanged is not read and checked again (its problems are repeated)."""
    root = root.resolve()
    problems = Problems()
    options, config_text, site_url, language_code = read_options(root, problems)
    project = Project(root=root, organisation=organisation_from_options(options), options=options,
                      settings=read_settings(options, problems, config_text), site_url=site_url,
                      language_code=language_code)
    project.settings.today = today()
    check_language(project, config_text, problems)
    check_site_settings(project, config_text, problems)
    fresh: dict = {}  # the memo after this load: only folders that still exist
    base = root / "assemblies"
    if not base.is_dir():
        problems.error("assemblies", 0, "There is no `assemblies` folder here.",
                       "Run folkmoot from the project's top folder, or create one with `folkmoot new`.")
        return project, problems
    # Each folder in order: the problems of the folder itself, or a record to check
    # (or one checked already by a preview), so problems keep the folders' order.
    slots: list = []
    to_check: list[tuple[Path, tuple | None]] = []
    for folder in sorted(base.iterdir()):
        if folder.name.startswith(".") or not folder.is_dir():
            continue
        project.folders_checked += 1
        found = folder_problems(root, folder)
        if found.items:
            slots.append(found.items)
            continue
        key = (_unchanged_key(folder), repr(project.settings)) if memo is not None else None
        if key and key[0] and memo.get(folder) and memo[folder][0] == key:
            fresh[folder] = memo[folder]
            slots.append(memo[folder][1])
        else:
            slots.append(len(to_check))
            to_check.append((folder, key))
    cache = project_cache(root) if memo is None else None  # a preview keeps its records in memory instead
    checked, keys = check_records(root, [folder for folder, _ in to_check], project.settings,
                                  parallel=memo is None, cache=cache)
    if cache is not None:
        project.cache_used = cache.used
        project.record_keys = {folder.name: key for (folder, _), key in zip(to_check, keys) if key}
    for (folder, key), result in zip(to_check, checked):
        if key is not None:
            fresh[folder] = (key, result)
    for slot in slots:
        if isinstance(slot, list):
            problems.items.extend(slot)
            continue
        assembly, found = checked[slot] if isinstance(slot, int) else slot
        problems.items.extend(found)
        if assembly is not None:
            project.assemblies.append(assembly)
    project.assemblies.sort(key=lambda a: (a.date, a.slug))
    if memo is not None:
        memo.clear()
        memo.update(fresh)
    check_body_names(project, problems)
    across.check_verdict_places(project, problems)
    across.check_report_range(project, config_text, problems)
    check_placeholders(root, config_text, project.settings.example_site, problems,
                       [a.folder / "assembly.yml" for a in project.published])
    return project, problems





def folder_problems(root: Path, folder: Path) -> Problems:
    """What is wrong with an assembly folder itself, before its record is read."""
    problems = Problems()
    shown = relpath(root, folder)
    if folder.is_symlink():
        problems.error(shown, 0, "This assembly folder is a link to another place.",
                       "Move the real folder into `assemblies/` instead of linking it.")
    elif len(folder.name) > MAX_SLUG:
        problems.error(shown, 0, f"The folder name is {len(folder.name)} characters long; it becomes the page address "
                       f"and file names, so it may be at most {MAX_SLUG}.",
                       "Shorten it to the date and a word or two, e.g. `2025-07-10-heat`.")
    elif not is_valid_slug(folder.name):
        problems.error(shown, 0, f"The folder name `{folder.name}` is not a valid slug; it becomes the page address.",
                       "Use lowercase letters, digits and hyphens only, e.g. `2025-07-10-heat`.")
    elif not (folder / "assembly.yml").exists():
        problems.error(shown, 0, "This assembly folder has no `assembly.yml`.",
                       "Add one (folkmoot new writes a starter), or remove the folder.")
    return problems


PARALLEL_CHECK_FROM = 64  # records; below this, starting workers costs more than it saves


def check_records(root: Path, folders: list[Path], settings: Settings, parallel: bool = True,
                  cache: Cache | None = None) -> tuple[list[tuple], list[str]]:
    """(assembly or None, its problems) for each folder, in order, and each folder's key
    in `cache` ("" without one, or when a file cannot be read). A record whose files
    and settings are those of one checked before comes from `cache`. Many records are
    checked on every core, by fork, unless this process has threads (a preview
    server), which a fork could leave holding a lock."""
    import threading

    from folkmoot.engine.background import run_all

    def one(folder: Path) -> tuple:
        found = Problems()
        return check_record(root, folder, found, settings), found.items

    results: list[tuple | None] = [None] * len(folders)
    keys = [""] * len(folders)
    if cache is not None:
        settings_text = repr(settings)
        for i, folder in enumerate(folders):
            try:
                # what reads a record besides folkmoot: a new YAML parser or Pillow checks every record again
                keys[i] = digest("record v1", code_digest(), versions("PyYAML", "Pillow"), settings_text,
                                 folder.relative_to(root).as_posix(), folder_digest(folder))
            except OSError:  # a file that cannot be read: checked, and reported, as it is
                continue
            kept = cache.load(keys[i]) if keys[i] else None
            if kept is not None:  # None again if the entry cannot be trusted: checked afresh
                results[i] = model_json.loads(root, folder, kept)
    todo = [i for i, result in enumerate(results) if result is None]
    tasks = [functools.partial(one, folders[i]) for i in todo]
    if parallel and len(tasks) >= PARALLEL_CHECK_FROM and threading.active_count() == 1:
        made = run_all(tasks)
    else:
        made = [task() for task in tasks]
    for i, result in zip(todo, made):
        results[i] = result
        if cache is not None and keys[i]:
            cache.store(keys[i], model_json.dumps(root, *result))
    return results, keys




def project_settings(root: Path) -> Settings:
    """The accountability settings alone (problems in them are reported by `check`)."""
    scratch = Problems()
    options, text, _, _ = read_options(root, scratch)
    return read_settings(options, scratch, text)


def check_body_names(project: Project, problems: Problems) -> None:
    """One body written two ways across records would be counted as two: warn
    where a name is close to another one that is used more often."""
    import difflib

    uses: dict[str, list[tuple[str, int]]] = {}
    for a in project.assemblies:
        for o in a.outcomes:
            for body in o.directed_to:
                name = project.settings.canonical(body)
                uses.setdefault(name, []).append((relpath(project.root, a.folder / "assembly.yml"), o.directed_to_line))
    names = sorted(uses, key=lambda n: (-len(uses[n]), n))
    for i, name in enumerate(names):
        close = [other for other in names[:i] if other.casefold() == name.casefold()
                 or difflib.SequenceMatcher(None, name.casefold(), other.casefold()).ratio() >= 0.88]
        if close:
            path, line = uses[name][0]
            problems.warning(path, line, f"`{name}` looks like `{close[0]}`, used elsewhere; as written they count "
                             "as two different bodies.",
                             f"If they are the same body, write `{close[0]}`, or list one as an alias of the other "
                             "under `recipients:` in mkdocs.yml.")


class _TolerantLoader(yaml.SafeLoader):
    """mkdocs.yml may hold tags such as !!python/name; we only need plain values."""


_TolerantLoader.add_multi_constructor("", lambda loader, suffix, node: None)
_TolerantLoader.add_multi_constructor("tag:yaml.org,2002:python/", lambda loader, suffix, node: None)


def check_language(project: Project, config_text: str, problems: Problems) -> None:
    """A site language folkmoot has no catalogue for is allowed, but said."""
    from folkmoot.text.i18n import no_catalogue_warning

    found = no_catalogue_warning(project.language_code)
    if found:
        line = next((i for i, text in enumerate(config_text.splitlines(), 1) if text.strip().startswith("language:")), 0)
        problems.warning("mkdocs.yml", line, *found)


def read_options(root: Path, problems: Problems) -> tuple[dict, str, str, str]:
    """The folkmoot plugin's options from mkdocs.yml ({} when there are none), its text,
    `site_url` and `theme.language`."""
    path = root / "mkdocs.yml"
    if not path.is_file():
        return {}, "", "", "en"
    try:
        text = path.read_text(encoding="utf-8")
        config = yaml.load(text, Loader=_TolerantLoader) or {}
    except (yaml.YAMLError, UnicodeDecodeError) as exc:
        mark = getattr(exc, "problem_mark", None)
        problems.error("mkdocs.yml", mark.line + 1 if mark else 0, "mkdocs.yml is not valid YAML.",
                       "Check the indentation around this line.")
        return {}, "", "", "en"
    if not isinstance(config, dict):
        return {}, text, "", "en"
    theme = config.get("theme")
    code = str(theme.get("language") or "en") if isinstance(theme, dict) else "en"
    return plugin_options(config), text, str(config.get("site_url") or ""), code


def plugin_options(config: dict) -> dict:
    plugins = config.get("plugins") or []
    if isinstance(plugins, dict):  # MkDocs also accepts `plugins:` as a mapping of name to options
        options = plugins.get("folkmoot") or {}
        return options if isinstance(options, dict) else {}
    for entry in plugins:
        if isinstance(entry, dict) and "folkmoot" in entry:
            options = entry["folkmoot"] or {}
            return options if isinstance(options, dict) else {}
    return {}


def organisation_from_options(options: dict) -> Organisation:
    org = options.get("organisation") or {}
    org = org if isinstance(org, dict) else {}
    return Organisation(
        name=str(org.get("name") or Organisation.name),
        about=str(org.get("about") or ""),
        contact=str(org.get("contact") or ""),
        url=str(org.get("url") or ""),
        timezone=str(options.get("timezone") or Organisation.timezone),
    )
