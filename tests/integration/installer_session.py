"""Run inside QGIS desktop (``qgis --code``), started by tests/integration/plugin_installer.py:
QGIS's own plugin installer (``pyplugin_installer``) against an organisation's repository,
driven as the Plugin Manager drives it when a user opens it and clicks Install or Upgrade.

Stage ``install`` (a fresh profile, the repository set by a global settings file): the
repositories the installer read, a fetch, the listing, the install, the provider's
algorithms; then choices a user makes about the plugin's tools (a recent algorithm, a
favourite where QGIS has favourites). Stage ``upgrade`` (the same profile, a newer build
published in the same folder): the plugin as QGIS started it, the fetch, the upgrade offered
and installed, the provider again, and every setting before and after the upgrade.

What it sees goes to $DSPT_INSTALLER_OUT (JSON) after every step, so a run that stops says
where. A dialog the installer opens (an error, a question) is recorded and closed, as nobody
is there to answer it. Then QGIS quits.
"""

from __future__ import annotations

import configparser
import hashlib
import json
import os
import sys
import traceback
from typing import TYPE_CHECKING

from qgis import utils
from qgis.core import QgsApplication, QgsNetworkAccessManager, QgsSettings
from qgis.gui import QgsGui
from qgis.PyQt.QtCore import QTimer, QUrl
from qgis.PyQt.QtNetwork import QNetworkRequest
from qgis.PyQt.QtWidgets import QApplication, QDialog

if TYPE_CHECKING:
    from pyplugin_installer.installer import QgsPluginInstaller

KEY = "dspt_qgis"
ALGORITHM = "dspt:icscomposite"
#: Set on the running plugin before the upgrade: a plugin started afresh does not carry it.
MARK = "_dspt_before_upgrade"
#: The installer's own progress dialogs, which close themselves.
PROGRESS_DIALOGS = ("QgsPluginInstallerFetchingDialog", "QgsPluginInstallerInstallingDialog")
#: What the installer knows of the plugin.
FIELDS = (
    "name",
    "status",
    "version_available",
    "version_installed",
    "download_url",
    "changelog",
    "icon",
    "experimental",
    "zip_repository",
    "error",
)
seen = {"stage": os.environ["DSPT_INSTALLER_STAGE"], "steps": [], "dialogs": []}


def record(step: str, **values: object) -> None:
    """Keep what a step saw, on disk at once."""
    seen.update(values)
    seen["steps"].append(step)
    with open(os.environ["DSPT_INSTALLER_OUT"], "w", encoding="utf-8") as handle:
        json.dump(seen, handle, indent=1, default=repr)


def close_dialogs() -> None:
    """Record and close any dialog but the installer's progress ones."""
    for widget in QApplication.topLevelWidgets():
        name = type(widget).__name__
        if isinstance(widget, QDialog) and widget.isVisible() and name not in PROGRESS_DIALOGS:
            text = widget.text() if hasattr(widget, "text") else ""
            seen["dialogs"].append({"class": name, "title": widget.windowTitle(), "text": text})
            widget.reject()


def listing() -> dict:
    """The repositories and the plugin as the installer lists them."""
    from pyplugin_installer.installer_data import plugins, repositories

    plugin = plugins.all().get(KEY)
    return {
        "repositories": {
            name: {key: repository[key] for key in ("url", "enabled", "state", "error")}
            for name, repository in repositories.all().items()
        },
        "plugin": None if plugin is None else {field: plugin[field] for field in FIELDS},
    }


def plugin_state() -> dict:
    """The plugin as QGIS runs it: loaded from where, enabled, its provider's algorithms."""
    provider = QgsApplication.processingRegistry().providerById("dspt")
    module = sys.modules.get(KEY)
    return {
        "algorithms": sorted(a.id() for a in provider.algorithms()) if provider else [],
        "loaded": KEY in utils.active_plugins,
        "enabled": QgsSettings().value("PythonPlugins/" + KEY, False, type=bool),
        "version": utils.pluginMetadata(KEY, "version"),
        "module": getattr(module, "__file__", None),
        "started_since_marked": not getattr(utils.plugins.get(KEY), MARK, False),
    }


