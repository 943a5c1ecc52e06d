"""What the ICS atlas says on each page: who is in each ICS, where each ICS ranks, and how
its composite is made up.

The organisations listed for an ICS are exactly those its composite counted: the same
rules decide (the edition's statuses, successors, duplicates, placement by location), so
a board member can add up the page. The composite's parts are read from the composite
itself, never recomputed, and the two are checked to agree.
"""

from __future__ import annotations

import base64
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from ..presentation.charts import trend_chart
from .codes import IcsCodes
from .component import Component, count_side, side_edition
from .errors import DsptError
from .published_method import method_summary
from .rank_words import VARIANTS_MEANING, range_cell, rank_said
from .scoring import ScoringScheme
from .sources import SOURCE_ROW
from .trend import editions_in

#: The pages' field holding each ICS's chart of composites over editions ("" when none).
TREND_CHART = "trend_chart"
#: The pages' fields a layout reads: the page's number (0: the cover), its ICS's code,
#: its title, subtitle and the composite's parts.
PAGE, PAGE_ICS, PAGE_TITLE, PAGE_SUBTITLE, PAGE_PARTS = (
    "page",
    "ics_code",
    "title",
    "subtitle",
    "parts",
)
#: The columns of the atlas's organisation table, in the order a page shows them.
MEMBER_COLUMNS = ("ics", "side", "code", "name", "status", "status_source", "change")
SIDES = {"commissioner": "Commissioner", "trust": "Trust"}


def members(
    sides: Sequence[tuple[Component, str | None, str | None]],
    *,
    edition: str | None,
    groups: IcsCodes,
    scheme: ScoringScheme,
) -> pd.DataFrame:
    """Every organisation that counts in an ICS's composite, one row each
    (:data:`MEMBER_COLUMNS`, ``change`` empty); ``sides`` are (component, name field,
    status-source field), commissioners first."""
    frames = []
    for component, name_field, source_field in sides:
        parsed, side_ed = side_edition(component, edition, scheme)
        counted = count_side(
            component, parsed=parsed, edition=edition or side_ed, groups=groups, scheme=scheme
        )
        used, table = counted.used, component.table
        frames.append(
            pd.DataFrame(
                {
                    "ics": used["group"],
                    "side": SIDES[component.role],
                    "code": used["code"],
                    "name": _text(table, name_field, used.index),
                    "status": used["status"].astype(object),
                    "status_source": _text(table, source_field, used.index),
                    "change": "",
                    SOURCE_ROW: used[SOURCE_ROW],
                }
            )
        )
    listed = pd.concat(frames, ignore_index=True)
    return listed.sort_values(["ics", "side", "name", "code"], kind="stable").reset_index(drop=True)


def _text(table: pd.DataFrame, field: str | None, index: pd.Index) -> pd.Series:
    """A text column of the side's table for the counted rows ('' where absent)."""
    if field is None:
        return pd.Series("", index=index, dtype=object)
    values = table.loc[index, field]
    return values.where(values.notna(), "").astype(str)


def check_counts(listed: pd.DataFrame, composite: pd.DataFrame, source: str) -> None:
    """Stop when the organisations listed per ICS are not those the composite counted
    (``composite``: ics, n_commissioners, n_trusts): the layers given are not the ones
    the composite was computed from."""
    expected = composite.set_index("ics")[["n_commissioners", "n_trusts"]].astype(int)
    counted = (
        listed.groupby(["ics", "side"], observed=True)
        .size()
        .unstack(fill_value=0)
        .reindex(index=expected.index, columns=list(SIDES.values()), fill_value=0)
    )
    counted.columns = expected.columns
    differing = (counted != expected).any(axis=1)
    if differing.any():
        ics = differing[differing].index[0]
        raise DsptError(
            f"{source}: ICS {ics} counts {expected.at[ics, 'n_commissioners']} commissioners and "
            f"{expected.at[ics, 'n_trusts']} trusts, but the commissioners and trusts given "
            f"place {counted.at[ics, 'n_commissioners']} and {counted.at[ics, 'n_trusts']} in "
            "it. Give the layers (and edition) the composite was computed from."
        )


