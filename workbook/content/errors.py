"""Content mistakes in plain words: the file, the line, what is wrong and how to put it right.

The YAML parser and the schema library speak to programmers ("mapping values are not allowed
here", "Input should be a valid integer"); this module says the same to a trainer editing a copy.
"""

from __future__ import annotations

import re
from pathlib import Path

import yaml
from yaml.nodes import MappingNode, SequenceNode

from workbook.content.exercises import EXERCISE_KINDS
from workbook.content.fields import ID_PATTERN

QUOTE_IT = ("A colon (:) inside a text confuses the file. Put the whole text in double quotes, "
            'for example: title: "Pause: check in"')
LINE_UP = ("This line is not lined up with the lines around it. Indent it with the same number of "
           "spaces as the other lines at its level (spaces only, no tabs)")


class ContentError(Exception):
    """A content file is missing or has a mistake; the message names the file, the line (when
    there is one), what is wrong and how to fix it. `module` is the module it belongs to, if any."""

    def __init__(self, path: Path | str, where: str, expected: str, line: int | None = None,
                 module: str | None = None):
        found = re.fullmatch(r"line (\d+)", where or "")
        self.path, self.expected, self.module = Path(path), expected, module
        self.line = int(found[1]) if found else line
        self.where = "" if found else where
        super().__init__(self.describe(str(self.path)))

    def describe(self, shown_path: str) -> str:
        place = f"{shown_path}, line {self.line}" if self.line else shown_path
        if self.where:
            place += f" ({self.where})"
        return f"{place}: {self.expected}"

    @property
    def problems(self) -> list[ContentError]:
        return [self]

    def for_readers(self, root: Path | str | None = None) -> str:
        """The message with the file named inside the content folder, never a server path."""
        try:
            shown = self.path.relative_to(root) if root else Path(self.path.name)
        except ValueError:
            shown = Path(self.path.name)
        return self.describe(shown.as_posix())


class ContentErrors(ContentError):
    """Several mistakes found at once, listed and numbered."""

    def __init__(self, problems: list[ContentError]):
        self.all = [one for problem in problems for one in problem.problems]
        first = self.all[0]
        Exception.__init__(self, "\n".join(f"{number}. {problem}" for number, problem
                                           in enumerate(self.all, start=1)))
        self.path, self.where, self.expected = first.path, first.where, first.expected
        self.line, self.module = first.line, first.module

    @property
    def problems(self) -> list[ContentError]:
        return self.all

    def for_readers(self, root=None) -> str:
        return "\n".join(problem.for_readers(root) for problem in self.all)


def raise_all(problems: list[ContentError]) -> None:
    """Raise the one problem, or all of them together; nothing if the list is empty."""
    if len(problems) == 1:
        raise problems[0]
    if problems:
        raise ContentErrors(problems)


def yaml_problem(exc: yaml.YAMLError) -> tuple[int | None, str]:
    """(line counted from 0 or None, a plain explanation) of a YAML syntax error."""
    problem, context = getattr(exc, "problem", None) or str(exc), getattr(exc, "context", None) or ""
    mark = getattr(exc, "problem_mark", None)
    opened = getattr(exc, "context_mark", None)
    if re.search(r"expected ',' or '[}\]]'", problem) and opened and mark and opened.line != mark.line:
        text = ("A bracket ([ or {) opened here is never closed. Close it, or if the text starts with "
                "a bracket, put the whole text in double quotes")
        mark = opened
    elif "mapping values are not allowed" in problem or re.search(r"expected ',' or '[}\]]'", problem):
        text = QUOTE_IT
    elif "'\\t'" in problem:
        text = "There is a tab character here. Indent with spaces only"
    elif "cannot start any token" in problem:
        found = re.search(r"found character '(.)'", problem)
        start = f"'{found[1]}'" if found else "this character"
        text = f"A text cannot start with {start}. Put the whole text in double quotes"
    elif "expected <block end>" in problem or "block collection" in context or "block mapping" in context:
        text = LINE_UP
    elif "could not find expected ':'" in problem:
        text = ("A line here has no colon after its field name, or a text runs onto the next line. "
                "Write `field: value`, and put a long text in double quotes")
    elif "end of stream" in problem or "quoted scalar" in context:
        text = "A quote mark opened here is never closed. Add the closing quote mark"
        mark = getattr(exc, "context_mark", None) or mark
    elif "expected a comment or a line break" in problem:
        text = ("There is more text after a closing quote mark. Put the whole text in double quotes; "
                "write a double quote inside it as \\\"")
    else:
        text = ("The layout of this part of the file is not as expected. Compare it with an example "
                "in docs/content-format.md")
    return (mark.line if mark else None), text


def _node_line(text: str, loc: tuple) -> int | None:
    """The line (from 0) where the value at `loc` is written, or its nearest written parent."""
    try:
        node = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError:
        return None
    if node is None:
        return None
    line = node.start_mark.line
    for key in _without_tags(loc):
        if isinstance(node, MappingNode) and isinstance(key, str):
            pair = next(((k, v) for k, v in node.value if k.value == key), None)
            if pair is None:
                continue  # a union's tag, or a missing field: stay at the parent
            line, node = pair[0].start_mark.line, pair[1]
        elif isinstance(node, SequenceNode) and isinstance(key, int) and key < len(node.value):
            node = node.value[key]
            line = node.start_mark.line
    return line


def _without_tags(loc: tuple) -> list:
    """`loc` without the exercise kind pydantic adds after a list index (the union's tag)."""
    return [item for number, item in enumerate(loc) if not (
        number and isinstance(loc[number - 1], int) and item in EXERCISE_KINDS)]


