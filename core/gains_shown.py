"""What would raise each ICS's composite, and how far its rank depends on the method, as
the board reads them: each atlas page's five largest gains, the web report's largest gain
per ICS, and the rank fields behind both pages' ranges (:mod:`.rank_words`). Worded once
here, so the PDF and the page say the same.

Both arrive as outputs of earlier runs (the gains table of 'What would raise each ICS's
composite', the rank fields 'ICS composite score' writes), so each is checked against the
composite it is shown beside: a gains table of another method, or ranks of another set of
ICSs, would print numbers that contradict the page they stand on.
"""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Mapping
from typing import Any

import pandas as pd

from .atlas import PAGE_ICS, RANK_DECIMALS, AtlasContent, ranking
from .codes import clean_codes
from .errors import InputMismatchError
from .published_method import MET
from .rank_words import missing, ordinal, range_cell, rank_said, whole

#: How many gains an atlas page lists.
SHOWN = 5
#: The gains table's fields the pages read (of :data:`~.gains.GAIN_FIELDS`).
GAINS_READ = (
    "ics",
    "code",
    "status",
    "covers",
    "gain_if_met",
    "composite_score",
    "rank_if_met_label",
    "gain_note",
)
#: The composite's rank fields the pages read (of :data:`~.rank_range.RANGE_FIELDS`): the
#: rank as chosen, its best and worst across variants, and the note on how far apart.
RANK_FIELDS = ("rank", "rank_best", "rank_worst")
#: The pages' fields holding the sentence above an ICS's gains ("" on the cover) and how
#: many rows its table lists (0 on the cover): the layout makes room for as many.
GAINS_SAID, GAINS_LISTED = "gains_said", "gains_listed"
#: The columns of the rows each atlas page's gains table lists, in the order it shows them.
GAIN_ROW_COLUMNS = ("ics", "code", "organisation", "status", "gain", "rank_after")
#: What a largest gain means, said once beside the page that shows one.
GAINS_MEANING = (
    f"Largest gain: how far the ICS's composite would rise if that one organisation's "
    f"submission reached {MET}, everything else as it is, with the weights the composite "
    "used; a submission that decides its successors' statuses moves them all."
)
#: Composites this close are one composite (a table written to a file and read back).
SAME_COMPOSITE = 1e-9


def gain_words(gain: float) -> str:
    """A gain to the composite as the pages write a composite ('+0.18'); a gain too small
    to show at two decimals is said so, never written as '+0.00'."""
    if 0 < gain < 0.005:
        return "under +0.01"
    return f"{gain:+.2f}"


def covers_words(code: str, covers: object) -> str:
    """Whose statuses the submission decides besides its own organisation's ('' when
    only its own): successors inherit a submission's status."""
    covered = [c.strip() for c in str(covers or "").split(",") if c.strip()]
    others = [c for c in covered if c != code]
    if not others:
        return ""
    also = " also" if code in covered else ""
    return f"its submission{also} decides the status of {', '.join(others)}"


def top_gains(gains: pd.DataFrame, names: Mapping[str, str], count: int = SHOWN) -> pd.DataFrame:
    """Per ICS, its ``count`` largest gains if one submission reached Standards Met, and
    every gain equal to the last of them (a tie is never cut), largest first (equal gains
    by code): ics, code, name (as ``names`` knows it), decides (whose statuses it decides
    besides), organisation (both said), status, gain (words), rank_after ('=6th') and
    gain_if_met."""
    shown = _shown(gains, count)
    name = [names.get(code, "") for code in shown["code"]]
    decides = [covers_words(code, covers) for code, covers in zip(shown["code"], shown["covers"])]
    return pd.DataFrame(
        {
            "ics": shown["ics"].to_numpy(),
            "code": shown["code"].to_numpy(),
            "name": name,
            "decides": decides,
            "organisation": ["; ".join(filter(None, pair)) for pair in zip(name, decides)],
            "status": shown["status"].fillna("").astype(str).to_numpy(),
            "gain": [gain_words(g) for g in shown["gain_if_met"].astype(float)],
            "rank_after": [ordinal(r) for r in shown["rank_if_met_label"]],
            "gain_if_met": shown["gain_if_met"].astype(float).to_numpy(),
        }
    )


def _shown(gains: pd.DataFrame, count: int) -> pd.DataFrame:
    """The rows of ``gains`` each ICS lists: its ``count`` largest gains if Met and every
    gain equal to the last of them, largest first (equal gains by code)."""
    gain = gains["gain_if_met"].astype(float)
    positive = gains[gain > 0].assign(_order=-gain[gain > 0].round(RANK_DECIMALS))
    ordered = positive.sort_values(["ics", "_order", "code"], kind="stable")
    place = ordered.groupby("ics", sort=False)["_order"].rank(method="min")
    return ordered[place <= count]