def change_words(change: pd.DataFrame) -> pd.Series:
    """Per code, the change since the previous edition in words ('improved: was
    Approaching Standards'), from a 'Compare two DSPT editions' table (code, direction,
    status_before)."""
    words = change["direction"].astype(str)
    before = change["status_before"]
    with_before = before.notna() & (before.astype(str) != "")
    words = words.where(~with_before, words + ": was " + before.astype(str))
    return pd.Series(words.to_numpy(), index=change["code"].astype(str), dtype=object)


#: Scores equal to this many decimal places share a place: float noise (one composite
#: summed in another order, or read as its parts plus a gain) never splits a tie.
RANK_DECIMALS = 9


def ranking(composite: pd.Series) -> pd.DataFrame:
    """Each ICS's place, best composite first (``composite``: score by ICS code): ``rank``
    (ties share the best place: '=3'), ``of`` (ICSs with a composite); ICSs without a
    composite are not ranked."""
    scored = composite.dropna()
    placed = places(scored, scored, out=scored)
    return pd.DataFrame(
        {
            "rank": placed["rank"].reindex(composite.index),
            "rank_label": placed["rank_label"].reindex(composite.index),
        },
        index=composite.index,
    ).assign(of=len(scored))


def places(
    values: pd.Series,
    field: pd.Series,
    *,
    out: pd.Series | None = None,
    into: pd.Series | None = None,
    within: tuple[pd.Series, pd.Series] | None = None,
) -> pd.DataFrame:
    """Where each value would stand among the field's scores (highest first): ``rank`` is
    1 + how many are higher, so ties share the best place, and ``rank_label`` says a tie
    ('=3') when one of them equals it. The one rule by which ICSs are ranked, wherever.

    ``out``/``into`` (by the label of a value in ``values``, repeated for several): scores
    taken out of, or put into, the field for that value alone (its ICS's own score; the
    other ICSs one change also moves). ``within``: (group of each value, group of each
    field score): only scores of the value's own group count. A missing value has no place.
    """
    scored = values.dropna().round(RANK_DECIMALS)
    kept = field.notna()
    higher, equal = _higher_and_equal(
        scored,
        field[kept].round(RANK_DECIMALS),
        None if within is None else (within[0].loc[scored.index], within[1][kept]),
    )
    for adjust, sign in ((out, -1), (into, 1)):
        if adjust is None:
            continue
        adjust = adjust.dropna().round(RANK_DECIMALS)
        adjust = adjust[adjust.index.isin(scored.index)]
        at = scored.index.get_indexer(adjust.index)
        mine = scored.to_numpy()[at]
        higher += sign * np.bincount(at, weights=adjust.to_numpy() > mine, minlength=len(scored))
        equal += sign * np.bincount(at, weights=adjust.to_numpy() == mine, minlength=len(scored))
    rank = pd.Series((1 + higher).astype(int), index=scored.index)
    labels = pd.Series(_labels(rank.to_numpy(), equal >= 1), index=scored.index, dtype=object)
    return pd.DataFrame(
        {"rank": rank.reindex(values.index), "rank_label": labels.reindex(values.index)},
        index=values.index,
    )


def _labels(rank: np.ndarray, tied: np.ndarray) -> np.ndarray:
    """'3', or '=3' when tied; each distinct place written once (a register has 100,000)."""
    places_, at = np.unique(rank, return_inverse=True)
    plain = np.array([str(p) for p in places_], dtype=object)[at.reshape(-1)]
    shared = np.array([f"={p}" for p in places_], dtype=object)[at.reshape(-1)]
    return np.where(tied, shared, plain)


