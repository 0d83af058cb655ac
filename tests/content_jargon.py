"""Words a trainer should never meet in a content error: the parser's and the schema library's."""

JARGON = ("block mapping", "block end", "mapping values", "pydantic", "validation error", "Traceback",
          "scanner", "Input should be", "Value error", "{'", "<", "\\t")
