"""Safe YAML loading that remembers the line of every key and item.

PyYAML's safe loader forgets where values came from; volunteers need
``file:line`` for every mistake. We compose the node tree with the safe
loader and convert it ourselves, keeping lines and refusing what a record
never needs (anchors and aliases, non-text keys, duplicate keys).
"""

from __future__ import annotations

import re

import yaml

from folkmoot.problems import Problems


class LDict(dict):
    """A mapping that knows the line of itself, each key and each value."""

    line: int = 0

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.key_lines: dict[str, int] = {}
        self.value_lines: dict[str, int] = {}

    def line_of(self, key: str) -> int:
        return self.key_lines.get(key, self.line)

    def value_line(self, key: str) -> int:
        """First line of the value's text (for a ``|`` block, the line after the key)."""
        return self.value_lines.get(key, self.line_of(key))


class LList(list):
    """A sequence that knows the line of itself and of each item."""

    line: int = 0

    def __init__(self, *args):
        super().__init__(*args)
        self.item_lines: list[int] = []

    def line_of(self, index: int) -> int:
        if 0 <= index < len(self.item_lines):
            return self.item_lines[index]
        return self.line


_NON_PRINTABLE = yaml.reader.Reader.NON_PRINTABLE
MAX_DEPTH = 50  # a record needs about six levels

# libyaml (C) when PyYAML has it: ten times faster, which matters at 1,000 records.
_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
STR_TAG = "tag:yaml.org,2002:str"


class _StructureError(Exception):
    """An alias or runaway nesting, found while converting the node tree."""

    def __init__(self, line: int, message: str, hint: str):
        super().__init__(message)
        self.line, self.message, self.hint = line, message, hint


YAML_TAG = "tag:yaml.org,2002:"
# What YAML 1.2 (the core schema, which the form editor writes) reads as a boolean, number or
# nothing; PyYAML follows YAML 1.1, where `19:00` is the number 1140 and `yes`, `on`, `n` are
# booleans. A plain value that only YAML 1.1 makes a number or boolean is text, as its writer meant.
YAML12 = {YAML_TAG + "bool": re.compile(r"true|True|TRUE|false|False|FALSE"),
          YAML_TAG + "int": re.compile(r"[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+"),
          YAML_TAG + "float": re.compile(r"[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?"
                                        r"|[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN")}
PLAIN_TAGS = {YAML_TAG + name for name in ("str", "int", "float", "bool", "null", "timestamp", "map", "seq")}


def forbidden_character(text: str):
    """The first character no record may hold, or None: the one rule for every
    value and file that can reach a page, a feed, a Word file or a file name.

    These are the characters YAML refuses when typed (control characters,
    U+FFFE, lone surrogates; XML refuses the same ones), here caught also
    when written as escapes such as "\\x01" or "\\0"."""
    return _NON_PRINTABLE.search(text)


def control_character_problem(text: str, match) -> tuple[str, str]:
    return (f"This line contains an invisible control character (U+{ord(match.group()):04X}) that a record may not hold.",
            "Delete and retype the text; such characters often come from copying out of other programs, "
            "or from escapes such as \\x01 inside double quotes.")


TOO_DEEP = ("The file is nested too deeply to read.",
            "A record needs only a few levels of indentation; check for runaway brackets or dashes.")
ALIAS = ("Anchors and aliases (& and *) are not allowed in records.", "Write the value out in full where it is needed.")


def _describe_yaml_error(exc: yaml.YAMLError, text: str) -> tuple[int, str, str]:
    mark = getattr(exc, "problem_mark", None)
    line = mark.line + 1 if mark is not None else 0
    problem = getattr(exc, "problem", None) or str(exc)
    lines = text.splitlines()
    current = lines[line - 1] if 0 < line <= len(lines) else ""
    indent = current[:len(current) - len(current.lstrip())]
    if "\t" in indent or "\\t" in problem:
        return line, "A tab character is used for indentation.", \
            "Indent with spaces only (two per level); many editors have a 'convert tabs to spaces' option."
    if "nesting depth" in problem:
        return line, "The file is nested too deeply to read.", \
            "A record needs only a few levels of indentation; check for runaway brackets or dashes."
    context = getattr(exc, "context", None)
    detail = f"{context}, {problem}" if context else problem
    return line, f"This is not valid YAML ({detail}).", (
        "Check the indentation of this line and the one above, and put text that "
        "contains a colon, # or quotes inside double quotes.")


