"""A checked record (its model and its problems) as JSON and back.

`check` keeps each record's result in the cache folder, so records whose
files are unchanged are not read, parsed and validated again (see
`project.check_records`). JSON, not pickle: nothing read from the cache
folder is ever run. The model is plain dataclasses, so their type hints
say how to read each value back, and every value is checked against them.

The cache never decides what is published: `loads` gives None (a miss, so
the record is checked again) for an entry that cannot be read, has the
wrong shape, drops a record without an error, or disagrees with the record
about whether it is a draft or which photos have consent.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import json
import types
import typing
from pathlib import Path

import yaml

from folkmoot.records import model as m
from folkmoot.problems import Problem

_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _to_data(value):
    if dataclasses.is_dataclass(value):
        # an outcome's `assembly` points back at its record: set again on reading
        return {f.name: _to_data(getattr(value, f.name)) for f in dataclasses.fields(value) if f.name != "assembly"}
    if isinstance(value, list):
        return [_to_data(v) for v in value]
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, Path):
        raise TypeError("paths are kept relative to the project, by `dumps`")
    return value


def _same(value):
    return value


def _typed(kind):
    def read(value):
        # bool is an int in Python, but never the other way round in a record
        if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
            raise TypeError(f"expected {kind.__name__}, found {type(value).__name__}")
        return value
    return read


@functools.cache
def _reader(kind):
    """A function that reads a value of type `kind` back, worked out once per type."""
    if typing.get_origin(kind) in (typing.Union, types.UnionType):
        inner = _reader(next(k for k in typing.get_args(kind) if k is not type(None)))
        return lambda value: None if value is None else inner(value)
    if typing.get_origin(kind) is list:
        item = _reader(typing.get_args(kind)[0])
        return lambda value: [item(v) for v in _typed(list)(value)]
    if dataclasses.is_dataclass(kind):
        hints = typing.get_type_hints(kind, vars(m))
        fields = {f.name: _reader(hints[f.name]) for f in dataclasses.fields(kind) if f.name != "assembly"}
        return lambda value: kind(**{name: fields[name](v) for name, v in _typed(dict)(value).items()})
    if kind is dt.date:
        return lambda value: dt.date.fromisoformat(_typed(str)(value))
    if kind in (str, int, bool):
        return _typed(kind)
    return _same


def dumps(root: Path, assembly: m.Assembly | None, problems: list[Problem]) -> bytes:
    record = None
    if assembly is not None:
        folder, assembly.folder = assembly.folder, None
        try:
            record = _to_data(assembly)
        finally:
            assembly.folder = folder
        record["folder"] = folder.relative_to(root).as_posix()
    return json.dumps({"assembly": record, "problems": [dataclasses.astuple(p) for p in problems]},
                      ensure_ascii=False).encode("utf-8")


def loads(root: Path, folder: Path, data: bytes) -> tuple[m.Assembly | None, list[Problem]] | None:
    """The record kept in `data` for `folder`, or None when the entry cannot be trusted."""
    try:
        kept = json.loads(data)
        problems = [Problem(*_typed(list)(p)) for p in kept["problems"]]
        if not all(isinstance(p.path, str) and isinstance(p.line, int) and isinstance(p.message, str)
                   for p in problems):
            return None
        if kept["assembly"] is None:
            # a record is left out only with an error that says why
            return (None, problems) if any(p.severity == "error" for p in problems) else None
        record = dict(_typed(dict)(kept["assembly"]))
        if record.pop("folder") != folder.relative_to(root).as_posix():
            return None
        assembly = _reader(m.Assembly)({**record, "folder": None})
    except (ValueError, TypeError, KeyError, AttributeError, RecursionError):
        return None
    if assembly.slug != folder.name or not _agrees_with_record(assembly, folder):
        return None
    assembly.folder = folder
    for outcome in assembly.outcomes:
        outcome.assembly = assembly
    return assembly, problems


def _publication_keys(raw: bytes):
    """`draft` and `photos` of the record's top mapping, built alone (the rest is only composed)."""
    loader = _LOADER(raw)
    try:
        root = loader.get_single_node()
        if not isinstance(root, yaml.MappingNode):
            return None
        out = {}
        for key, value in root.value:
            if key.tag == "tag:yaml.org,2002:merge":
                return yaml.load(raw, Loader=_LOADER)
            if isinstance(key, yaml.ScalarNode) and key.tag == "tag:yaml.org,2002:str" and key.value in ("draft", "photos"):
                out[key.value] = loader.construct_document(value)
        return out
    finally:
        loader.dispose()


def _agrees_with_record(assembly: m.Assembly, folder: Path) -> bool:
    """Whether the record itself, read again (YAML parsing alone is quick), says the same
    as the kept entry about what may be published: draft or not, and each photo's consent."""
    try:
        data = _publication_keys((folder / "assembly.yml").read_bytes())
    except (OSError, yaml.YAMLError, ValueError, RecursionError):
        return False
    if not isinstance(data, dict):
        return False
    if assembly.draft != (data.get("draft") is True):
        return False
    entries = data.get("photos")
    consented = {e.get("file") for e in entries if isinstance(e, dict) and e.get("consent") is True} \
        if isinstance(entries, list) else set()
    return all(photo.file in consented for photo in assembly.published_photos)
