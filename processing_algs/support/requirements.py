"""What the plugin needs from the Python QGIS runs, checked without importing it.

pandas is the one library the method needs that QGIS does not: the Windows and macOS
installers ship it, Debian's QGIS recommends it, other builds may lack it or carry an old
one. It is checked from its installed metadata (no import, so QGIS starts as fast with the
plugin as without), once per QGIS session, and a missing or old pandas is said in one
sentence with how to install it: in a message bar when the plugin loads, in the toolbox
(the algorithms cannot be run), and as the error of any run from a script or model.
"""

from __future__ import annotations

import functools
import re
from importlib import metadata

from qgis.PyQt.QtCore import QCoreApplication

#: The oldest pandas the core runs on (``factorize(use_na_sentinel=...)`` came in 1.5).
PANDAS_MINIMUM = (1, 5)


def _version(text: str) -> tuple[int, ...]:
    """(1, 5) from '1.5.3' or '2.2.0rc1': the numbers that decide "new enough"."""
    return tuple(int(number) for number in re.findall(r"\d+", text)[:2])


@functools.lru_cache(maxsize=1)
def missing_requirement() -> str:
    """'' when this Python has pandas 1.5 or newer, else what to install and how."""
    try:
        found = metadata.version("pandas")
    except metadata.PackageNotFoundError:
        problem = QCoreApplication.translate(
            "DsptRequirements",
            "DSPT compliance needs the Python library pandas, which this QGIS lacks.",
        )
    else:
        if _version(found) >= PANDAS_MINIMUM:
            return ""
        problem = QCoreApplication.translate(
            "DsptRequirements",
            "DSPT compliance needs pandas 1.5 or newer; this QGIS has pandas {}.",
        ).format(found)
    return (
        problem
        + " "
        + QCoreApplication.translate(
            "DsptRequirements",
            "Install it, then restart QGIS. Windows: the QGIS installers include it; with the "
            "OSGeo4W installer, choose Advanced install and select the package python3-pandas. "
            "Debian or Ubuntu: sudo apt install python3-pandas. macOS: the QGIS installer "
            "includes it; with another build, install pandas into the Python that QGIS runs "
            "(python3 -m pip install pandas).",
        )
    )
