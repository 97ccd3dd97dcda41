"""The plugin's settings in mkdocs.yml, and what it reads from MkDocs' own."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urljoin

from mkdocs.config import config_options as c
from mkdocs.config.base import Config

from folkmoot.mkdocs_plugin.generated import ASSET_DIR, ASSET_FILES
from folkmoot.resources import THEME


class FolkmootConfig(Config):
    organisation = c.Type(dict, default={})
    timezone = c.Type(str, default="Europe/London")
    templates_dir = c.Type(str, default="templates")
    # read and checked by the core (records.settings.read_settings), which reports mistakes at their line
    response_days = c.Optional(c.Type(int))
    review_days = c.Optional(c.Type(int))
    recipients = c.Type(dict, default={})
    reports = c.Optional(c.Type(dict))  # every: 6 months, from: a date: a progress report for each period
    repository = c.Optional(c.Type(str))  # public or private: what `check` says of photos and drafts
    example_site = c.Type(bool, default=False)  # the bundled example: its `.example` addresses are on purpose
    social = c.Optional(c.Type(dict))  # hashtags and days of the ready-made social media posts
    form_sign_in = c.Optional(c.Type(str))  # an authenticator for the form's "Sign In with GitHub" (optional)


def project_root(config) -> Path:
    return Path(config.config_file_path).resolve().parent


def edit_base(config, root: Path) -> str:
    """Where a file of the repository is edited on GitHub, worked out from `repo_url` and
    `edit_uri` (which points at docs_dir, e.g. edit/main/content/); empty when they are not set."""
    repo_url, edit_uri = config.repo_url or "", config.edit_uri or ""
    docs = Path(config.docs_dir).resolve()
    if not repo_url or not edit_uri or not docs.is_relative_to(root):
        return ""
    inside = docs.relative_to(root).as_posix().strip("/") + "/"
    edit_uri = edit_uri if edit_uri.endswith("/") else edit_uri + "/"
    if not edit_uri.endswith(inside):
        return ""
    return urljoin(repo_url if repo_url.endswith("/") else repo_url + "/", edit_uri[:-len(inside)])


def add_theme_and_assets(config) -> None:
    """folkmoot's CSS and JavaScript on every page, and its partials (the Pagefind search
    box) after an organisation's own custom_dir and before the theme's."""
    for name, key in ASSET_FILES:
        if f"{ASSET_DIR}/{name}" not in config[key]:
            config[key].append(f"{ASSET_DIR}/{name}")
    if str(THEME) not in config.theme.dirs:
        config.theme.dirs.insert(1 if config.theme.custom_dir else 0, str(THEME))
