"""What every printout says about itself: module, kind, edition, adapted by, version, date, licence.

The edition comes from `edition:` in catalogue.yml (optional). The content licence is fixed:
adapted copies of CC BY-NC-SA content must keep the same licence.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

LICENCE = "CC BY-NC-SA 4.0"
LICENCE_URL = "creativecommons.org/licenses/by-nc-sa/4.0/"  # printed without a scheme (offline)
UNNAMED = "Edition not named"


def long_date(day: datetime.date) -> str:
    return day.strftime("%d %B %Y").lstrip("0")


@dataclass(frozen=True)
class Colophon:
    module: str
    kind: str
    edition: str
    adapted_by: str | None
    version: str | None
    dated: str | None
    made_on: str
    licence: str = LICENCE
    licence_url: str = LICENCE_URL

    @property
    def version_line(self) -> str:
        parts = [f"Content version {self.version}" if self.version else "Content version not set"]
        if self.dated:
            parts.append(f"dated {self.dated}")
        return ", ".join(parts)


def colophon(workbook, module, kind: str, made_on: datetime.date | None = None) -> Colophon:
    """The colophon of one printout of `module` (kind: "Reader's edition", "Slides"...)."""
    edition = workbook.catalogue.edition
    return Colophon(module=module.meta.title, kind=kind,
                    edition=edition.name if edition else UNNAMED,
                    adapted_by=edition.adapted_by if edition else None,
                    version=edition.version if edition else None,
                    dated=long_date(edition.date) if edition and edition.date else None,
                    made_on=long_date(made_on or datetime.date.today()))