def _field(loc: tuple) -> str:
    names = [item for item in _without_tags(loc) if isinstance(item, str)]
    return names[-1] if names else "this part"


def _shown(value) -> str:
    text = repr(value)
    return text if len(text) < 60 else text[:57] + "..."


def _form(pattern: str) -> str:
    if "tel:" in pattern:
        return "a link starting with tel:, sms:, mailto: or https://"
    if pattern.startswith("^https"):
        return "a web address starting with https://"
    if pattern.startswith("^(/"):
        return "the address of one of this workbook's own pages, such as /help-now/police"
    return "see docs/content-format.md"


def plain_words(error: dict) -> str:
    """One schema problem (a pydantic error dict) said plainly, with how to fix it."""
    kind, ctx, field = error["type"], error.get("ctx") or {}, _field(error["loc"])
    value = error.get("input")
    if kind == "missing":
        return f"'{field}' is missing. Add a line `{field}: ...` (docs/content-format.md lists the fields)"
    if kind == "extra_forbidden":
        return (f"'{field}' is not a field that belongs here. Check its spelling against "
                "docs/content-format.md, or remove the line")
    if kind == "string_pattern_mismatch" and ctx.get("pattern") == ID_PATTERN:
        return (f"{_shown(value)} cannot be used as an id. An id uses only lower-case letters, digits "
                "and single hyphens, such as 'our-welcome'")
    if kind == "string_pattern_mismatch":
        return (f"'{field}' is not written in the expected form: {_form(str(ctx.get('pattern')))} "
                f"(it says {_shown(value)})")
    if kind == "union_tag_invalid":
        return f"{_shown(ctx.get('tag'))} is not a kind of exercise. Use one of: {ctx.get('expected_tags')}"
    if kind == "union_tag_not_found":
        return "This exercise has no 'kind'. Add one, such as `kind: questions`"
    if kind.startswith("int_"):
        return f"'{field}' should be a whole number, such as 10 (it says {_shown(value)})"
    if kind.startswith("bool_"):
        return f"'{field}' should be true or false (it says {_shown(value)})"
    if kind == "string_type" and isinstance(value, dict):
        return f"'{field}' should be a text. {QUOTE_IT}"
    if kind == "string_type":
        return f"'{field}' should be a text (it says {_shown(value)})"
    if kind == "list_type":
        return f"'{field}' should be a list, each item on its own line starting with '- '"
    if kind in ("dict_type", "model_type", "model_attributes_type"):
        return f"'{field}' should be a group of `field: value` lines"
    if kind == "literal_error":
        return f"'{field}' cannot be {_shown(value)}. Use one of: {ctx.get('expected')}"
    if kind == "too_short" and isinstance(value, str):
        return f"'{field}' is empty. Write its text, or remove the line"
    if kind == "too_short":
        return f"'{field}' needs at least {ctx.get('min_length')} items"
    if kind == "too_long" or kind == "string_too_long":
        return f"'{field}' is too long: at most {ctx.get('max_length')} (characters or items)"
    if kind == "string_too_short":
        return f"'{field}' is empty. Write its text, or remove the line"
    if kind in ("greater_than_equal", "greater_than"):
        return f"'{field}' should be at least {ctx.get('ge', ctx.get('gt'))} (it says {_shown(value)})"
    if kind in ("less_than_equal", "less_than"):
        return f"'{field}' should be at most {ctx.get('le', ctx.get('lt'))} (it says {_shown(value)})"
    message = str(error["msg"]).removeprefix("Value error, ").removeprefix("Assertion failed, ")
    if "is used twice" in message:
        return f"The {message}. Give each one an id of its own"
    return message.replace("Input should be", f"'{field}' should be")


def schema_problems(errors: list[dict], path: Path, text: str | None, line_offset: int = 0,
                    module: str | None = None) -> list[ContentError]:
    """Every schema problem in one file, each at the line it is written on."""
    found = []
    for error in errors:
        line = _node_line(text, error["loc"]) if text is not None else None
        twice = re.search(r"id '([^']+)' is used twice", str(error["msg"]))
        if twice and text is not None:  # point at the second use, not at the list holding both
            uses = _id_lines(text.splitlines(), twice[1])
            line = uses[1] - 1 if len(uses) > 1 else line
        found.append(ContentError(path, "", plain_words(error), module=module,
                                  line=None if line is None else line + 1 + line_offset))
    return found


def _id_lines(lines: list[str], item_id: str) -> list[int]:
    """The numbers (from 1) of the lines that say `id: <item_id>`."""
    pattern = re.compile(rf"""^\s*(- )?\{{?\s*id:\s*['"]?{re.escape(item_id)}['"]?\s*([,}}#].*)?$""")
    return [number for number, line in enumerate(lines, start=1) if pattern.match(line)]


def line_of_id(path: Path, item_id: str) -> int | None:
    """The first line of `path` that says `id: <item_id>`, for problems found across files."""
    try:
        found = _id_lines(path.read_text(encoding="utf-8").splitlines(), item_id)
    except OSError:
        return None
    return found[0] if found else None


def line_mentioning(path: Path, word: str, after: str = "") -> int | None:
    """The first line of `path` (below the first line holding `after`) that names `word` as a whole
    word: where a list such as `modules: [a, b]` gives an id."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError:
        return None
    start = next((n for n, line in enumerate(lines) if after in line), 0)
    pattern = re.compile(rf"(?<![\w-]){re.escape(word)}(?![\w-])")
    return next((n for n, line in enumerate(lines[start:], start=start + 1) if pattern.search(line)), None)
