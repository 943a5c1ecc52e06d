"""The method's steps, each named, with what a recipe tells it: the vocabulary recipes
(:mod:`dspt_qgis.pipeline.recipes`) are written in.

A recipe lists its steps in order; each engine is a table from a step's ``NAME`` to the
one function carrying it out there (``make demo``: :mod:`scripts.demo_steps`;
``dspt-report``: :mod:`dspt_qgis.pipeline.run`; the shipped model:
:mod:`scripts.make_model`), or to a :class:`NotTaken` saying why it does not. Files are
named by their role in the recipe's ``files``.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from typing import ClassVar, Protocol, TypeVar

#: A step's ``rows``: the organisations of one sector of all the imported statuses (one
#: export listing every sector), rather than one export's rows.
BY_SECTOR = "by sector"
A = TypeVar("A")


class Step(Protocol):
    """What every step is: one of the kinds below, known by its name."""

    NAME: ClassVar[str]


@dataclass(frozen=True)
class NotTaken:
    """An engine's entry for a step it leaves to another engine, and why (what it does
    compute does not depend on that step)."""

    reason: str


@dataclass(frozen=True)
class Export:
    """A DSPT export imported for the edition: its file's role, the sector of rows that
    name none, whether organisations closed before the deadline are left out (by the
    recipe's ODS files), and the name of its import report, when one is kept."""

    role: str
    default_sector: str | None = None
    leave_out_closed: bool = False
    report: str | None = None


@dataclass(frozen=True)
class CodeLookup:
    """A lookup file translating one code into another (``source`` -> ``target``)."""

    role: str
    source: str
    target: str


@dataclass(frozen=True)
class Population:
    """A population table (``role``) by ``code_field``: per commissioner (weights) or per
    ICS (map 2's shading), its codes translated by ``lookup`` when given."""

    role: str
    code_field: str
    value_field: str = "registered_patients"
    lookup: CodeLookup | None = None


@dataclass(frozen=True)
class Import:
    """The edition's exports imported (dspt:importexport), together the statuses; the ODS
    files read first (dspt:readods) when an export leaves out closed organisations or a
    later step reads ODS membership."""

    NAME: ClassVar[str] = "import"
    exports: tuple[Export, ...]
    ods: tuple[str, ...] = ()


@dataclass(frozen=True)
class JoinCommissioners:
    """The commissioner polygons (``boundaries``, joined on their ODS ``code_field``) with
    the statuses of ``rows`` (dspt:joinstatus), and the field holding each one's ICS code:
    the polygons' own, or ``ics_lookup``'s target added to the statuses by their code.
    They are map 1's areas and, unless a crosswalk follows, the composite's commissioners."""

    NAME: ClassVar[str] = "join commissioners"
    boundaries: str
    code_field: str
    rows: str
    ics_field: str
    ics_lookup: CodeLookup | None = None


@dataclass(frozen=True)
class OdsMembership:
    """Each trust of ``export`` given its ICS as ODS records it (dspt:odsmembership: the
    ODS files' high level health geography, translated to the ICS layer's codes by
    ``lookup``), in the field ``ics_code`` the later steps read."""

    NAME: ClassVar[str] = "ods membership"
    export: str
    lookup: CodeLookup


@dataclass(frozen=True)
class LocateTrusts:
    """The trusts: the statuses of ``rows`` as points from ``latitude``/``longitude``
    (dspt:locateorganisations), their ICS the field ``ics_field``, or (None) the polygon
    they lie in."""

    NAME: ClassVar[str] = "locate trusts"
    rows: str
    latitude: str
    longitude: str
    ics_field: str | None = None


@dataclass(frozen=True)
class MergedInto:
    """The old lookup of organisations that later merged into the small areas (the 2020
    CCGs, merged in April 2021 into the CCGs that became sub-ICB locations), built from
    the export: each organisation's small area is its successor's code
    (``successor_field``), or its own code while it stayed open; its share of the area
    is its value in ``population`` (registered patients), joined on its code."""

    successor_field: str
    population: Population

    #: The field of the lookup built holding each organisation's small area (its
    #: organisation and share fields are the population table's code and value fields).
    AREA: ClassVar[str] = "small_area"


@dataclass(frozen=True)
class Crosswalk:
    """The statuses of ``export`` carried onto a newer geography's ICSs through its small
    areas (dspt:crosswalk): these become the composite's commissioners, weighed by
    ``weight_field``; an area the old lookup lacks is matched from the boundaries. Which
    organisation covered each small area: ``old_lookup``, or the organisations merged into
    it (``merged``), or (neither) the statuses are the small areas' own."""

    NAME: ClassVar[str] = "crosswalk"
    export: str
    new_lookup: CodeLookup  # new small area -> new ICS
    weight_field: str
    old_areas: str
    old_areas_field: str
    old_lookup: CodeLookup | None = None  # old small area -> the organisation whose status it takes
    merged: MergedInto | None = None


@dataclass(frozen=True)
class Composite:
    """The ICS composite (dspt:icscomposite): the commissioners' mean weighted by
    ``population`` when given (else simple), half and half with the trusts' mean; each ICS
    ranked also with the commissioners weighted by each of ``others`` (other populations of
    the same commissioners, each joined to them by code as a field named as its value
    field), and simply (its rank range)."""

    NAME: ClassVar[str] = "composite"
    population: Population | None = None
    others: tuple[Population, ...] = ()


@dataclass(frozen=True)
class Gains:
    """What would raise each ICS's composite (dspt:improvementgains): each submission's gain
    to it at Standards Met or Exceeded, and the ranks after, read from the composite and the
    inputs and weights it was computed from (the table ``ics_gains`` beside it)."""

    NAME: ClassVar[str] = "gains"


@dataclass(frozen=True)
class Proportions:
    """The share of each ICS's trusts in each status (dspt:trustproportions), each ICS
    shaded by its total in ``population`` (map 2)."""

    NAME: ClassVar[str] = "proportions"
    population: Population


@dataclass(frozen=True)
class Summary:
    """The statuses counted by sector (dspt:summarytable) and its HTML report."""

    NAME: ClassVar[str] = "summary"


@dataclass(frozen=True)
class Compare:
    """The trusts compared with a later edition (dspt:compareeditions), a closed trust
    with its successor (``successors``: a file, old code -> new code fields)."""

    NAME: ClassVar[str] = "compare"
    later: str
    edition: str
    successors: str
    old_field: str
    new_field: str


@dataclass(frozen=True)
class Trend:
    """Each ICS of ``geography`` with its composite in every one of ``editions`` (earliest
    first; dspt:icstrend): each edition's recipe on that geography carried out as far as
    its composite."""

    NAME: ClassVar[str] = "trend"
    editions: tuple[str, ...]
    geography: str


@dataclass(frozen=True)
class Atlas:
    """The board pack (dspt:icsatlas): a cover and a page per ICS, with the ICS's line in
    the trend when the recipe is one of the trend's editions."""

    NAME: ClassVar[str] = "atlas"


@dataclass(frozen=True)
class WebReport:
    """The published web page (dspt:webreport)."""

    NAME: ClassVar[str] = "web report"


@dataclass(frozen=True)
class Maps:
    """The maps in a QGIS project: each national map and the trend's panels as a print
    layout, PNG and PDF, and the atlas as a layout an analyst can restyle."""

    NAME: ClassVar[str] = "maps"


def taken(table: Mapping[str, A | NotTaken], steps: Iterable[Step]) -> Iterator[tuple[A, Step]]:
    """Each step an engine carries out, with the engine's entry for it, in the recipe's
    order; a step the engine leaves to another (``NotTaken``) is passed over."""
    for step in steps:
        entry = table[step.NAME]
        if not isinstance(entry, NotTaken):
            yield entry, step