def _higher_and_equal(
    values: pd.Series, field: pd.Series, within: tuple[pd.Series, pd.Series] | None
) -> tuple[np.ndarray, np.ndarray]:
    """How many field scores are higher than, and equal to, each value (of its group).

    Sorted once, counted by binary search: scores become dense integer ranks, offset by
    their group, so one search counts within every group at once.
    """
    both = np.concatenate([field.to_numpy(dtype=float), values.to_numpy(dtype=float)])
    _, dense = np.unique(both, return_inverse=True)
    step = int(dense.max()) + 1 if len(dense) else 1
    group = np.zeros(len(both), dtype=np.int64)
    if within is not None:
        group = pd.factorize(pd.concat([within[1], within[0]], ignore_index=True))[0]
    keys = group.astype(np.int64) * step + dense.reshape(-1)
    sorted_field = np.sort(keys[: len(field)])
    mine = keys[len(field) :]
    right = np.searchsorted(sorted_field, mine, side="right")
    left = np.searchsorted(sorted_field, mine, side="left")
    group_end = np.searchsorted(sorted_field, (mine // step + 1) * step, side="left")
    return (group_end - right).astype(float), (right - left).astype(float)


def composite_parts(row: Mapping[str, Any], rank_label: object, of: int, median: float) -> str:
    """The lines of an ICS page that say how its composite is made up, from the composite
    table's own fields (commissioner_score, trust_score, composite_score, n_commissioners,
    n_trusts, composite_note; rank_best, rank_worst, rank_note: the rank's range)."""
    lines = [
        _side_line(
            "Commissioner mean", row["commissioner_score"], row["n_commissioners"], "commissioner"
        ),
        _side_line("Trust mean", row["trust_score"], row["n_trusts"], "trust"),
    ]
    composite = row["composite_score"]
    if _missing(composite):
        lines.append(f"Composite: not computed ({row['composite_note']})")
        return "\n".join(lines)
    lines += [
        f"Composite: {float(composite):+.2f} = {row['composite_note']}",
        f"Rank: {rank_said(rank_label, of, row)}; national median {median:+.2f}",
    ]
    return "\n".join(lines)


def _side_line(label: str, score: object, count: object, role: str) -> str:
    n = int(count)  # type: ignore[call-overload]
    counted = f"{n} {role}{'' if n == 1 else 's'}"
    if _missing(score):
        return f"{label}: none ({counted})"
    return f"{label}: {float(score):+.2f} ({counted})"  # type: ignore[arg-type]


def _missing(value: object) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value))


#: The sources every page's footnote names (the sample's: ONS boundaries, NHS England statuses).
SOURCES = (
    "Sources: Office for National Statistics boundaries, Open Government Licence v3.0, "
    "contains OS data © Crown copyright and database right; DSPT statuses: NHS England "
    "(Data Security and Protection Toolkit), published data."
)


@dataclass(frozen=True)
class AtlasContent:
    """The atlas's tables. ``pages``: page (0 the cover, then each ICS by name), ics_code,
    ics_name, title, subtitle, parts; ``organisations``: :data:`MEMBER_COLUMNS`;
    ``ranking``: rank_label, ics_name, composite (text) and, with ranges, rank_range, best
    first; ``footnote``; ``gains``: what each page's gains table lists (None: no table)."""

    pages: pd.DataFrame
    organisations: pd.DataFrame
    ranking: pd.DataFrame
    footnote: str
    gains: pd.DataFrame | None = None


def atlas_content(
    composite: pd.DataFrame,
    listed: pd.DataFrame,
    *,
    title: str,
    scheme: ScoringScheme,
    change: pd.Series | None = None,
    trend: pd.DataFrame | None = None,
) -> AtlasContent:
    """Everything the atlas prints, from the composite table (ics, ics_name and the
    composite's fields) and the organisations it counted (:func:`members`); ``trend``
    (by ICS code: composite_trend, composite_change) adds each ICS's composites over
    editions to its page."""
    ranked = ranking(composite.set_index("ics")["composite_score"])
    median = float(composite["composite_score"].median())
    ordered = composite.sort_values(["ics_name", "ics"], kind="stable").reset_index(drop=True)
    total = len(ordered)
    pages = [_cover(title, ranked, median, total)]
    records: list[dict[str, Any]] = ordered.to_dict("records")  # type: ignore[assignment]
    for number, row in enumerate(records, start=1):
        place = ranked.loc[row["ics"]]
        pages.append(
            {
                PAGE: number,
                PAGE_ICS: row["ics"],
                "ics_name": row["ics_name"],
                PAGE_TITLE: row["ics_name"] or row["ics"],
                PAGE_SUBTITLE: f"{title} · ICS {row['ics']} · page {number} of {total}",
                PAGE_PARTS: composite_parts(row, place["rank_label"], int(place["of"]), median)
                + _trend_line(trend, row["ics"]),
                TREND_CHART: _trend_chart(trend, row["ics"], scheme),
            }
        )
    organisations = listed[list(MEMBER_COLUMNS)].copy()
    if change is not None:
        organisations["change"] = organisations["code"].map(change).fillna("")
    return AtlasContent(
        pages=pd.DataFrame(pages),
        organisations=organisations,
        ranking=_ranking_rows(composite, ranked),
        footnote=atlas_footnote(
            scheme, with_trend=trend is not None, with_ranges="rank_best" in composite
        ),
    )


