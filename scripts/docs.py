"""``make docs``: the documentation site, a static folder that opens offline from disk and
publishes as it is (``.github/workflows/docs.yml``).

    python -m scripts.docs --out build/docs     # the site: build/docs/html/index.html

The pages are assembled in ``<out>/source`` and built there by Sphinx (MyST Markdown, the
Furo theme; settings in ``docs/conf.py``) into ``<out>/html``:

- written by hand in ``docs/``: the start page, the tutorial (its screenshots in
  ``docs/images``, made by ``make screenshots``) and the method (its numbers and sentences
  filled in from ``core/published_method.py``);
- generated: one page per algorithm of the ``dspt`` provider and the shipped model, from
  what each declares in a headless QGIS (:mod:`scripts.docs_declarations`), with its errors
  from ``docs/errors.toml``; the errors every tool shares; the changelog from CHANGELOG.md.

Sphinx runs with warnings as errors, so a broken reference or a missing image stops it.
"""

from __future__ import annotations

import argparse
import importlib.metadata
import shutil
import sys
import warnings
from pathlib import Path

from scripts import headless
from scripts.docs_declarations import read_provider
from scripts.docs_errors import COMMON, ErrorDoc, load_errors
from scripts.docs_pages import algorithm_page, algorithms_index, error_items

REPO = Path(__file__).resolve().parents[1]
DOCS = REPO / "docs"
#: The pages written by hand, copied as they are.
HAND_WRITTEN = ("index.md", "tutorial.md", "method.md")
#: The packages whose files the built site carries (its scripts, styles, search and code
#: colours): their licences go with it, into ``licences/``.
SITE_PACKAGES = ("sphinx", "furo", "sphinx-basic-ng", "pygments", "accessible-pygments")


def assemble(source: Path) -> None:
    """Every page of the site, as Markdown, in ``source`` (emptied first)."""
    shutil.rmtree(source, ignore_errors=True)
    source.mkdir(parents=True)
    for name in HAND_WRITTEN:
        shutil.copy2(DOCS / name, source / name)
    shutil.copytree(DOCS / "images", source / "images")
    errors = load_errors()
    write_algorithm_pages(source / "algorithms", errors)
    (source / "errors.md").write_text(common_errors_page(errors[COMMON]), encoding="utf-8")
    (source / "changelog.md").write_text(changelog_page(), encoding="utf-8")
    copy_licences(source / "licences")


def write_algorithm_pages(folder: Path, errors: dict[str, list[ErrorDoc]]) -> None:
    """One page per algorithm, read from the provider registered in a headless QGIS (closed
    again before anything is written), and the list of them."""
    session = headless.start()
    try:
        docs = read_provider(session.provider)
    finally:
        session.stop()
    folder.mkdir()
    for doc in docs:
        page = algorithm_page(doc, errors.get(doc.name, []))
        (folder / f"{doc.name}.md").write_text(page, encoding="utf-8")
    (folder / "index.md").write_text(algorithms_index(docs), encoding="utf-8")


def common_errors_page(errors: list[ErrorDoc]) -> str:
    """What any tool can say, whatever it computes: about destinations, files, layers."""
    lines = [
        "# Errors every tool can give",
        "",
        "Each message names what to look at: the file or layer, the field, the row or "
        "feature, the organisation code. A run that stops writes none of its outputs, so "
        "after fixing the cause, run it again as it was. Each tool's page lists the "
        "messages of its own.",
        "",
    ]
    return "\n".join(lines + error_items(errors))


def changelog_page() -> str:
    """CHANGELOG.md under the site's own title (its first heading replaced)."""
    text = (REPO / "CHANGELOG.md").read_text(encoding="utf-8")
    body = text.split("\n", 1)[1] if text.startswith("# ") else text
    return "# Changelog\n" + body


def build(source: Path, html: Path, doctrees: Path) -> int:
    """Sphinx's HTML build of ``source`` into ``html`` (emptied first: no page of an
    algorithm that no longer exists survives), warnings as errors."""
    from sphinx.cmd.build import build_main

    # MyST's own use of a Sphinx API due to change in Sphinx 11: theirs to follow, not ours.
    warnings.filterwarnings("ignore", module=r"myst_parser\.")
    shutil.rmtree(html, ignore_errors=True)
    shutil.rmtree(doctrees, ignore_errors=True)
    arguments = ["-b", "html", "-q", "-W", "--keep-going", "-c", str(DOCS), "-d", str(doctrees)]
    return build_main([*arguments, str(source), str(html)])


def copy_licences(folder: Path) -> None:
    """Each package's licence, as its distribution ships it, for the start page to link (the
    site carries them with the files they cover)."""
    folder.mkdir(parents=True, exist_ok=True)
    for name in SITE_PACKAGES:
        found = importlib.metadata.distribution(name)
        texts = [
            part.read_text(encoding="utf-8")
            for part in found.files or []
            if part.name.upper().startswith("LICEN") and part.parent.name != "static"
        ]
        heading = f"{name} {found.version}"
        (folder / f"{name}.txt").write_text("\n\n".join([heading, *texts]), encoding="utf-8")


def main() -> int:
    """Assemble the pages, build the site, say where it is."""
    parser = argparse.ArgumentParser(description=" ".join(__doc__.split("\n\n")[0].split()))
    parser.add_argument("--out", type=Path, default=REPO / "build" / "docs")
    args = parser.parse_args()
    out = args.out.resolve()
    assemble(out / "source")
    status = build(out / "source", out / "html", out / "doctrees")
    if status == 0:
        print(f"Documentation site: {out / 'html' / 'index.html'}")
    return status


if __name__ == "__main__":
    sys.exit(main())
