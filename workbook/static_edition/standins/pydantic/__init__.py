"""A small pure-Python stand-in for the part of pydantic v2 the workbook uses, for the browser.

pydantic's core is compiled Rust, which the static edition's in-browser Python cannot load. This
package gives the same names and, for the features the workbook uses, the same results and the
same errors (types, locations, messages). It imports only relative modules and the standard
library, so it works as `pydantic` or under its place in the workbook package. Anything it does
not implement raises NotImplementedError when a model using it is defined.
"""

from .errors import ValidationError
from .fields import ConfigDict, Field, FieldInfo, PydanticUndefined, Strict, StrictInt, model_validator
from .main import BaseModel
from .type_adapter import TypeAdapter

VERSION = "2.0-standin"

__all__ = ["BaseModel", "ConfigDict", "Field", "FieldInfo", "PydanticUndefined", "Strict", "StrictInt",
           "TypeAdapter", "ValidationError", "model_validator", "VERSION"]
