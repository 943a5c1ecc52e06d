"""Sphinx settings of the documentation site (``make docs``: scripts/docs.py assembles the
pages in build/docs/source and builds them with this file).

MyST reads the Markdown; Furo draws the pages (no web font, no CDN, no external script:
the site works offline from disk and as a static site). The method page's numbers and
sentences are substitutions written here from ``core/published_method.py``, the constants
the computation uses, so the page cannot drift from the method.
"""

from __future__ import annotations

import configparser
from pathlib import Path

from dspt_qgis.core import published_method

REPO = Path(__file__).resolve().parents[1]


def _plugin_version() -> str:
    """The plugin's version in metadata.txt: the site is published per version."""
    metadata = configparser.ConfigParser()
    metadata.read(REPO / "metadata.txt", encoding="utf-8")
    return metadata["general"]["version"]


def _scores_table() -> str:
    """The published scores as a Markdown table, best status first."""
    rows = [
        f"| {status} | {score:g} |" for status, score in published_method.PUBLISHED_SCORES.items()
    ]
    return "\n".join(["| Status | Score |", "|---|---|", *rows])


def _tiers_table() -> str:
    """The default EPRR tier weights as a Markdown table."""
    weights = sorted(published_method.DEFAULT_TIER_WEIGHTS.items())
    rows = [f"| {tier} | {weight:g} |" for tier, weight in weights]
    return "\n".join(["| EPRR tier | Weight |", "|---|---|", *rows])


project = "DSPT compliance"
author = "dspt-qgis contributors"
copyright = "dspt-qgis contributors; GPL-2.0-or-later"  # noqa: A001 (Sphinx's setting name)
release = version = _plugin_version()
language = "en"
# Text as written: a message or a help text quoted here must read as the tool writes it.
smartquotes = False

extensions = ["myst_parser"]
myst_enable_extensions = ["deflist", "substitution"]
myst_heading_anchors = 3
share = published_method.DEFAULT_COMMISSIONER_SHARE
myst_substitutions = {
    "version": release,
    "method_summary": published_method.method_summary(),
    "scores_sentence": published_method.scores_sentence(),
    "edition_sentence": published_method.edition_sentence(),
    "composite_sentence": published_method.composite_sentence(),
    "scores_table": _scores_table(),
    "tiers_table": _tiers_table(),
    "tier_text": published_method.format_tier_weights(),
    "share": f"{share:g}",
    "trust_share": f"{1 - share:g}",
    "range": published_method.score_range(),
}

html_theme = "furo"
html_title = f"DSPT compliance {release}"
html_copy_source = False
html_show_sourcelink = False
html_last_updated_fmt = None
html_static_path = ["_static"]
html_css_files = ["dspt.css"]
