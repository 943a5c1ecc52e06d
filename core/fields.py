"""Finding a field by the name an analyst typed: the one rule, for files and layers alike.

Exports rename columns between editions (``Latest Status``, ``Latest.Status``,
``ODS Code``), and analysts type names as they remember them. A name matches exactly,
else ignoring case, else ignoring case, spaces and punctuation; a name that matches no
field, or several, stops with the list of fields that exist.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

from .errors import MissingColumnError
from .sources import SourceRef


def normalised_name(name: str) -> str:
    """``"Latest.Status"`` and ``"latest status"`` -> ``"lateststatus"``."""
    return re.sub(r"[^0-9a-z]", "", str(name).lower())


def find_field(names: Sequence[str], wanted: str, *, source: SourceRef, role: str) -> str:
    """The field of ``names`` the analyst meant by ``wanted``; an error lists the fields.

    ``role`` says in words what the field is for ("ICS code", "population") so the
    message reads "layer CCGs has no population field 'Pop'. Its fields are: ...".
    """
    wanted = str(wanted).strip()
    if wanted in names:
        return wanted
    for key in (str.lower, normalised_name):
        matches = [name for name in names if key(name) == key(wanted)]
        if len(matches) == 1:
            return matches[0]
        if len(matches) > 1:
            raise MissingColumnError(
                f"{source} has several fields that could be the {role} field {wanted!r}: "
                f"{', '.join(map(repr, matches))}. Name one exactly."
            )
    raise MissingColumnError(
        f"{source} has no {role} field {wanted!r}. Its fields are: {', '.join(map(repr, names))}."
        + _shortened_said(names, wanted)
    )


#: How long a field name a shapefile (dBase) keeps.
SHAPEFILE_NAME_LENGTH = 10


def _shortened_said(names: Sequence[str], wanted: str) -> str:
    """What to do when ``wanted`` is among ``names`` only as a shapefile shortens it (its
    first 10 characters, or 8 and a number): a tool's output saved as a shapefile."""
    if len(wanted) <= SHAPEFILE_NAME_LENGTH:
        return ""
    cut = wanted[:SHAPEFILE_NAME_LENGTH]
    numbered = re.compile(re.escape(wanted[: SHAPEFILE_NAME_LENGTH - 2]) + r"_\d+")
    shortened = [n for n in names if n == cut or numbered.fullmatch(n)]
    if not shortened:
        return ""
    return (
        f" A shapefile keeps only {SHAPEFILE_NAME_LENGTH} characters of a field name "
        f"({wanted!r} may be {shortened[0]!r}): save the tool's output as a GeoPackage "
        "(.gpkg) and give that."
    )


def find_by_candidates(names: Sequence[str], candidates: Sequence[str]) -> str | None:
    """The first field whose normalised name fully matches one of the ``candidates``
    (regular expressions over normalised names, tried in order), or None."""
    by_key: dict[str, str] = {}
    for name in names:
        by_key.setdefault(normalised_name(name), name)
    for candidate in candidates:
        for key, name in by_key.items():
            if re.fullmatch(candidate, key):
                return name
    return None


def require_fields(
    names: Sequence[str], wanted: Mapping[str | None, str], *, source: SourceRef
) -> None:
    """Stop unless every named field (name -> role in words; None = not used) exists with
    exactly that name; the message lists the fields that do."""
    for name, role in wanted.items():
        if name is not None and name not in names:
            raise MissingColumnError(
                f"{source} has no {role} field {name!r}. Its fields are: "
                f"{', '.join(map(repr, names))}."
            )
