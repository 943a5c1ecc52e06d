"""What an input records about how it was made (its edition, its geography), read for the
core's agreement checks (:mod:`dspt_qgis.core.agreement`): one reader per kind of record,
shared by every algorithm that compares inputs which must belong together."""

from __future__ import annotations

from typing import TYPE_CHECKING

from qgis.core import QgsProcessingFeedback

from .algorithm import core_errors
from .inputs import Opened

if TYPE_CHECKING:
    from ...core.agreement import Edition, Geography
    from ...core.scoring import ScoringScheme


def field_edition(opened: Opened, field: str, feedback: QgsProcessingFeedback) -> Edition:
    """The edition an output of the method records in ``field`` (``composite_edition``,
    ``proportions_edition``, ...); none when it has no such field (an older output)."""
    from ...core.agreement import Edition, edition_in_field

    name = opened.named(field)
    if name is None:
        return Edition(str(opened.ref), None, f"no field {field!r}")
    with core_errors():
        return edition_in_field(
            opened.read(feedback, [name])[name], source=str(opened.ref), field=name
        )


def organisations_edition(
    opened: Opened, status_field: str, scheme: ScoringScheme, feedback: QgsProcessingFeedback
) -> Edition:
    """The edition a table of organisations records: its edition field, else its dated
    statuses."""
    from ...core.agreement import table_edition

    table = opened.read(feedback, [status_field, opened.named("edition")])
    with core_errors():
        return table_edition(table, status_field=status_field, source=opened.ref, scheme=scheme)


def asked_edition(text: str | None) -> Edition:
    """The edition the analyst typed in 'DSPT edition' (none when left empty)."""
    from ...core.agreement import Edition
    from ...core.statuses import normalise_edition

    with core_errors():
        return Edition("the DSPT edition chosen", normalise_edition(text) if text else None)


def ics_codes(opened: Opened, field: str, feedback: QgsProcessingFeedback) -> Geography:
    """The geography of a per-ICS output: its field called ``field`` (the reference's ICS
    code field, in any letter case) and the codes in it; without that field it is on
    another geography."""
    from ...core.agreement import Geography, codes_of

    name = opened.named(field)
    if name is None:
        return Geography(str(opened.ref), None, ())
    return Geography(str(opened.ref), name, codes_of(opened.read(feedback, [name])[name]))
