"""A checked record (its model and its problems) as JSON and back.

`check` keeps each record's result in the cache folder, so records whose
files are unchanged are not read, parsed and validated again (see
`project.check_records`). JSON, not pickle: nothing read from the cache
folder is ever run. The model is plain dataclasses, so their type hints
say how to read each value back.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import json
import types
import typing
from pathlib import Path

from folkmoot.records import model as m
from folkmoot.problems import Problem


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


@functools.cache
def _reader(kind):
    """A function that reads a value of type `kind` back, worked out once per type."""
    if typing.get_origin(kind) in (typing.Union, types.UnionType):
        inner = _reader(next(k for k in typing.get_args(kind) if k is not type(None)))
        return lambda value: None if value is None else inner(value)
    if typing.get_origin(kind) is list:
        item = _reader(typing.get_args(kind)[0])
        return _same if item is _same else (lambda value: [item(v) for v in value])
    if dataclasses.is_dataclass(kind):
        hints = typing.get_type_hints(kind, vars(m))
        fields = {f.name: _reader(hints[f.name]) for f in dataclasses.fields(kind) if f.name != "assembly"}
        return lambda value: kind(**{name: fields[name](v) for name, v in value.items()})
    if kind is dt.date:
        return dt.date.fromisoformat
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


def loads(root: Path, data: bytes) -> tuple[m.Assembly | None, list[Problem]]:
    kept = json.loads(data)
    assembly = None
    if kept["assembly"] is not None:
        record = dict(kept["assembly"])
        folder = root / record.pop("folder")
        assembly = _reader(m.Assembly)({**record, "folder": None})
        assembly.folder = folder
        for outcome in assembly.outcomes:
            outcome.assembly = assembly
    return assembly, [Problem(*p) for p in kept["problems"]]
