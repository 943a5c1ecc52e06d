"""Where a table came from, so every message points at the analyst's own file or layer.

A file read by the core counts rows as a spreadsheet does (the header is row 1, the first
organisation row 2); a layer counts its features from 1 in the order QGIS reads them.
Messages say which: ``file export.csv row 12`` or ``layer Trusts feature 11``.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

import pandas as pd


class SourceKind(str, Enum):
    """How the rows of a source are numbered in messages."""

    FILE = "file"
    LAYER = "layer"


@dataclass(frozen=True)
class SourceRef:
    """A file or layer by the name the analyst knows it by."""

    label: str
    kind: SourceKind = SourceKind.LAYER

    @property
    def unit(self) -> str:
        """ "row" for a file (header = row 1), "feature" for a layer (first feature = 1)."""
        return "row" if self.kind is SourceKind.FILE else "feature"

    @property
    def first_number(self) -> int:
        """The number of the first organisation row: 2 in a file, 1 in a layer."""
        return 2 if self.kind is SourceKind.FILE else 1

    def __str__(self) -> str:
        return f"{self.kind.value} {self.label}"

    def at(self, number: int) -> str:
        """``file export.csv row 12`` / ``layer Trusts feature 11``."""
        return f"{self} {self.unit} {number}"

    def rows(self, numbers: list[int], limit: int = 5) -> str:
        """``rows 2, 5 and 9`` / ``features 1, 3, 4, 7, 8 and 12 more`` for a message."""
        shown = ", ".join(str(n) for n in numbers[:limit])
        more = f" and {len(numbers) - limit} more" if len(numbers) > limit else ""
        return f"{self.unit}{'s' if len(numbers) != 1 else ''} {shown}{more}"


def file_source(path: str) -> SourceRef:
    """A file the core reads itself (CSV, XLSX, ODS bulk file)."""
    return SourceRef(path, SourceKind.FILE)


def layer_source(name: str) -> SourceRef:
    """A layer or table read through QGIS (or geopandas), numbered by feature."""
    return SourceRef(name, SourceKind.LAYER)


#: Column added to every table read, holding the row number of each organisation in its
#: source (a file's spreadsheet row, header = row 1; a layer's feature number from 1), so
#: messages and diagnostics point at the analyst's own row.
SOURCE_ROW = "source_row"


def source_rows(table: pd.DataFrame, source: SourceRef) -> pd.Series:
    """The row or feature number of each row of ``table`` as messages name it: its
    ``source_row`` column, else its position counted the way ``source`` counts."""
    if SOURCE_ROW in table.columns:
        return table[SOURCE_ROW]
    return pd.Series(
        range(source.first_number, len(table) + source.first_number), index=table.index
    )
