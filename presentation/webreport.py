"""The published page, rebuilt as a self-contained, offline web report.

GUI-independent: GeoJSON (lon/lat) and tables in, a folder out (``index.html``, Leaflet,
the report's script and style). The sections follow the seed page: what DSPT is, the
method (written from the core's constants), the sector x status summary with a bar chart,
the three maps (individual compliance; trust proportions over ICS population; ICS
composite with regions), the composite table and caveats.

Every value from the data is inserted as text: HTML is escaped here, and the data reach
the page as JSON that the script writes with ``textContent`` only, so an organisation
called ``<img onerror=...>`` shows as that text. Boundaries are simplified together
(shared borders kept) so the national report stays small. Nothing is fetched from the
network unless a basemap address is given.
"""

from __future__ import annotations

import html
import json
import math
import shutil
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from importlib.resources import files
from pathlib import Path
from typing import Any

import numpy as np

from ..core import published_method
from ..core.crosstab import Crosstab
from ..core.proportions import count_field
from ..core.scoring import DEFAULT_SCHEME, ScoringScheme
from . import palette
from .report_html import bar_chart_svg, crosstab_table
from .topology import simplify_collections
from .webreport_tables import composite_table, is_number, organisations_table, proportions_table

FeatureCollection = dict[str, Any]

ASSETS = files("dspt_qgis.presentation") / "web"
#: The short credit on each map; the page's footer carries the full attribution.
CREDIT = "ONS boundaries (OGL v3) · DSPT status: NHS England"
LEAFLET_FILES = (
    "leaflet.js",
    "leaflet.css",
    "LICENSE",
    "VERSION.md",
    "images/layers.png",
    "images/layers-2x.png",
)
ATTRIBUTION = (
    "Source: Office for National Statistics licensed under the Open Government Licence v.3.0. "
    "Contains OS data © Crown copyright and database right. DSPT status: NHS England (Data "
    "Security and Protection Toolkit), published data."
)


@dataclass(frozen=True)
class ReportContent:
    """What the report shows.

    Feature properties, by layer: commissioners ``code``, ``name``, ``status`` (and
    ``ics``, ``region`` when known); trusts (points) ``code``, ``name``, ``status``;
    ``ics`` polygons ``code``, ``name``, ``region``, ``composite_score``,
    ``commissioner_score``, ``trust_score``, ``n_commissioners``, ``n_trusts``,
    ``composite_note``, ``population``, a count per status (``n_met``...) and ``label``
    ([lon, lat] inside the polygon, where its pie chart stands), and, when the composite
    carries its rank's range or gains are given, what
    :func:`~dspt_qgis.core.gains_shown.web_fields` says (``rank_label``, ``rank_range``,
    ``largest_gain``, ``board_said`` the map's label adds, and the numbers they sort by);
    regions ``name``.
    """

    title: str
    edition: str | None
    data_date: str
    commissioners: FeatureCollection
    trusts: FeatureCollection
    ics: FeatureCollection
    crosstab: Crosstab
    regions: FeatureCollection | None = None
    scheme: ScoringScheme = DEFAULT_SCHEME
    weighting_note: str = "commissioners averaged simply"
    population_label: str = "Patient population"
    basemap_url: str | None = None
    basemap_attribution: str | None = None
    notes: Sequence[str] = field(default_factory=tuple)


def write_web_report(folder: str | Path, content: ReportContent) -> list[Path]:
    """Write the report into ``folder`` (created); return the files written."""
    folder = Path(folder)
    (folder / "leaflet" / "images").mkdir(parents=True, exist_ok=True)
    written = []
    for name in LEAFLET_FILES:
        target = folder / "leaflet" / name
        with (ASSETS / "vendor" / "leaflet" / name).open("rb") as source, open(target, "wb") as out:
            shutil.copyfileobj(source, out)
        written.append(target)
    for name in ("report.js", "report.css"):
        target = folder / name
        target.write_bytes((ASSETS / name).read_bytes())
        written.append(target)
    index = folder / "index.html"
    index.write_text(render_page(content), encoding="utf-8")
    written.append(index)
    return written


