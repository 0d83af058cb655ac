"""Field patterns matched as pydantic's Rust regex engine matches them, using Python's `re`.

Two differences matter for the patterns the workbook uses: in Rust `$` matches only at the very
end (Python's also matches before a final newline, so "abc\\n" would pass an id pattern), and
Rust's `\\s` is Unicode White_Space, which leaves out \\x1c-\\x1f that Python counts as space.
Anything this translation does not understand is refused rather than guessed.
"""

from __future__ import annotations

import re

SPACE = r"[^\S\x1c-\x1f]"
NOT_SPACE = r"[\S\x1c-\x1f]"
PLAIN_ESCAPES = set(r"\.+*?()[]{}|^$-/:@#&~ ") | {"n", "t", "r"}


def _unsupported(pattern: str, what: str):
    return NotImplementedError(f"pattern {pattern!r}: {what} is not supported by the static "
                               "edition's pydantic stand-in")


def translate(pattern: str) -> str:
    """The Python regular expression that matches what `pattern` matches under Rust's rules."""
    out, index, in_class = [], 0, False
    while index < len(pattern):
        char = pattern[index]
        if char == "\\":
            following = pattern[index + 1 : index + 2]
            if following in ("s", "S") and not in_class:
                out.append(SPACE if following == "s" else NOT_SPACE)
            elif following in PLAIN_ESCAPES:
                out.append(char + following)
            else:
                raise _unsupported(pattern, f"the escape \\{following}")
            index += 2
            continue
        if in_class:
            if char == "[":
                raise _unsupported(pattern, "a nested character class")
            in_class = char != "]"
        elif char == "[":
            if pattern[index + 1 : index + 2] == "]" or pattern[index + 1 : index + 3] == "^]":
                raise _unsupported(pattern, "a character class starting with ]")
            in_class = True
        elif char == "(" and pattern[index + 1 : index + 2] == "?" and pattern[index + 2 : index + 3] != ":":
            raise _unsupported(pattern, "a group with flags or a lookaround")
        elif char == "$":
            out.append(r"\Z")
            index += 1
            continue
        out.append(char)
        index += 1
    if in_class:
        raise _unsupported(pattern, "an unclosed character class")
    return "".join(out)


def compiled(pattern: str) -> re.Pattern:
    return re.compile(translate(pattern))
