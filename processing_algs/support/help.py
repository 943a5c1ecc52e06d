"""Where each algorithm's Help button leads: its page of the documentation site, published
per plugin version (``.github/workflows/docs.yml`` publishes what ``make docs`` builds), or
of a copy of it that IT names in a QGIS setting (NHS desktops often cannot reach the
internet).

Kept free of pandas, and of QGIS until a URL is asked for: the provider imports it when
QGIS starts, the plugin shell when its Help menu item is chosen.
"""

from __future__ import annotations

import configparser
import functools
import importlib.util
import os

#: The documentation site: one folder per plugin version, the same pages as ``make docs``.
DOCS_URL = "https://dspt-qgis.github.io/dspt-qgis/{version}/{page}"
#: The QGIS setting naming the folder of a copy of this version's site (``help_base_url``
#: under ``[dspt_qgis]`` in ``qgis_global_settings.ini``); empty or unset: the public site.
HELP_BASE_SETTING = "dspt_qgis/help_base_url"
#: The folder of the newest release, for a package that does not know its version (one
#: installed with pip rather than as a plugin: it has no metadata.txt).
LATEST = "latest"


def package_folder() -> str:
    """The folder of the package ``dspt_qgis`` itself (already imported: this module is part
    of it, so its spec is looked up, not loaded). Not importlib.resources, which would add
    its own imports to every QGIS start-up with the plugin enabled."""
    spec = importlib.util.find_spec("dspt_qgis")
    return os.path.dirname(spec.origin) if spec is not None and spec.origin else ""


@functools.lru_cache(maxsize=1)
def plugin_version() -> str:
    """The version in metadata.txt: inside the plugin's folder once installed from the zip,
    beside it in the project's checkout; :data:`LATEST` when there is none."""
    folder = package_folder()
    for path in (
        os.path.join(folder, "metadata.txt"),
        os.path.join(os.path.dirname(folder), "metadata.txt"),
    ):
        metadata = configparser.ConfigParser(interpolation=None)
        if metadata.read(path, encoding="utf-8") and metadata.has_option("general", "version"):
            return metadata.get("general", "version").strip()
    return LATEST


def docs_url(page: str = "") -> str:
    """A page of this version's documentation site (``""``: its start page): in the copy
    the setting :data:`HELP_BASE_SETTING` names, else on the public site. Read at each
    call, so a changed setting takes effect without restarting QGIS."""
    from qgis.core import QgsSettings

    copy = str(QgsSettings().value(HELP_BASE_SETTING, "") or "").strip()
    if copy:
        return f"{copy.rstrip('/')}/{page}"
    return DOCS_URL.format(version=plugin_version(), page=page)


def algorithm_help_url(name: str) -> str:
    """The page of the algorithm (or model) called ``name`` in the provider ``dspt``."""
    return docs_url(f"algorithms/{name}.html")
