"""Sector classification: which part of the method an organisation belongs to.

DSPT exports name sectors differently by year ("CCG", "CCG / Integrated Care Board
(ICB)", "Trust", "NHS Trust", "Acute", "Commissioning Support Unit (CSU)", ...). The
method only distinguishes commissioners (CCG, sub-ICB location, ICB), trusts and CSUs;
everything else is "Other". The raw value is always kept beside the class.
"""

from __future__ import annotations

import re

import pandas as pd

from .categories import spread

COMMISSIONER = "Commissioner"
TRUST = "Trust"
CSU = "CSU"
OTHER = "Other"

#: Sector classes in the order summary tables list them.
SECTOR_CLASSES: tuple[str, ...] = (COMMISSIONER, TRUST, CSU, OTHER)

_RULES: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"commissioning support|\bcsu\b"), CSU),
    (
        re.compile(r"\bccg\b|\bicb\b|integrated care board|sub[- ]?icb|clinical commissioning"),
        COMMISSIONER,
    ),
    (re.compile(r"\btrust\b|^acute\b|^ambulance|^mental health|^community services"), TRUST),
)


def classify_sector(raw: object) -> str:
    """Return the sector class of one raw sector value ("Other" when blank or unknown)."""
    if raw is None or (isinstance(raw, float) and pd.isna(raw)):
        return OTHER
    text = " ".join(str(raw).split()).lower()
    for pattern, sector in _RULES:
        if pattern.search(text):
            return sector
    return OTHER


def classify_sector_column(values: pd.Series) -> pd.Series:
    """Classify a column of raw sector values (each distinct value classified once).

    Categorical over :data:`SECTOR_CLASSES`: four values, whatever the number of rows.
    """
    positions, unique = pd.factorize(values.to_numpy(dtype=object), use_na_sentinel=True)
    return spread(
        [classify_sector(raw) for raw in unique],
        positions,
        SECTOR_CLASSES,
        values.index,
        blank=OTHER,
    )
