"""Synthetic registers and geographies for the benchmarks (fixed seeds, no sample data)."""

from __future__ import annotations

import numpy as np
import pandas as pd

STATUS_WEIGHTS = {
    "22/23 Standards Met": 0.55,
    "22/23 Standards Exceeded": 0.1,
    "22/23 Approaching Standards": 0.15,
    "22/23 Standards Not Met": 0.03,
    "21/22 Standards Met": 0.07,  # an older edition: not a status for 22/23
    "Not Published": 0.1,
}
SECTORS = [
    "NHS Trust",
    "CCG / Integrated Care Board (ICB)",
    "GP",
    "Social Care",
    "Pharmacy",
    "Dentist",
]


def register(rows: int, groups: int, seed: int = 20231116) -> pd.DataFrame:
    """A DSPT-like export of ``rows`` organisations spread over ``groups`` area codes.

    Columns as the portal export, plus an area code, a population and a successor code
    for one organisation in fifty (pointing at another organisation of the register).
    """
    rng = np.random.default_rng(seed)
    numbers = pd.Series(np.arange(rows))
    codes = "O" + numbers.astype(
        str
    )  # object strings built once (np.char would need 5x the memory)
    status_values = np.array(list(STATUS_WEIGHTS), dtype=object)
    sector_values = np.array(SECTORS, dtype=object)
    successor = codes.to_numpy()[rng.integers(0, rows, rows)]
    successor = np.where(
        (rng.random(rows) < 0.02) & (successor != codes.to_numpy()), successor, None
    )
    return pd.DataFrame(
        {
            "Code": codes,
            "Organisation Name": "Organisation " + numbers.astype(str),
            "Status": status_values[
                rng.choice(len(status_values), size=rows, p=list(STATUS_WEIGHTS.values()))
            ],
            "Primary Sector": sector_values[rng.integers(0, len(sector_values), rows)],
            "Area": "A" + pd.Series(rng.integers(0, groups, rows)).astype(str),
            "Population": rng.integers(1_000, 500_000, rows),
            "Successor Code": successor,
            "source_row": np.arange(2, rows + 2),  # as the file reader numbers rows
        }
    )


def grid_cells(
    count: int, extent: tuple[float, float, float, float] = (100_000, 0, 660_000, 660_000)
):
    """Square cells covering ``extent`` (British National Grid metres), about ``count`` of them."""
    side = int(np.ceil(np.sqrt(count)))
    x0, y0, x1, y1 = extent
    width, height = (x1 - x0) / side, (y1 - y0) / side
    cells = []
    for i in range(side):
        for j in range(side):
            if len(cells) == count:
                return cells, (width, height)
            cells.append((f"A{len(cells)}", x0 + i * width, y0 + j * height))
    return cells, (width, height)
