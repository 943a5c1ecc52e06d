"""The documentation site as ``make docs`` builds it, built once for the whole test session
(whichever test or xdist worker asks first; the others wait and read it), and read back
as HTML: pages, their sections and entries, their code blocks and links."""

from __future__ import annotations

import configparser
import os
import re
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from filelock import FileLock

if TYPE_CHECKING:  # bs4 is the venv's: the QGIS roots collect these modules, never run them
    from bs4 import BeautifulSoup, Tag

REPO = Path(__file__).resolve().parents[2]

#: ``python -m scripts.docs`` with a deprecated call in the plugin's or the scripts' own code
#: an error, as in the tests (qgis.utils first: importing it resets the warning filters).
DOCS_WITHOUT_DEPRECATIONS = """
import runpy, warnings
import qgis.utils
for category in (DeprecationWarning, PendingDeprecationWarning, FutureWarning):
    warnings.filterwarnings("error", category=category, module=r"(dspt_qgis|scripts)(\\..*)?$")
runpy.run_module("scripts.docs", run_name="__main__", alter_sys=True)
"""


@dataclass(frozen=True)
class Site:
    """A built site: its HTML folder, and what the build printed."""

    html: Path
    output: str
    returncode: int

    def page(self, relative: str) -> BeautifulSoup:
        """A page of the site, parsed."""
        from bs4 import BeautifulSoup

        return BeautifulSoup((self.html / relative).read_text(encoding="utf-8"), "html.parser")

    def pages(self) -> list[Path]:
        """Every HTML page of the site."""
        return sorted(self.html.rglob("*.html"))


def shared_site(cache: Path) -> Site:
    """The session's build of the site into ``cache``, made now if no test made it yet."""
    out = cache / "docs"
    cache.mkdir(parents=True, exist_ok=True)
    with FileLock(str(cache / "docs.lock")):
        record = out / "build.log"
        if not record.exists():
            done = subprocess.run(
                [sys.executable, "-c", DOCS_WITHOUT_DEPRECATIONS, "--out", str(out)],
                cwd=REPO,
                capture_output=True,
                text=True,
                timeout=300,
                env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
            )
            out.mkdir(parents=True, exist_ok=True)
            record.write_text(f"{done.returncode}\n{done.stdout}{done.stderr}", encoding="utf-8")
    code, output = record.read_text(encoding="utf-8").split("\n", 1)
    return Site(out / "html", output, int(code))


def metadata_version() -> str:
    """metadata.txt's version, read here independently of the plugin's own reader."""
    metadata = configparser.ConfigParser(interpolation=None)
    metadata.read(REPO / "metadata.txt", encoding="utf-8")
    return metadata["general"]["version"]


def words(text: str) -> str:
    """Text with its white space made single spaces (HTML wraps lines anywhere)."""
    return re.sub(r"\s+", " ", text).strip()


def heading_text(heading: Tag) -> str:
    """A heading's text without its permalink sign."""
    return words(heading.get_text().replace("¶", ""))


def entries(page: BeautifulSoup, section: str) -> dict[str, str]:
    """The entries under a section (``<h2>``) of a page: the key shown in each ``<h3>``'s
    code -> the whole entry's text."""
    found: dict[str, str] = {}
    for h2 in page.find_all("h2"):
        if heading_text(h2) != section:
            continue
        for h3 in h2.parent.find_all("h3"):
            code = h3.find("code")
            if code is not None:
                found[words(code.get_text())] = words(h3.parent.get_text())
    return found


def code_blocks(page: BeautifulSoup, language: str) -> list[str]:
    """The text of every code block of ``language`` (``sh``, ``python``) on a page."""
    return [block.get_text() for block in page.select(f"div.highlight-{language} pre")]