#: How the composites of other editions reach today's boundaries (dspt:crosswalk), said
#: on every page that shows them.
CARRIED = (
    "Trend: each edition carried onto these boundaries through their small areas (sub-ICB "
    "locations), weighted by population (a small area formed from several organisations split "
    "by theirs); trusts placed by location."
)


def atlas_footnote(
    scheme: ScoringScheme, *, with_trend: bool = False, with_ranges: bool = False
) -> str:
    """The method, how the trend was carried and what a rank's range means (when pages
    show them), and the sources, at the foot of every page."""
    said = [CARRIED] * with_trend + [VARIANTS_MEANING] * with_ranges
    return " ".join([f"Method: {method_summary(scheme.scores)}", *said, SOURCES])


def _trend_line(trend: pd.DataFrame | None, ics: str) -> str:
    """The page's line of composites over editions ("" without a trend)."""
    if trend is None or ics not in trend.index:
        return ""
    row = trend.loc[ics]
    change = row["composite_change"]
    said = "" if _missing(change) else f" (change {float(change):+.2f})"
    return f"\nTrend: {row['composite_trend']}{said}"


def _trend_chart(trend: pd.DataFrame | None, ics: str, scheme: ScoringScheme) -> str:
    """The page's chart of composites over editions, as the SVG a layout picture reads
    from a field (``base64:...``; "" without a trend)."""
    if trend is None or ics not in trend.index:
        return ""
    row = trend.loc[ics]
    points = [
        (edition, None if _missing(row[field]) else float(row[field]))
        for edition, field in editions_in(list(trend.columns))
    ]
    svg = trend_chart(points, dict(scheme.scores))
    return "base64:" + base64.b64encode(svg.encode("utf-8")).decode("ascii")


def _cover(title: str, ranked: pd.DataFrame, median: float, total: int) -> dict[str, object]:
    of = int(ranked["of"].iloc[0]) if len(ranked) else 0
    return {
        PAGE: 0,
        PAGE_ICS: None,
        "ics_name": None,
        PAGE_TITLE: title,
        PAGE_SUBTITLE: (
            f"Composite score of each of the {total} ICSs (-3 worst .. 3 best); {of} ranked, "
            f"national median {median:+.2f}. One page per ICS follows, in alphabetical order."
        ),
        PAGE_PARTS: "",
        TREND_CHART: "",
    }


def _ranking_rows(composite: pd.DataFrame, ranked: pd.DataFrame) -> pd.DataFrame:
    rows = composite.set_index("ics").join(ranked)
    rows = rows.sort_values(["rank", "ics_name"], na_position="last", kind="stable")
    shown = {
        "rank_label": rows["rank_label"].fillna("–").to_numpy(),
        "ics_name": rows["ics_name"].to_numpy(),
        "composite": [
            "not computed" if _missing(v) else f"{v:+.2f}" for v in rows["composite_score"]
        ],
    }
    if "rank_best" in rows:  # each rank's range across method variants beside it
        shown["rank_range"] = [range_cell(row) for row in rows.to_dict("records")]
    return pd.DataFrame(shown)
