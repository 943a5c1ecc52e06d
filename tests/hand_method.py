"""The published method computed by hand from the sample files (csv module, plain maths).

Tests compare the plugin's results with these values; nothing here imports the plugin.
"""

from __future__ import annotations

import csv
from collections import defaultdict
from fractions import Fraction
from statistics import mean

SCORE = {
    "Standards Exceeded": 3,
    "Standards Met": 1,
    "Approaching Standards": -1,
    "Standards Not Met": -3,
    "Not Published": -3,
}


def read_rows(path) -> list[dict[str, str]]:
    with open(path, encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


def edition_status(raw: str, edition: str) -> str:
    """'22/23 Standards Met' -> 'Standards Met' when of the edition, else Not Published."""
    return raw[6:] if raw.startswith(edition + " ") else "Not Published"


def weighted_mean(pairs: list[tuple[float, float]]) -> float:
    """sum(weight x score) / sum(weight) over (score, weight) pairs."""
    return sum(s * w for s, w in pairs) / sum(w for _, w in pairs)


def composites(
    commissioners: dict[str, list[float]], trusts: dict[str, list[float]]
) -> dict[str, float]:
    """0.5 x mean commissioner score + 0.5 x mean trust score, for ICSs having both."""
    return {
        g: 0.5 * mean(commissioners[g]) + 0.5 * mean(trusts[g])
        for g in set(commissioners) & set(trusts)
        if commissioners[g] and trusts[g]
    }


def patients_by_ccg(shared_data) -> dict[str, int]:
    """GP registered patients (1 January 2021) per 2020 CCG ODS code."""
    rows = read_rows(shared_data / "populations/ccg_april2020_gp_registered_jan2021.csv")
    return {r["CCG20CDH"]: int(r["registered_patients"]) for r in rows}


def patients_per_stp(shared_data) -> dict[str, int]:
    """GP registered patients summed per STP20CD."""
    totals: dict[str, int] = defaultdict(int)
    for r in read_rows(shared_data / "populations/ccg_april2020_gp_registered_jan2021.csv"):
        totals[r["STP20CD"]] += int(r["registered_patients"])
    return dict(totals)


def composites_2020_21(shared_data, weighted_by_patients: bool = False) -> dict[str, float]:
    """Per STP20CD, from the curated file's own Short.Status; RW6 (listed twice) once.

    With ``weighted_by_patients`` each CCG's score weighs its GP registered patients (the
    seed's headline figure); trusts are averaged simply either way.
    """
    patients = patients_by_ccg(shared_data)
    seen, comm, trust = set(), defaultdict(list), defaultdict(list)
    for row in read_rows(shared_data / "dspt/2020_21/curated_dspt_20220208.csv"):
        if row["Code"] in seen:
            continue
        seen.add(row["Code"])
        score = SCORE[row["Short.Status"]]
        if row["Sector"] == "CCG":
            comm[row["STP20CD"]].append(
                (score, patients[row["Code"]] if weighted_by_patients else 1)
            )
        elif row["Sector"] == "Trust":
            trust[row["STP20CD"]].append(score)
    return {g: 0.5 * weighted_mean(comm[g]) + 0.5 * mean(trust[g]) for g in set(comm) & set(trust)}


def composites_2022_23(shared_data) -> dict[str, float]:
    """Per ICB ODS code: the ICB's own status and its trusts' (by High Level Health Geography)."""
    comm, trust = defaultdict(list), defaultdict(list)
    for row in read_rows(shared_data / "dspt/2022_23/icb_snapshot_20231116.csv"):
        comm[row["ICB23CDH"]].append(SCORE[edition_status(row["Status"], "22/23")])
    for row in read_rows(shared_data / "dspt/2022_23/trusts_snapshot_20231116.csv"):
        trust[row["High Level Health Geography"]].append(
            SCORE[edition_status(row["Status"], "22/23")]
        )
    return composites(comm, trust)


def ods_records(shared_data, *relative: str) -> dict[str, list[str]]:
    """ODS bulk rows by organisation code (header-less CSV)."""
    records: dict[str, list[str]] = {}
    for name in relative:
        with open(shared_data / name, encoding="utf-8", newline="") as handle:
            for row in csv.reader(handle):
                records.setdefault(row[0], row)
    return records


def composites_2021_22(shared_data) -> dict[str, float]:
    """Per STP21CD: sub-ICB locations weighted by registered patients (2022/23 allocations),
    trusts simply averaged, each trust in the STP its ODS record names; trusts without a
    status that closed before 30 June 2022 left out."""
    lookup = read_rows(shared_data / "lookups/ccg21_stp21_nhser21.csv")
    stp_of_ccg = {r["CCG21CDH"]: r["STP21CD"] for r in lookup}
    stp_of_ods = {r["STP21CDH"]: r["STP21CD"] for r in lookup}
    patients = {
        r["SICBL23CDH"]: int(r["registered_patients"])
        for r in read_rows(shared_data / "populations/sub_icb_2022_23_allocations.csv")
    }
    comm: dict[str, list[tuple[float, float]]] = defaultdict(list)
    for row in read_rows(shared_data / "dspt/2021_22/ccg_snapshot_20220909.csv"):
        code = row["ODS Code"]
        comm[stp_of_ccg[code]].append(
            (SCORE[edition_status(row["Status"], "21/22")], patients[code])
        )
    ods = ods_records(shared_data, "ods/2021_22/etr.csv", "ods/2022_23/ect.csv")
    trust: dict[str, list[float]] = defaultdict(list)
    for row in read_rows(shared_data / "dspt/2021_22/trusts_snapshot_20220909.csv"):
        record = ods[row["ODS Code"]]
        closed_early = record[11] != "" and record[11] < "20220630"
        if not row["Status"].startswith("21/22 ") and closed_early:
            continue
        trust[stp_of_ods[record[3]]].append(SCORE[edition_status(row["Status"], "21/22")])
    return {g: 0.5 * weighted_mean(comm[g]) + 0.5 * mean(trust[g]) for g in set(comm) & set(trust)}


def trust_change_2020_21_to_2022_23(
    shared_data,
) -> tuple[dict[str, int], dict[tuple[str, str | None], int]]:
    """Directions and (2020/21 status, 2022/23 status) transitions for the 2020/21 trusts
    and the 2022/23 ones: the curated file's Short.Status before; a trust missing in
    2022/23 is compared with the first successor (Successor.Code) listed there."""
    curated = read_rows(shared_data / "dspt/2020_21/curated_dspt_20220208.csv")
    before: dict[str, str] = {}
    for row in curated:
        if row["Sector"] == "Trust":
            before.setdefault(row["Code"], row["Short.Status"])
    successor = {
        row["Code"]: row["Successor.Code"]
        for row in curated
        if row["Successor.Code"] not in ("", "NA")
    }
    after = {
        row["Code"]: edition_status(row["Status"], "22/23")
        for row in read_rows(shared_data / "dspt/2022_23/trusts_snapshot_20231116.csv")
    }
    directions: dict[str, int] = defaultdict(int)
    transitions: dict[tuple[str, str | None], int] = defaultdict(int)
    for code, status in before.items():
        target = code
        while target not in after and target in successor:
            target = successor[target]
        if target not in after:
            directions["gone"] += 1
            transitions[(status, None)] += 1
            continue
        change = SCORE[after[target]] - SCORE[status]
        directions["improved" if change > 0 else "declined" if change < 0 else "unchanged"] += 1
        transitions[(status, after[target])] += 1
    directions["new"] = len(set(after) - set(before))
    return dict(directions), dict(transitions)


#: The one 2026 sub-ICB location the older geographies lack: the east of the former
#: Frimley location D4U1Y (the 2022/23 crosswalk's boundary match, confirmed by its name).
NEW_IN_2026 = {"U2G6B": "D4U1Y"}


def _on_2026(shared_data, score_of_area, trust_rows) -> dict[str, float]:
    """Per April 2026 ICB (ICB26CD): each 2026 sub-ICB location's (score, part) pairs from
    ``score_of_area`` (its code, or the location it replaced), weighted by its registered
    patients times the part; trusts ((longitude, latitude), score) placed in the 2026
    polygons (shapely) and averaged simply."""
    import json

    from shapely.geometry import Point, shape

    comm: dict[str, list[tuple[float, float]]] = defaultdict(list)
    for row in read_rows(shared_data / "lookups/sicbl26_icb26_nhser26.csv"):
        area = NEW_IN_2026.get(row["SICBL26CDH"], row["SICBL26CDH"])
        for score, part in score_of_area(area):
            comm[row["ICB26CD"]].append((score, part * float(row["registered_patients"])))
    with open(shared_data / "boundaries/icb_april2026.geojson", encoding="utf-8") as handle:
        polygons = [
            (f["properties"]["ICB26CD"], shape(f["geometry"]).buffer(0))
            for f in json.load(handle)["features"]
        ]
    trust: dict[str, list[float]] = defaultdict(list)
    for (longitude, latitude), score in trust_rows:
        point = Point(longitude, latitude)
        ics = next(code for code, polygon in polygons if polygon.intersects(point))
        trust[ics].append(score)
    return {g: 0.5 * weighted_mean(comm[g]) + 0.5 * mean(trust[g]) for g in comm}


def composites_2022_23_on_2026(shared_data) -> dict[str, float]:
    """Each 2026 sub-ICB location takes its 2023 ICB's 22/23 status; trusts by their
    coordinates (see :func:`_on_2026`)."""
    icb_of_area = {
        r["SICBL23CDH"]: r["ICB23CDH"]
        for r in read_rows(shared_data / "lookups/sicbl23_icb23_nhser23.csv")
    }
    status_of_icb = {
        r["ICB23CDH"]: edition_status(r["Status"], "22/23")
        for r in read_rows(shared_data / "dspt/2022_23/icb_snapshot_20231116.csv")
    }
    trusts = [
        ((float(r["long"]), float(r["lat"])), SCORE[edition_status(r["Status"], "22/23")])
        for r in read_rows(shared_data / "dspt/2022_23/trusts_snapshot_20231116.csv")
    ]
    return _on_2026(
        shared_data, lambda area: [(SCORE[status_of_icb[icb_of_area[area]]], 1.0)], trusts
    )


def commissioner_gains_2022_23_on_2026(shared_data) -> dict[tuple[str, str], float]:
    """Per (April 2026 ICB, 2023 ICB whose 22/23 submission decides some of its sub-ICB
    locations' status), the composite's gain if that one submission reached Standards Met:
    half the change of the ICB's commissioner mean, every location the submission covers
    at Met (weighted by registered patients, as :func:`_on_2026`); 0 where already Met or
    better. The trusts' half does not move."""
    icb_of_area = {
        r["SICBL23CDH"]: r["ICB23CDH"]
        for r in read_rows(shared_data / "lookups/sicbl23_icb23_nhser23.csv")
    }
    score_of_icb = {
        r["ICB23CDH"]: SCORE[edition_status(r["Status"], "22/23")]
        for r in read_rows(shared_data / "dspt/2022_23/icb_snapshot_20231116.csv")
    }
    areas: dict[str, list[tuple[str, float]]] = defaultdict(list)
    for row in read_rows(shared_data / "lookups/sicbl26_icb26_nhser26.csv"):
        area = NEW_IN_2026.get(row["SICBL26CDH"], row["SICBL26CDH"])
        areas[row["ICB26CD"]].append((icb_of_area[area], float(row["registered_patients"])))
    gains = {}
    for ics, parts in areas.items():
        total = sum(w for _, w in parts)
        for decider in {icb for icb, _ in parts}:
            weight = sum(w for icb, w in parts if icb == decider)
            rise = max(SCORE["Standards Met"] - score_of_icb[decider], 0)
            gains[(ics, decider)] = 0.5 * rise * weight / total
    return gains


def composites_2021_22_on_2026(shared_data) -> dict[str, float]:
    """Each 2026 sub-ICB location takes its own 2021/22 status (the sub-ICB snapshot);
    trusts as in :func:`composites_2021_22` (those without a 21/22 status that closed
    before 30 June 2022 left out), placed by their coordinates."""
    status_of_area = {
        r["ODS Code"]: edition_status(r["Status"], "21/22")
        for r in read_rows(shared_data / "dspt/2021_22/ccg_snapshot_20220909.csv")
    }
    ods = ods_records(shared_data, "ods/2021_22/etr.csv", "ods/2022_23/ect.csv")
    trusts = []
    for row in read_rows(shared_data / "dspt/2021_22/trusts_snapshot_20220909.csv"):
        closed = ods[row["ODS Code"]][11]
        if not row["Status"].startswith("21/22 ") and closed != "" and closed < "20220630":
            continue
        location = (float(row["longitude"]), float(row["latitude"]))
        trusts.append((location, SCORE[edition_status(row["Status"], "21/22")]))
    return _on_2026(shared_data, lambda area: [(SCORE[status_of_area[area]], 1.0)], trusts)


def composites_2020_21_on_2026(shared_data) -> dict[str, float]:
    """Each 2026 sub-ICB location takes the 2020/21 statuses (Short.Status) of the 2020
    CCGs merged into it in April 2021 (Successor.Code; a CCG without one is its own
    location), each weighing its share of their GP registered patients (1 January 2021);
    trusts (each code once) placed by their coordinates."""
    patients = patients_by_ccg(shared_data)
    curated = read_rows(shared_data / "dspt/2020_21/curated_dspt_20220208.csv")
    ccgs: dict[str, list[tuple[float, int]]] = defaultdict(list)
    trusts, seen = [], set()
    for row in curated:
        if row["Sector"] == "CCG":
            area = row["Successor.Code"] if row["Successor.Code"] not in ("", "NA") else row["Code"]
            ccgs[area].append((SCORE[row["Short.Status"]], patients[row["Code"]]))
        elif row["Sector"] == "Trust" and row["Code"] not in seen:
            seen.add(row["Code"])
            location = (float(row["longitude"]), float(row["latitude"]))
            trusts.append((location, SCORE[row["Short.Status"]]))

    def parts(area: str) -> list[tuple[float, float]]:
        total = sum(n for _, n in ccgs[area])
        return [(score, n / total) for score, n in ccgs[area]]

    return _on_2026(shared_data, parts, trusts)


def members_2020_21(shared_data) -> dict[str, set[str]]:
    """Per STP20CD, the codes of the CCGs and trusts of the curated file (each code once)."""
    members: dict[str, set[str]] = defaultdict(set)
    for row in read_rows(shared_data / "dspt/2020_21/curated_dspt_20220208.csv"):
        if row["Sector"] in ("CCG", "Trust"):
            members[row["STP20CD"]].add(row["Code"])
    return dict(members)


def ons_residents_by_ccg(shared_data) -> dict[str, int]:
    """ONS mid-2019 resident population per 2020 CCG ODS code."""
    rows = read_rows(shared_data / "populations/ccg_april2020_ons_mid2019.csv")
    return {r["CCG20CDH"]: int(r["resident_population"]) for r in rows}


def organisations_2020_21(shared_data) -> dict[str, dict[str, object]]:
    """Each CCG and trust of the curated file once, by code: sector, STP20CD, score
    (Short.Status) and the code whose 20/21 submission decides that status.

    Its own where Latest.Status is a 20/21 status; else, when Short.Status is a status,
    the successor's (Successor.Code, followed while the successor is listed without a
    20/21 status of its own), and for an organisation listed under two successors the
    first of them by code; else (Not Published) nobody's but its own.
    """
    rows = read_rows(shared_data / "dspt/2020_21/curated_dspt_20220208.csv")
    own = {r["Code"] for r in rows if r["Latest.Status"].startswith("20/21 ")}
    successors: dict[str, list[str]] = defaultdict(list)
    for r in rows:
        if r["Successor.Code"] not in ("", "NA"):
            successors[r["Code"]].append(r["Successor.Code"])

    def decider(code: str) -> str:
        while code not in own and successors.get(code):
            code = min(successors[code])
        return code

    organisations: dict[str, dict[str, object]] = {}
    for r in rows:
        if r["Sector"] not in ("CCG", "Trust") or r["Code"] in organisations:
            continue
        inherited = r["Code"] not in own and r["Short.Status"] != "Not Published"
        organisations[r["Code"]] = {
            "sector": r["Sector"],
            "stp": r["STP20CD"],
            "score": SCORE[r["Short.Status"]],
            "decided_by": decider(r["Code"]) if inherited else r["Code"],
        }
    return organisations


def exact_composites(
    organisations: dict[str, dict[str, object]],
    weights: dict[str, int] | None,
    scores: dict[str, int] | None = None,
) -> dict[str, Fraction]:
    """Per STP, 1/2 x commissioner mean + 1/2 x trust mean as exact fractions: commissioners
    weighted by ``weights`` (code -> population; None: simply), trusts simply; ``scores``
    (code -> score) replace the organisations' own."""
    comm: dict[str, list[tuple[int, int]]] = defaultdict(list)
    trust: dict[str, list[int]] = defaultdict(list)
    for code, o in organisations.items():
        score = (scores or {}).get(code, o["score"])
        if o["sector"] == "CCG":
            comm[o["stp"]].append((score, weights[code] if weights else 1))
        else:
            trust[o["stp"]].append(score)
    return {
        g: Fraction(1, 2) * Fraction(sum(s * w for s, w in comm[g]), sum(w for _, w in comm[g]))
        + Fraction(1, 2) * Fraction(sum(trust[g]), len(trust[g]))
        for g in set(comm) & set(trust)
    }


def competition_rank(composites: dict[str, Fraction], ics: str) -> str:
    """The place of ``ics`` among all, highest first: 1 + how many are higher, '=' when
    another equals it."""
    mine = composites[ics]
    higher = sum(1 for g, c in composites.items() if g != ics and c > mine)
    tied = any(c == mine for g, c in composites.items() if g != ics)
    return f"{'=' if tied else ''}{higher + 1}"