def render_page(content: ReportContent) -> str:
    """The report's ``index.html``."""
    commissioners, ics, *regions = simplify_collections(
        [content.commissioners, content.ics, *([content.regions] if content.regions else [])]
    )
    trusts = simplify_collections([content.trusts])[0]
    payload = {
        "title": content.title,
        "statuses": [
            {
                "name": s,
                "short": short_status(s),
                "colour": c,
                "score": content.scheme.scores[s],
                "field": count_field(s),
            }
            for s, c in palette.status_colours(content.scheme.scores).items()
        ],
        "noStatus": {"name": palette.NO_STATUS_LABEL, "colour": palette.NO_STATUS_COLOUR},
        "compositeClasses": [
            {"lower": c.lower, "upper": c.upper, "colour": c.colour, "label": c.label}
            for c in palette.composite_classes(content.scheme.scores)
        ],
        "population": population_classes(ics, content.population_label),
        "outlines": {
            "ics": palette.ICS_OUTLINE,
            "region": palette.REGION_OUTLINE,
            "area": palette.AREA_OUTLINE,
        },
        "layers": {
            "commissioners": commissioners,
            "trusts": trusts,
            "ics": ics,
            "regions": regions[0] if regions else None,
        },
        "basemap": {"url": content.basemap_url, "attribution": content.basemap_attribution or ""}
        if content.basemap_url
        else None,
        "credit": CREDIT,
    }
    title = html.escape(content.title)
    return _PAGE.format(
        title=title,
        summary_heading=html.escape(_summary_heading(content.edition)),
        data_date=html.escape(content.data_date),
        method_items="".join(f"<li>{html.escape(item)}</li>" for item in _method(content)),
        crosstab=crosstab_table(content.crosstab, content.scheme),
        chart=bar_chart_svg(content.crosstab, content.scheme),
        composite_table=composite_table(ics, content.scheme),
        individual_table=organisations_table(commissioners, trusts),
        proportions_table=proportions_table(ics, content),
        individual_count=_count_words(commissioners, trusts),
        ics_count=len(ics["features"]),
        notes="".join(f"<li>{html.escape(n)}</li>" for n in content.notes),
        weighting=html.escape(content.weighting_note),
        population_label=html.escape(content.population_label),
        attribution=html.escape(ATTRIBUTION),
        data=json_for_script(payload),
    )


def json_for_script(payload: Any) -> str:
    """JSON that can sit inside a ``<script>`` element: no ``<``, ``>`` or ``&`` left raw,
    so no value can close the element or open another."""
    text = json.dumps(
        payload, ensure_ascii=False, separators=(",", ":"), allow_nan=False, default=_plain
    )
    return text.replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e")


def _plain(value: Any) -> Any:
    if isinstance(value, (np.integer,)):
        return int(value)
    if isinstance(value, (np.floating,)):
        return None if math.isnan(value) else float(value)
    raise TypeError(f"cannot write {type(value).__name__} to the report")


def _method(content: ReportContent) -> list[str]:
    scheme = content.scheme
    return [
        published_method.scores_sentence(scheme.scores),
        published_method.edition_sentence(),
        published_method.composite_sentence(scheme.scores),
        f"In this report: {content.weighting_note}; trusts averaged simply.",
        "A missing status counts as Not Published; organisations without an ICS are listed by "
        "the tools that made the layers, not counted here.",
    ]


def population_classes(ics: FeatureCollection, label: str, count: int = 5) -> dict[str, Any]:
    """Population classes for the shading of map 2: quantiles of the ICSs' populations,
    labelled as whole numbers that say which end belongs to which class."""
    values = sorted(
        float(v)
        for v in (f["properties"].get("population") for f in ics["features"])
        if is_number(v)
    )
    if not values:
        return {"label": label, "classes": []}
    breaks = sorted(
        set(np.quantile(values, np.linspace(0, 1, min(count, len(values)) + 1)).round().tolist())
    )
    colours = palette.ramp(palette.BLUES, max(len(breaks) - 1, 1))
    classes = []
    for index, (lower, upper) in enumerate(zip(breaks, breaks[1:])):
        start = int(lower) if index == 0 else int(lower) + 1
        classes.append(
            {
                "lower": lower,
                "upper": upper,
                "colour": colours[index],
                "label": f"{start:,} – {int(upper):,}",
            }
        )
    if not classes:
        classes.append(
            {
                "lower": breaks[0],
                "upper": breaks[0],
                "colour": colours[0],
                "label": f"{int(breaks[0]):,}",
            }
        )
    return {"label": label, "classes": classes}


def short_status(status: str) -> str:
    """'Met' for 'Standards Met', 'Approaching' for 'Approaching Standards': how a pie's
    sentence names its slices."""
    return status.replace("Standards", "").strip() or status


def _count_words(commissioners: FeatureCollection, trusts: FeatureCollection) -> str:
    areas, points = len(commissioners["features"]), len(trusts["features"])
    return f"{areas} commissioner area{'s' * (areas != 1)} and {points} trust{'s' * (points != 1)}"


def _summary_heading(edition: str | None) -> str:
    return f"Summary of compliance, {edition}" if edition else "Summary of compliance"


def features(
    rows: Sequence[Mapping[str, Any]], geometries: Sequence[Mapping[str, Any] | None]
) -> FeatureCollection:
    """A FeatureCollection from property rows and GeoJSON geometries (None: no geometry)."""
    out = []
    for properties, geometry in zip(rows, geometries):
        clean = {
            k: (None if isinstance(v, float) and math.isnan(v) else v)
            for k, v in properties.items()
        }
        out.append({"type": "Feature", "properties": clean, "geometry": geometry})
    return {"type": "FeatureCollection", "features": out}


