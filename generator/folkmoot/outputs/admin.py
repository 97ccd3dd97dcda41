"""/admin/: a form for writing and updating records, for volunteers who do not write YAML.

The form is Sveltia CMS, vendored under `assets/admin/` (see maintenance/vendor_editor.py):
one script that edits the repository on GitHub through the volunteer's own token, or a
folder on their computer in Chrome and Edge. What folkmoot makes here is its settings,
`config.yml`, generated from the record format (`records/schema.py`, the source of
`record.schema.json` too), so that the form cannot drift from what `check` accepts:

- fields in the order a record is written, labelled in the site's language;
- each save becomes a pull request (Sveltia's editorial workflow), so the check runs
  on it before anything is published, and "Publish" merges only what passed;
- photos made smaller and stripped of every detail in the browser, before they are saved;
- YAML written as folkmoot reads it (`records/yamlload.py` reads YAML 1.2 plain values).

What the form cannot say (rules across fields: a verdict's body must have answered, a
folder's date must match `date:`) stays with `check`, which runs on every pull request.
"""

from __future__ import annotations

import json
from typing import Iterator

import yaml

from folkmoot.outputs import admin_words as words
from folkmoot.outputs.page import Artifact, Asset
from folkmoot.outputs.plan import SitePlan, github_repository
from folkmoot.records import validate as v
from folkmoot.records.model import (KIND_LABELS, RESPONSE_LABELS, STATUS_LABELS, SUPPORT_LABELS, VERDICT_LABELS)
from folkmoot.records.schema import record_schema
from folkmoot.resources import ASSETS

ADMIN = "admin/"
EDITOR = ASSETS / "admin"  # the vendored editor, as maintenance/vendor_editor.py leaves it
NOT_PUBLISHED = ("vendor/MANIFEST.json", "/schema/")  # kept for the maintainers and the tests only
ENUM_LABELS = {**STATUS_LABELS, **RESPONSE_LABELS, **SUPPORT_LABELS, **VERDICT_LABELS, **KIND_LABELS}
# Sveltia's own interface languages: the site's language where Sveltia has it (it has no Welsh)
INTERFACE = {"fr": "fr", "en": "en-GB"}
# What a closed item of a list shows: the first of these it has
SUMMARY = ("title", "point", "group", "to", "alt", "date")
PHOTOS = {"format": "webp", "quality": 85, "width": 1600, "height": 1600}




class FormFields:
    """The record format (its JSON Schema) as the form's fields, labelled in `lang`."""

    def __init__(self, lang, bodies: list[str]):
        self.lang = lang
        self.bodies = bodies  # the names in `recipients:`, offered where a body is named

    def fields(self, schema: dict, path: str = "") -> list[dict]:
        required = set(schema.get("required", ()))
        return [self.field(name, spec, f"{path}{name}", name in required)
                for name, spec in schema["properties"].items()]

    def field(self, name: str, spec: dict, path: str, required: bool) -> dict:
        out = {"name": name, "label": self._label(path, name)}
        hint = words.HINTS.get(path)
        if hint:
            out["hint"] = self.lang._(hint)
        if not required:
            out["required"] = False
        return out | self.widget(name, spec, path)

    def _label(self, path: str, name: str) -> str:
        return self.lang._(words.LABELS.get(path) or words.LABELS.get(name) or name.replace("_", " ").capitalize())

    def _singular(self, path: str) -> str:
        return self.lang._(words.SINGULAR.get(path) or words.LABELS.get(path) or path)

    def widget(self, name: str, spec: dict, path: str) -> dict:
        if path in ("outcomes.directed_to", "outcomes.updates.from", "outcomes.verdicts.on") and self.bodies:
            return {"widget": "select", "multiple": path.endswith("directed_to"), "options": self.bodies,
                    "dropdown_threshold": 0}
        if "enum" in spec:
            return {"widget": "select", "dropdown_threshold": 0,
                    "options": [{"label": self.lang._(ENUM_LABELS.get(value, value)), "value": value}
                                for value in spec["enum"]]}
        if "oneOf" in spec:  # a name or a list of names: the form writes a list
            return {"widget": "list", "label_singular": self._singular(path)}
        kind = spec.get("type")
        if kind == "object":
            return {"widget": "object", "collapsed": True, "fields": self.fields(spec, path + ".")}
        if kind == "array":
            items = spec["items"]
            if items.get("type") == "object":
                shown = next(f for f in (*SUMMARY, *items["properties"]) if f in items["properties"])
                summary = "{{fields.%s}}" % shown
                if shown == "date":  # an update or a verdict: when, and what
                    summary += ": {{fields.%s}}" % ("note" if "note" in items["properties"] else "verdict")
                return {"widget": "list", "collapsed": True, "summary": summary,
                        "label_singular": self._singular(path), "fields": self.fields(items, path + ".")}
            return {"widget": "list", "label_singular": self._singular(path),
                    "field": {"name": "item", "label": self._label(path + ".item", "item"), "widget": "text"}}
        if kind == "boolean":
            return {"widget": "boolean", "default": name == "draft"}
        if kind == "integer":
            return {"widget": "number", "value_type": "int", "min": spec.get("minimum", 0),
                    **({"max": spec["maximum"]} if "maximum" in spec else {})}
        if spec.get("format") == "date":
            return {"widget": "datetime", "type": "date", "format": "YYYY-MM-DD"}
        if spec.get("format") == "uri":
            return {"widget": "string", "type": "url"}
        if path == "photos.file":
            return {"widget": "image", "media_folder": "photos", "public_folder": "photos", "choose_url": False,
                    "accept": "image/jpeg,image/png,image/webp"}
        if "Markdown" in spec.get("description", "") and "path of" not in spec.get("description", ""):
            return {"widget": "text"}  # written as typed: Markdown, not an editor's rewrite of it
        if name == "time":
            return {"widget": "string", "pattern": [spec["pattern"], self.lang._(words.HINTS["time"])]}
        if "pattern" in spec and name in ("id", "at"):
            return {"widget": "string", "pattern": [spec["pattern"], self.lang._(words.HINTS["outcomes.id"])]}
        return {"widget": "string"}


