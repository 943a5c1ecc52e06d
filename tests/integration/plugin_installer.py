"""An organisation's repository served on 127.0.0.1, and QGIS desktop (Xvfb) installing the
plugin from it with its own installer, for tests/integration/test_repository.py.

The repository folder is written by ``make repository``'s own code, which needs qgis-plugin-ci,
a host tool: :func:`publish_two_builds` writes it as it is after one build (``first``) and
after a newer build is published into the same folder (``second``), for a server at a free
port on 127.0.0.1, the address ``plugins.xml`` gives. In a QGIS root, scripts/test_in_root.sh
calls it before entering the root and names the folder in ``$DSPT_REPOSITORY_BUILDS``.

:func:`installer_sessions` serves ``first`` with ``python3 -m http.server``, starts QGIS on
an Xvfb display with a fresh profile and the repository set by a global settings file, as an
IT team sets it (tests/integration/installer_session.py drives the installer: stage
``install``), publishes ``second`` into the served folder and starts QGIS again on the same
profile (stage ``upgrade``). This module imports no QGIS.
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import os
import random
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from urllib.parse import urlsplit
from xml.dom import minidom

HERE = Path(__file__).resolve().parent
#: A session takes 5-15 s; one stuck (a dialog while QGIS starts) is stopped after this.
SESSION_TIMEOUT = 120
#: The repository's name in QGIS, as the README's global settings file names it.
REPOSITORY_NAME = "NHS plugins"
#: The README's global settings file: the organisation's repository, and the public one
#: switched off (staff cannot reach it; QGIS would report it unreachable on every fetch).
GLOBAL_SETTINGS = """[app]
plugin_repositories\\NHS%20plugins\\url={url}plugins.xml
plugin_repositories\\NHS%20plugins\\enabled=true
plugin_repositories\\QGIS%20Official%20Plugin%20Repository\\url=https://plugins.qgis.org/plugins/plugins.xml
plugin_repositories\\QGIS%20Official%20Plugin%20Repository\\enabled=false
"""


def once(folder: Path, make: Callable[[Path], object]) -> Path:
    """``make(folder)`` once for the whole test run, whichever xdist worker asks first, the
    others waiting for it (in a QGIS root every worker would serve at the builds' one port)."""
    folder.parent.mkdir(parents=True, exist_ok=True)
    with open(folder.with_name(folder.name + ".lock"), "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not (folder / ".made").exists():
            shutil.rmtree(folder, ignore_errors=True)
            folder.mkdir()
            make(folder)
            (folder / ".made").touch()
    return folder


def free_port() -> int:
    """A port free now on 127.0.0.1, below Linux's ephemeral ports (32768 on), so that no
    outgoing connection takes it before the server binds it (minutes later in a QGIS root)."""
    for port in random.sample(range(20000, 32000), 50):
        with socket.socket() as probe:
            try:
                probe.bind(("127.0.0.1", port))
            except OSError:
                continue
            return port
    raise RuntimeError("no free port on 127.0.0.1 between 20000 and 32000")


def next_version(version: str) -> str:
    """A newer version than ``version``: its last number plus one (0.2.0 -> 0.2.1)."""
    *head, last = version.split(".")
    return ".".join([*head, str(int(last) + 1)])


def publish_two_builds(work: Path) -> Path:
    """``work/first``: the folder after ``make repository``; ``work/second``: the same folder
    after a newer build is published into it. Both from the working tree (the code under test)."""
    from scripts.package_plugin import metadata_version
    from scripts.plugin_repository import repository

    url = f"http://127.0.0.1:{free_port()}/"
    repository(work / "first", url, committed=False)
    shutil.copytree(work / "first", work / "second")
    repository(work / "second", url, next_version(metadata_version()), committed=False)
    return work


def served_address(folder: Path) -> str:
    """The address a repository folder was written for, from its ``plugins.xml``."""
    document = minidom.parse(str(folder / "plugins.xml"))
    download = document.getElementsByTagName("download_url")[0].firstChild.data
    return download.rsplit("/", 1)[0] + "/"


@contextlib.contextmanager
def http_server(folder: Path, port: int) -> Iterator[None]:
    """``python3 -m http.server`` on 127.0.0.1:``port`` serving ``folder``, until the block ends."""
    server = subprocess.Popen(
        [sys.executable, "-m", "http.server", str(port), "--bind", "127.0.0.1"],
        cwd=folder,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    try:
        _wait_for_port(port, server)
        yield
    finally:
        server.terminate()
        server.wait(timeout=10)
        server.stderr.close()


def _wait_for_port(port: int, server: subprocess.Popen) -> None:
    for _ in range(100):
        if server.poll() is not None:
            raise RuntimeError(
                f"the repository server stopped (port {port} taken?): {server.stderr.read()!r}"
            )
        with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), 1):
            return
        time.sleep(0.1)
    raise RuntimeError(f"the repository server did not answer on 127.0.0.1:{port}")


@contextlib.contextmanager
def xvfb() -> Iterator[str]:
    """An Xvfb display for QGIS desktop; Xvfb picks a free display number itself."""
    read, write = os.pipe()
    server = subprocess.Popen(
        ["Xvfb", "-displayfd", str(write), "-screen", "0", "1280x900x24", "-nolisten", "tcp"],
        pass_fds=(write,),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    os.close(write)
    try:
        with os.fdopen(read) as answer:
            number = answer.readline().strip()
        if not number:
            raise RuntimeError("Xvfb did not start")
        yield f":{number}"
    finally:
        server.terminate()
        server.wait(timeout=10)


def qgis_session(display: str, profile: Path, settings: Path, stage: str, work: Path) -> dict:
    """QGIS desktop on ``display`` with ``profile``, the installer driven through ``stage``;
    what the driver saw (steps, listings, plugin state), and QGIS's output when it stopped short."""
    out, log = work / f"{stage}.json", work / f"{stage}.log"
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in ("PYTHONPATH", "QT_QPA_PLATFORM", "QGIS_CUSTOM_CONFIG_PATH")
    }
    env.update(
        DISPLAY=display,
        QGIS_GLOBAL_SETTINGS_FILE=str(settings),
        DSPT_INSTALLER_STAGE=stage,
        DSPT_INSTALLER_OUT=str(out),
    )
    command = ["qgis", "--profiles-path", str(profile), "--nologo", "--noversioncheck"]
    ended = f"QGIS quit before the {stage} stage ended"
    with open(log, "wb") as output:
        try:
            subprocess.run(
                [*command, "--code", str(HERE / "installer_session.py")],
                env=env,
                stdout=output,
                stderr=subprocess.STDOUT,
                timeout=SESSION_TIMEOUT,
            )
        except subprocess.TimeoutExpired:  # e.g. a dialog at start-up, before the driver runs
            ended = f"QGIS was stopped after {SESSION_TIMEOUT} s"
    seen = json.loads(out.read_text(encoding="utf-8")) if out.exists() else {"steps": []}
    if "done" not in seen["steps"]:
        seen["log"] = ended + ":\n" + log.read_text(encoding="utf-8", errors="replace")[-4000:]
    return seen


def installer_sessions(builds: Path, work: Path) -> dict:
    """Serve ``builds/first``; install from it; publish ``builds/second`` into the same folder;
    upgrade from it. Returns each stage's findings and the profile's plugin folder."""
    served, profile = work / "served", work / "profile"
    shutil.copytree(builds / "first", served)
    url = served_address(served)
    settings = work / "qgis_global_settings.ini"
    settings.write_text(GLOBAL_SETTINGS.format(url=url), encoding="utf-8")
    with xvfb() as display, http_server(served, urlsplit(url).port):
        install = qgis_session(display, profile, settings, "install", work)
        shutil.copytree(builds / "second", served, dirs_exist_ok=True)  # the IT team publishes
        upgrade = qgis_session(display, profile, settings, "upgrade", work)
    plugins = profile / "profiles" / "default" / "python" / "plugins"
    found = {"install": install, "upgrade": upgrade, "plugins": str(plugins), "url": url}
    (work / "sessions.json").write_text(json.dumps(found), encoding="utf-8")
    return found