def load_yaml(text: str, path: str, problems: Problems):
    """Parse ``text``; return the converted value or None after reporting why not."""
    bad = forbidden_character(text)
    if bad:
        problems.error(path, text.count("\n", 0, bad.start()) + 1, *control_character_problem(text, bad))
        return None
    if "&" in text:  # an alias needs an anchor; find where it is used, to report that line
        try:
            for event in yaml.parse(text, Loader=_Loader):
                if isinstance(event, yaml.AliasEvent):
                    problems.error(path, event.start_mark.line + 1, *ALIAS)
                    return None
        except yaml.YAMLError:
            pass  # reported below, by compose
    try:
        # libyaml itself stops at 1,000 levels of nesting, so its composer's
        # recursion is bounded; the pure-Python fallback may recurse too far.
        node = yaml.compose(text, Loader=_Loader)
    except yaml.YAMLError as exc:
        line, message, hint = _describe_yaml_error(exc, text)
        problems.error(path, line, message, hint)
        return None
    except RecursionError:
        problems.error(path, 0, *TOO_DEEP)
        return None
    if node is None:
        return None
    try:
        return _convert(node, yaml.constructor.SafeConstructor(), path, problems, 0, set())
    except _StructureError as exc:
        problems.error(path, exc.line, exc.message, exc.hint)
        return None


def _convert(node, loader, path, problems, depth: int, seen: set[int]):
    """Nodes to LDict/LList/scalars. An alias reuses a node object, so a node
    met twice is an alias; refusing it also stops 'billion laughs' documents."""
    line = node.start_mark.line + 1
    if id(node) in seen:
        raise _StructureError(line, *ALIAS)
    seen.add(id(node))
    if depth > MAX_DEPTH:
        raise _StructureError(line, *TOO_DEEP)
    if node.tag not in PLAIN_TAGS and node.tag != YAML_TAG + "value":
        problems.error(path, line, f"`{node.tag.replace(YAML_TAG, '!!')}` is a YAML tag, which records do not use.",
                       "Remove the tag (the word starting with ! before the value); write the value as plain text.")
        return node.value if isinstance(node, yaml.ScalarNode) else None
    if isinstance(node, yaml.MappingNode):
        result = LDict()
        result.line = line
        for key_node, value_node in node.value:
            key_line = key_node.start_mark.line + 1
            if not isinstance(key_node, yaml.ScalarNode):
                problems.error(path, key_line, "A key here is a list or mapping, not a field name.",
                               "Field names are plain words such as `title:`.")
                continue
            key = key_node.value
            bad = forbidden_character(key)
            if bad:
                problems.error(path, key_line, *control_character_problem(key, bad))
                continue
            if key in result:
                problems.error(path, key_line, f"`{key}` appears twice in the same block.",
                               f"Keep one `{key}:` and delete the other (first one is on line {result.key_lines[key]}).")
                continue
            result[key] = _convert(value_node, loader, path, problems, depth + 1, seen)
            result.key_lines[key] = key_line
            vline = value_node.start_mark.line + 1
            if isinstance(value_node, yaml.ScalarNode) and value_node.style in ("|", ">"):
                vline += 1
            result.value_lines[key] = vline
        return result
    if isinstance(node, yaml.SequenceNode):
        result = LList()
        result.line = line
        for item in node.value:
            result.append(_convert(item, loader, path, problems, depth + 1, seen))
            result.item_lines.append(item.start_mark.line + 1)
        return result
    if node.tag == YAML_TAG + "value":  # a lone `=`: just text
        return node.value
    # `time: 19:00`, `note: yes`: text in YAML 1.2
    text = node.tag == STR_TAG or (node.tag in YAML12 and not node.style and not YAML12[node.tag].fullmatch(node.value))
    try:
        # most values are text, which needs no constructing (and a record has thousands)
        value = node.value if text else loader.construct_object(node, deep=True)
    except (ValueError, yaml.YAMLError, OverflowError) as exc:
        # e.g. 2025-02-30 looks like a date but is not one
        return InvalidScalar(node.value, str(exc))
    if isinstance(value, str):
        bad = forbidden_character(value)
        if bad:
            # in a `|` block each line of the value is a line of the file; elsewhere, report where the value starts
            at = line + 1 + value.count("\n", 0, bad.start()) if node.style == "|" else line
            problems.error(path, at, *control_character_problem(value, bad))
            return _NON_PRINTABLE.sub("", value)  # reported once here; not again as "empty" downstream
    return value


class InvalidScalar(str):
    """A scalar YAML could not construct, such as the date 2025-02-30."""

    def __new__(cls, text: str, reason: str):
        obj = super().__new__(cls, text)
        obj.reason = reason
        return obj