def editor_config(plan: SitePlan) -> dict:
    """Sveltia CMS's settings for this site (its `config.yml`)."""
    repo, branch = github_repository(plan.edit_base)
    lang = plan.lang
    settings = plan.site.project.settings
    form = FormFields(lang, sorted(settings.recipients))
    c = words.COLLECTIONS
    record = record_schema(plan.base_url)
    return {
        "backend": {"name": "github", "repo": repo, "branch": branch,
                    # a token by default; "Sign In with GitHub" too where the site names an authenticator
                    **({"base_url": settings.form_sign_in, "auth_methods": ["oauth", "token"]} if settings.form_sign_in
                       else {"auth_methods": ["token"]}),
                    "commit_messages": {"create": "Add {{slug}} (in the form)", "update": "Update {{slug}} (in the form)",
                                        "delete": "Delete {{slug}} (in the form)",
                                        "uploadMedia": "Add {{path}} (in the form)"}},
        "publish_mode": "editorial_workflow",
        "site_url": plan.base_url or None,
        "media_folder": "assemblies",
        "media_libraries": {"default": {"config": {"transformations": {"raster_image": PHOTOS}}},
                            "stock_assets": False},
        "editor": {"preview": False},
        "output": {"omit_empty_optional_fields": True,
                   "yaml": {"quote": "none", "indent_size": 2, "indent_sequences": True}},
        "slug": {"encoding": "ascii", "clean_accents": True},
        "collections": [
            {"name": "assemblies", "label": lang._(c["assemblies"]), "label_singular": lang._(c["assembly"]),
             "icon": "groups", "folder": "assemblies", "path": "{{slug}}/assembly", "extension": "yml",
             "format": "yaml", "identifier_field": "title", "summary": "{{date}}: {{title}}",
             "slug": "{{fields.date}}-{{slug}}",
             "sortable_fields": {"fields": ["date", "title"], "default": {"field": "date", "direction": "descending"}},
             "media_folder": "", "public_folder": "", "delete": False,
             "fields": form.fields(record)},
            # the Markdown beside a record: its recap story and any group notes kept in files
            {"name": "texts", "label": lang._(c["texts"]), "icon": "article", "folder": "assemblies",
             "extension": "md", "format": "frontmatter", "create": False, "delete": False,
             "nested": {"depth": 3, "subfolders": False}, "summary": "{{dirname}}/{{filename}}",
             "fields": [{"name": "body", "label": lang._(words.LABELS["body"]), "widget": "markdown",
                         "modes": ["raw", "rich_text"]}]},
        ],
    }


def config_yml(plan: SitePlan) -> str:
    head = ("# The form editor's settings, made by folkmoot from the record format at every build;\n"
            "# a change here is overwritten. See the guide \"Editing in a form\".\n")
    config = {k: v for k, v in editor_config(plan).items() if v is not None}
    return head + yaml.safe_dump(config, allow_unicode=True, sort_keys=False, width=100)


class Admin:
    """The form at /admin/, when the site says where its repository is on GitHub."""

    def __init__(self, plan: SitePlan, templates):
        self.plan = plan
        self.templates = templates

    def artifacts(self) -> Iterator[Artifact]:
        if not self.plan.has_form:
            return
        yield Artifact(ADMIN + "config.yml", lambda: config_yml(self.plan), ())
        yield Artifact(ADMIN + "index.html", self.index, ())

    def index(self) -> str:
        lang = self.plan.lang
        return self.templates.render("admin.html.j2", interface=json.dumps(INTERFACE.get(lang.primary, "en-GB")))

    def files(self) -> list[Asset]:
        """The editor itself, as vendored: read from the package, never changed."""
        if not self.plan.has_form:
            return []
        return [Asset(ADMIN + path.relative_to(EDITOR).as_posix(), path.read_bytes())
                for path in sorted(EDITOR.rglob("*")) if path.is_file()
                and not any(skip in path.relative_to(EDITOR).as_posix() for skip in NOT_PUBLISHED)]
