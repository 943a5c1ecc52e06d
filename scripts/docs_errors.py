"""The errors each algorithm gives and what to do, for its documentation page.

Curated in ``docs/errors.toml``: per algorithm (and ``common`` to every tool) the message as
the code writes it, ``…`` where the code puts a value, and what the analyst does about it.
What keeps it true: a test reads every string the code holds (core/, processing_algs/,
presentation/) and fails when a message documented here is no longer written by the code,
and when a listed algorithm does not exist or one that exists has no entry.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import tomllib

ERRORS_FILE = Path(__file__).resolve().parents[1] / "docs" / "errors.toml"

#: The section of the file that lists what every tool can say.
COMMON = "common"


@dataclass(frozen=True)
class ErrorDoc:
    """A message (``…`` for each value the code fills in) and what to do about it."""

    message: str
    do: str


def load_errors(path: Path = ERRORS_FILE) -> dict[str, list[ErrorDoc]]:
    """Algorithm name (or ``common``) -> its documented errors, in the file's order."""
    with open(path, "rb") as handle:
        table = tomllib.load(handle)
    return {
        name: [ErrorDoc(entry["message"], entry["do"]) for entry in entries]
        for name, entries in table.items()
    }