def gains_said(gains: pd.DataFrame, composite: pd.Series, count: int = SHOWN) -> pd.Series:
    """Per ICS of ``composite`` (score by ICS code), the sentence above its gains: how many
    submissions would raise its composite by reaching Standards Met, or plainly that none
    would, and the gains table's notes on how its gains are computed."""
    raising = (gains["gain_if_met"].astype(float) > 0).groupby(gains["ics"]).sum()
    listed_by_ics = _shown(gains, count)["ics"].value_counts()
    notes = gains.groupby("ics")["gain_note"].agg(
        lambda n: "; ".join(dict.fromkeys(filter(None, n.fillna(""))))
    )
    said = {}
    for ics, score in composite.items():
        many = int(raising.get(ics, 0))
        if missing(score):
            text = "No composite, so no gain to it."
        elif many == 0:
            text = (
                f"Every organisation counted is at {MET} or above: reaching {MET} would not "
                "raise the composite."
            )
        elif many == 1:
            text = (
                f"One submission would raise the composite by reaching {MET}: its gain, and "
                "the ICS's rank after."
            )
        else:
            listed_here = int(listed_by_ics.get(ics, 0))
            listed = (
                "their gains"
                if many <= count
                else f"the {count} largest gains"
                + (f" ({listed_here} listed: equal gains)" if listed_here > count else "")
            )
            text = (
                f"{many} submissions would raise the composite by reaching {MET}: {listed}, "
                "each if that submission alone did, and the ICS's rank after that one change."
            )
        note = notes.get(ics, "")
        said[ics] = f"{text} Note: {note}." if note else text
    return pd.Series(said, dtype=object)


def atlas_gains(content: AtlasContent, gains: pd.DataFrame, composite: pd.Series) -> AtlasContent:
    """The atlas with what would raise each ICS's composite: the pages' sentence above the
    gains (:data:`GAINS_SAID`) and the rows each page lists (:data:`GAIN_ROW_COLUMNS`),
    organisations named as the atlas lists them (``composite``: score by ICS code)."""
    listed = content.organisations
    names = dict(zip(listed["code"], listed["name"].fillna("").astype(str)))
    said = gains_said(gains, composite)
    rows = top_gains(gains, names)[list(GAIN_ROW_COLUMNS)].reset_index(drop=True)
    at = content.pages[PAGE_ICS]
    pages = content.pages.assign(
        **{
            GAINS_SAID: at.map(said).fillna(""),
            GAINS_LISTED: at.map(rows["ics"].value_counts()).fillna(0).astype(int),
        }
    )
    return dataclasses.replace(content, pages=pages, gains=rows)


def largest_gains(gains: pd.DataFrame, names: Mapping[str, str]) -> dict[str, dict[str, object]]:
    """Per ICS code of ``gains``, its largest gain if one submission reached Standards Met:
    the submission's code, the organisation in words, the gain, the table's cell
    ('+0.18 X (RT2)') and the sentence a label says ('Largest gain: +0.18 if X (RT2)
    reached Standards Met.'); an ICS without one: a gain of 0, and the cell and sentence
    saying so."""
    top = top_gains(gains, names, 1)
    largest: dict[str, dict[str, object]] = {}
    for ics in gains["ics"].unique():
        tied = top[top["ics"] == ics]
        if tied.empty:
            largest[ics] = {
                "gain_if_met": 0.0,
                "largest_gain": f"none: all at {MET} or above",
                "gain_said": f"No submission would raise it by reaching {MET}.",
            }
            continue
        largest[ics] = _largest(tied.to_dict("records"))
    return largest


def _largest(tied: list[dict[str, Any]]) -> dict[str, object]:
    """An ICS's largest gain if Met, said of the one submission giving it, or of each of
    those giving it equally (none is left out: 'X (RA7) or Y (RVJ), each alone')."""
    gain = tied[0]["gain"]

    def who(row: dict[str, Any]) -> str:
        return f"{row['name']} ({row['code']})" if row["name"] else str(row["code"])

    if len(tied) == 1:
        decides = f" ({tied[0]['decides']})" if tied[0]["decides"] else ""
        named = who(tied[0])
        said = f"{named} reached {MET}{decides}."
    else:
        decides = ""
        named = " or ".join(who(r) + (f" ({r['decides']})" if r["decides"] else "") for r in tied)
        said = f"{named} reached {MET}, each alone."
    return {
        "gain_code": ", ".join(str(r["code"]) for r in tied),
        "gain_organisation": named,
        "gain_if_met": float(tied[0]["gain_if_met"]),
        "largest_gain": f"{gain} {named}{decides}",
        "gain_said": f"Largest gain: {gain} if {said}",
    }


