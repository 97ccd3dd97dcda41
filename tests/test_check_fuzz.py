"""Property: whatever bytes a volunteer commits, `check` reports and never crashes."""

from __future__ import annotations

import shutil

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import ROOT
from folkmoot.records.project import load_project

EXAMPLE = sorted((ROOT / "assemblies").glob("*/assembly.yml"))[0].read_bytes()

SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])

yaml_scalars = st.one_of(st.none(), st.booleans(), st.integers(-10**12, 10**12), st.floats(allow_nan=True),
                         st.text(max_size=40), st.dates().map(str), st.sampled_from(["../x", "/etc", "javascript:x", "18:30"]))
yaml_values = st.recursive(yaml_scalars, lambda inner: st.one_of(
    st.lists(inner, max_size=4), st.dictionaries(st.sampled_from(
        ["title", "date", "notes", "notes_file", "group", "id", "status", "updates", "support", "point",
         "question", "file", "alt", "outcomes", "to", "kind", "venue", "name", "x"]), inner, max_size=5)),
    max_leaves=20)


def _check(tmp_path, data: bytes) -> None:
    folder = tmp_path / "assemblies" / "2024-11-07-flooding"
    if folder.exists():
        shutil.rmtree(folder)
    folder.mkdir(parents=True)
    (folder / "assembly.yml").write_bytes(data)
    project, problems = load_project(tmp_path)
    for problem in problems.items:
        assert problem.path.startswith("assemblies/2024-11-07-flooding")
        assert problem.message


@SETTINGS
@given(data=st.binary(max_size=3000))
def test_random_bytes(tmp_path, data):
    _check(tmp_path, data)


@SETTINGS
@given(cut=st.integers(0, len(EXAMPLE)), length=st.integers(0, 40), junk=st.binary(max_size=20))
def test_mutated_example_record(tmp_path, cut, length, junk):
    _check(tmp_path, EXAMPLE[:cut] + junk + EXAMPLE[cut + length:])


@SETTINGS
@given(fields=st.dictionaries(st.sampled_from(
    ["title", "date", "time", "draft", "venue", "registration", "organisers", "themes", "summary", "attendance",
     "recap_video", "recap", "input", "questions", "deliberation", "integration", "outcomes", "evidence", "photos"]),
    yaml_values, max_size=10))
def test_random_structures(tmp_path, fields):
    import yaml
    _check(tmp_path, yaml.safe_dump(fields, allow_unicode=True).encode())