_PAGE = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: https:; connect-src 'none'">
<title>{title}</title>
<link rel="stylesheet" href="leaflet/leaflet.css">
<link rel="stylesheet" href="report.css">
</head>
<body>
<nav class="skip-links" aria-label="Parts of this report">
<ul>
<li><a href="#individual-heading">Map 1: individual compliance</a></li>
<li><a href="#proportions-heading">Map 2: trusts per ICS</a></li>
<li><a href="#composite-heading">Map 3: ICS composite</a></li>
<li><a href="#composite-table-heading">Composite table</a></li>
<li><a href="#method-heading">Method</a></li>
</ul>
</nav>
<header>
<h1>{title}</h1>
<p class="callout" role="note"><strong>Not official statistics.</strong> This report applies the method of the
"Open Statistics - Cyber Security" analysis to published DSPT statuses. It is produced by the open-source dspt-qgis
tools and is not an official NHS England publication.</p>
</header>
<main>
<section id="about" aria-labelledby="about-heading">
<h2 id="about-heading">What the DSPT is</h2>
<p>The Data Security and Protection Toolkit (DSPT) is an annual online self-assessment against the National Data
Guardian's ten data security standards. Every organisation with access to NHS patient data and systems must
complete it: NHS trusts, commissioners (clinical commissioning groups, sub-ICB locations, integrated care boards)
and commissioning support units among them. Each gets a status for each edition of the toolkit.</p>
<p class="data-date">{data_date}</p>
</section>
<section id="method" aria-labelledby="method-heading">
<h2 id="method-heading" tabindex="-1">Notes on methodology</h2>
<ul>{method_items}</ul>
</section>
<section id="summary" aria-labelledby="summary-heading">
<h2 id="summary-heading">{summary_heading}</h2>
{crosstab}
<figure>{chart}<figcaption>Share of each sector's organisations in each status (point at a bar for its count).</figcaption></figure>
</section>
<section id="individual" aria-labelledby="individual-heading">
<h2 id="individual-heading" tabindex="-1">Map 1: individual compliance</h2>
<p>Commissioners (areas) and trusts (ringed points) by DSPT status. Use the boxes at the top right of the map to add
the ICS boundaries and the trusts. Point at an area or a trust, or move to it with the Tab key (the map's boxes come
first, then each area and trust by name), for its name and status; Escape closes the label.</p>
<p><a class="table-link" href="#individual-table-details">Map 1 as a table</a></p>
<section class="map" id="map-individual" aria-label="Map 1: {individual_count} by DSPT status"></section>
<details id="individual-table-details"><summary>Map 1 as a table</summary>{individual_table}</details>
</section>
<section id="proportions" aria-labelledby="proportions-heading">
<h2 id="proportions-heading" tabindex="-1">Map 2: trust compliance per ICS, with patient population</h2>
<p>Each ICS is shaded by {population_label}; its pie chart shows the share of its trusts in each status
(size: number of trusts).</p>
<p><a class="table-link" href="#proportions-table-details">Map 2 as a table</a></p>
<section class="map" id="map-proportions" aria-label="Map 2: {ics_count} ICSs shaded by population, each with a pie chart of its trusts' statuses"></section>
<details id="proportions-table-details"><summary>Map 2 as a table</summary>{proportions_table}</details>
</section>
<section id="composite" aria-labelledby="composite-heading">
<h2 id="composite-heading" tabindex="-1">Map 3: ICS composite score</h2>
<p>Composite = commissioner mean and trust mean combined ({weighting}); NHS England regions in blue.</p>
<p><a class="table-link" href="#composite-table-heading">Map 3 as a table</a></p>
<section class="map" id="map-composite" aria-label="Map 3: the composite score of each of the {ics_count} ICSs"></section>
<h3 id="composite-table-heading" tabindex="-1">Composite score of each ICS</h3>
{composite_table}
</section>
<section id="caveats" aria-labelledby="caveats-heading">
<h2 id="caveats-heading">Caveats</h2>
<ul>
<li>A status is the organisation's own assessment; the toolkit does not audit every submission.</li>
<li>An organisation without a status for the edition counts as Not Published, which scores like Standards Not
Met; organisations that closed before the publication deadline are left out when their close dates are known.</li>
<li>Boundaries are simplified for the web (shared borders kept): do not measure areas from this page.</li>
{notes}</ul>
</section>
</main>
<footer>
<p>{attribution}</p>
<p>Maps drawn with Leaflet (BSD 2-Clause licence), included in this folder; no data leaves this page.
Made with dspt-qgis.</p>
</footer>
<script id="dspt-data" type="application/json">{data}</script>
<script src="leaflet/leaflet.js"></script>
<script src="report.js"></script>
</body>
</html>
"""