def web_fields(
    composite: pd.DataFrame, gains: pd.DataFrame | None, names: Mapping[str, str]
) -> dict[str, dict[str, object]]:
    """Per ICS code of ``composite`` (composite_score, and rank_best, rank_worst and
    rank_note when it carries its rank's range), what the web report says beside the
    composite: the rank ('=14th'; ``rank`` sorts it) and its range ('9th–17th';
    ``rank_best`` sorts it) when the composite carries them; with ``gains`` (checked to be
    of this composite), the largest gain (:func:`largest_gains`); ``board_said``: both as
    the map's label says them. An ICS without a composite: nothing."""
    scores = composite["composite_score"]
    ranked = ranking(scores)
    of = int(ranked["of"].iloc[0]) if len(ranked) else 0
    largest = largest_gains(gains, names) if gains is not None else {}
    fields: dict[str, dict[str, object]] = {}
    for ics, row in zip(composite.index, composite.to_dict("records")):
        if missing(row["composite_score"]):
            continue
        mine: dict[str, object] = {}
        said = []
        if "rank_best" in row:
            label = ranked.at[ics, "rank_label"]
            mine |= {
                "rank": whole(ranked.at[ics, "rank"]),
                "rank_label": ordinal(label),
                "rank_range": range_cell(row),
                "rank_best": None if missing(row["rank_best"]) else whole(row["rank_best"]),
            }
            said.append(f"Rank: {rank_said(label, of, row)}.")
        if ics in largest:
            top = largest[ics]
            mine |= {k: top[k] for k in ("gain_if_met", "largest_gain")}
            said.append(str(top["gain_said"]))
        if said:
            fields[ics] = {**mine, "board_said": " ".join(said)}
    return fields


def board_notes(fields: Mapping[str, Mapping[str, object]]) -> tuple[str, ...]:
    """The caveats the web report's rank range and gains need, when its ``fields``
    (:func:`web_fields`) show them."""
    from .rank_words import VARIANTS_MEANING

    shown = {key for mine in fields.values() for key in mine}
    return (VARIANTS_MEANING,) * ("rank_range" in shown) + (GAINS_MEANING,) * (
        "largest_gain" in shown
    )


def check_gains(
    gains: pd.DataFrame, composite: pd.Series, *, gains_source: str, composite_source: str
) -> None:
    """Stop when the gains table was not computed from ``composite`` (score by ICS code):
    an ICS's composite there differs, or an ICS with a composite has no row. Edition and
    geography are compared before (core.agreement); this catches another method or
    other organisations of the same edition and ICSs."""
    theirs = gains.groupby(clean_codes(gains["ics"]), sort=False)["composite_score"].first()
    ours = pd.Series(
        composite.to_numpy(dtype=float), index=clean_codes(composite.index.to_series())
    )
    for ics, score in ours.items():
        given = float(theirs.get(ics, math.nan)) if ics in theirs.index else None
        if given is None and missing(score):
            continue
        if given is not None and _same(given, score):
            continue
        raise InputMismatchError(
            f"{gains_source}: the composite of ICS {ics} is {_said(given)}, but in "
            f"{composite_source} it is {_said(score)}: the gains were computed from another "
            "composite (another method, or other organisations). Give the gains table made "
            "from this composite."
        )


def check_rank_range(table: pd.DataFrame, *, source: str) -> None:
    """Stop when the composite's rank fields (``table``: ics, composite_score and
    :data:`RANK_FIELDS`) do not hold the rank its composite has among the ICSs given: they
    were ranked among other ICSs, or edited, and a range beside that rank would mislead."""
    ranked = ranking(table.set_index("ics")["composite_score"])
    for row in table.to_dict("records"):
        rank = ranked.at[row["ics"], "rank"]
        if missing(rank):
            continue
        fields = [row[f] for f in RANK_FIELDS]
        if not any(missing(v) for v in fields):
            given, best, worst = (whole(v) for v in fields)
            if given == whole(rank) and best <= given <= worst:
                continue
        raise InputMismatchError(
            f"{source}: ICS {row['ics']} ranks {whole(rank)} of the {int(ranked['of'].iloc[0])} "
            "composites given, but its fields rank, rank_best and rank_worst say "
            f"{', '.join(_said_rank(v) for v in fields)}: they were ranked among other ICSs, "
            "or edited. Give the composite as 'ICS composite score' wrote it, with all its ICSs."
        )


def _same(first: float, second: object) -> bool:
    if missing(first) or missing(second):
        return missing(first) and missing(second)
    return abs(first - float(second)) <= SAME_COMPOSITE  # type: ignore[arg-type]


def _said(value: object) -> str:
    if value is None:
        return "not given (no row)"
    return "none" if missing(value) else f"{float(value):+.6f}"  # type: ignore[arg-type]


def _said_rank(value: object) -> str:
    return "none" if missing(value) else str(whole(value))