def fetched(url: str) -> dict:
    """An address as QGIS's network stack fetches it: HTTP status and the bytes' SHA-256."""
    reply = QgsNetworkAccessManager.instance().blockingGet(QNetworkRequest(QUrl(url)))
    status = reply.attribute(QNetworkRequest.Attribute.HttpStatusCodeAttribute)
    return {"status": status, "sha256": hashlib.sha256(bytes(reply.content())).hexdigest()}


def user_choices() -> dict:
    """Choices a user makes about the plugin's tools, kept by QGIS in the user's settings."""
    favourites = getattr(QgsGui, "processingFavoriteAlgorithmManager", None)  # QGIS 3.40 on
    return {
        "recent": QgsGui.processingRecentAlgorithmLog().recentAlgorithmIds(),
        "favourites": favourites().favoriteAlgorithmIds() if favourites else None,
    }


def settings_now() -> dict[str, str]:
    """The user's settings as QGIS keeps them on disk (the profile's QGIS3.ini), key by key."""
    settings = QgsSettings()
    settings.sync()
    parser = configparser.ConfigParser(interpolation=None, strict=False)
    parser.optionxform = str  # keys keep their case
    parser.read(settings.fileName(), encoding="utf-8")
    return {
        f"{name}/{key}": value for name in parser.sections() for key, value in parser[name].items()
    }


def install(installer: QgsPluginInstaller) -> None:
    """A user's first install: the repositories as the settings file gives them, the listing
    after a fetch (the icon fetched as QGIS fetches it), the install; then choices about the
    plugin's tools, which the upgrade must keep."""
    record("configured", configured=listing()["repositories"])
    installer.fetchAvailablePlugins(True)
    listed = listing()
    icon = (listed["plugin"] or {}).get("icon") or ""
    record("listed", listed=listed, icon=fetched(icon) if icon else None)
    installer.installPlugin(KEY, quiet=True)
    record("installed", installed=listing(), state=plugin_state())
    QgsGui.processingRecentAlgorithmLog().push(ALGORITHM)
    if hasattr(QgsGui, "processingFavoriteAlgorithmManager"):
        QgsGui.processingFavoriteAlgorithmManager().add(ALGORITHM)
    record("chosen", choices=user_choices())


def upgrade(installer: QgsPluginInstaller) -> None:
    """The next session, a newer build published: the plugin as QGIS started it, the upgrade
    offered and installed over it, and the user's settings file before and after."""
    record("started", at_start=plugin_state(), choices_at_start=user_choices())
    installer.fetchAvailablePlugins(True)
    record("offered", offered=listing())
    before = settings_now()
    setattr(utils.plugins[KEY], MARK, True)
    installer.installPlugin(KEY, quiet=True)
    record(
        "upgraded",
        upgraded=listing(),
        state=plugin_state(),
        choices=user_choices(),
        settings_before=before,
        settings_after=settings_now(),
    )


def without_the_checkout() -> list[str]:
    """Take the checkout's editable install out of this QGIS's imports. The QGIS roots have
    it in QGIS's own Python for the other tests; no desktop has, and its finder would answer
    ``import dspt_qgis`` for a plugin installed into a folder that did not exist when QGIS
    started (QGIS's ``loadPlugin`` retries after clearing the import caches, which then finds
    the installed plugin, but only when the first try fails)."""
    editable = [f for f in sys.meta_path if getattr(f, "__module__", "").startswith("__editable__")]
    for finder in editable:
        sys.meta_path.remove(finder)
    return [finder.__module__ for finder in editable]


def run() -> None:
    from pyplugin_installer import instance

    seen["editable_finders_removed"] = without_the_checkout()
    try:
        {"install": install, "upgrade": upgrade}[seen["stage"]](instance())
        record("done")
    except Exception:  # any failure is the finding: said in the output, QGIS still quits
        record("failed", error=traceback.format_exc())
    finally:
        watchdog.stop()
        QgsSettings().sync()
        QApplication.instance().exit(0)


watchdog = QTimer()
watchdog.timeout.connect(close_dialogs)
watchdog.start(500)
QTimer.singleShot(1000, run)
