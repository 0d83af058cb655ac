"""Validators for single values: str, int, bool, date and Literal, lax or strict as pydantic v2.

Every validator has `name` (pydantic's label for it inside a union) and `validate(value, strict)`,
where `strict` is the caller's choice (None: the validator's own setting).
"""

from __future__ import annotations

import datetime
import math
import re

from .errors import fail
from .patterns import compiled

# Rust's str::trim removes Unicode White_Space, which is Python's whitespace less \x1c-\x1f.
RUST_SPACE = ("\t\n\x0b\x0c\r \x85\xa0\u1680" + "".join(map(chr, range(0x2000, 0x200B)))
              + "\u2028\u2029\u202f\u205f\u3000")
INT_TEXT = re.compile(r"[+-]?[0-9]+(?:_[0-9]+)*(?:\.0+)?")
TRUE_WORDS = {"1", "on", "t", "true", "y", "yes"}
FALSE_WORDS = {"0", "off", "f", "false", "n", "no"}


class Scalar:
    name = "any"

    def __init__(self, strict: bool = False):
        self.strict = strict

    def is_strict(self, strict) -> bool:
        return self.strict if strict is None else strict


class Str(Scalar):
    def __init__(self, strict=False, min_length=None, max_length=None, pattern=None):
        super().__init__(strict)
        self.min_length, self.max_length, self.pattern = min_length, max_length, pattern
        self.regex = None if pattern is None else compiled(pattern)
        constrained = (min_length, max_length, pattern) != (None, None, None)
        self.name = "constrained-str" if constrained else "str"

    def validate(self, value, strict=None):
        if isinstance(value, str):
            text = value
        elif not self.is_strict(strict) and isinstance(value, (bytes, bytearray)):
            try:
                text = bytes(value).decode("utf-8")
            except UnicodeDecodeError:
                fail("string_unicode", value)
        else:
            fail("string_type", value)
        if self.min_length is not None and len(text) < self.min_length:
            fail("string_too_short", text, min_length=self.min_length)
        if self.max_length is not None and len(text) > self.max_length:
            fail("string_too_long", text, max_length=self.max_length)
        if self.regex is not None and not self.regex.search(text):
            fail("string_pattern_mismatch", text, pattern=self.pattern)
        return text


def _int_from_text(value, text: str) -> int:
    text = text.strip(RUST_SPACE)
    if not INT_TEXT.fullmatch(text):
        fail("int_parsing", value)
    try:
        return int(text.split(".")[0].replace("_", ""))
    except ValueError:  # more digits than Python converts
        fail("int_parsing", value)


class Int(Scalar):
    BOUNDS = (("ge", "greater_than_equal", int.__ge__), ("gt", "greater_than", int.__gt__),
              ("le", "less_than_equal", int.__le__), ("lt", "less_than", int.__lt__))

    def __init__(self, strict=False, **bounds):
        super().__init__(strict)
        self.bounds = bounds
        self.name = "constrained-int" if bounds else "int"

    def validate(self, value, strict=None):
        number = self._number(value, self.is_strict(strict))
        for key, kind, holds in self.BOUNDS:
            if key in self.bounds and not holds(number, self.bounds[key]):
                fail(kind, number, **{key: self.bounds[key]})
        return number

    @staticmethod
    def _number(value, strict: bool) -> int:
        if isinstance(value, int) and not isinstance(value, bool):
            return int(value)
        if strict:
            fail("int_type", value)
        if isinstance(value, bool):
            return int(value)
        if isinstance(value, float):
            if not math.isfinite(value):
                fail("finite_number", value)
            if not value.is_integer():
                fail("int_from_float", value)
            return int(value)
        if isinstance(value, str):
            return _int_from_text(value, value)
        if isinstance(value, (bytes, bytearray)):
            return _int_from_text(value, bytes(value).decode("utf-8", "replace"))
        fail("int_type", value)


class Bool(Scalar):
    name = "bool"

    def validate(self, value, strict=None):
        if isinstance(value, bool):
            return value
        if self.is_strict(strict):
            fail("bool_type", value)
        if isinstance(value, int):
            if value in (0, 1):
                return value == 1
            fail("bool_parsing", value)
        if isinstance(value, float) and value in (0.0, 1.0):
            return value == 1.0
        if isinstance(value, (str, bytes, bytearray)):
            text = value if isinstance(value, str) else bytes(value).decode("utf-8", "replace")
            if text.lower() in TRUE_WORDS | FALSE_WORDS:
                return text.lower() in TRUE_WORDS
            fail("bool_parsing", value)
        fail("bool_type", value)


class Date(Scalar):
    """Dates; from text only the form YYYY-MM-DD (with or without a zero time) is read."""

    name = "date"
    DAY = 86400

    def validate(self, value, strict=None):
        if isinstance(value, datetime.datetime):
            if value.time() != datetime.time(0) or self.is_strict(strict):
                fail("date_from_datetime_inexact" if not self.is_strict(strict) else "date_type", value)
            return value.date()
        if isinstance(value, datetime.date):
            return value
        if self.is_strict(strict) or isinstance(value, bool):
            fail("date_type", value)
        if isinstance(value, (int, float)):
            if not math.isfinite(value) or value % self.DAY or abs(value) > 2e10:
                fail("date_from_datetime_inexact", value)
            return datetime.date(1970, 1, 1) + datetime.timedelta(days=int(value // self.DAY))
        if isinstance(value, str):
            found = re.fullmatch(r"(\d{4})-(\d\d)-(\d\d)(?:[T ]00:00(?::00(?:\.0+)?)?(?:Z|[+-]00:?00)?)?",
                                 value)
            try:
                return datetime.date(*map(int, found.groups())) if found else self._unreadable(value)
            except ValueError:
                fail("date_from_datetime_parsing", value, error="day value is outside expected range")
        fail("date_type", value)

    @staticmethod
    def _unreadable(value):
        problem = "input is too short" if len(value) < 10 else "invalid character in year"
        fail("date_from_datetime_parsing", value, error=problem)


class LiteralValues(Scalar):
    """One of a fixed set of values, matched as Python matches dict keys (so True matches 1)."""

    def __init__(self, values: tuple):
        super().__init__(False)
        for value in values:
            if not (value is None or type(value) in (str, int)):
                raise NotImplementedError(f"Literal[{value!r}]: only text, whole numbers and None are "
                                          "supported by the static edition's pydantic stand-in")
        self.values = {value: value for value in values}
        shown = [repr(value) for value in values]
        self.expected = shown[0] if len(shown) == 1 else f"{', '.join(shown[:-1])} or {shown[-1]}"
        self.name = f"literal[{','.join(shown)}]"

    def validate(self, value, strict=None):
        try:
            if value in self.values:
                return self.values[value]
        except TypeError:  # unhashable
            pass
        fail("literal_error", value, expected=self.expected)
