"""Every text an analyst reads in a dialog can be translated.

The .ts skeleton is what a translator works from: it must hold every string the code
marks, and every parameter's label and help must be one of them (or a marked template,
such as "{}: status field", filled in with marked words). A label built with an f-string
would reach the dialog but never the translator.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from tests.prerequisites import unavailable

pytestmark = pytest.mark.host  # the host's own tools, whatever the QGIS version

REPO = Path(__file__).resolve().parents[2]
TS_FILE = REPO / "dspt_qgis" / "i18n" / "dspt_qgis_en.ts"


def _messages(ts_file: Path) -> set[tuple[str, str]]:
    """(context, source) of every message in a .ts file."""
    root = ET.parse(ts_file).getroot()
    return {
        (context.findtext("name"), message.findtext("source"))
        for context in root.iter("context")
        for message in context.iter("message")
    }


@pytest.fixture(scope="module")
def messages() -> set[tuple[str, str]]:
    return _messages(TS_FILE)


def test_the_translation_file_holds_every_marked_string(tmp_path):
    """`make translations` has been run after the last change to a marked string."""
    if shutil.which("pylupdate6") is None:
        unavailable("pylupdate6 not installed (Debian: pyqt6-dev-tools; run `make setup`)")
    fresh = tmp_path / "fresh.ts"
    subprocess.run(
        ["pylupdate6", "--no-summary", "dspt_qgis", "processing_algs", "--ts", str(fresh)],
        cwd=REPO,
        check=True,
    )
    assert _messages(fresh) == _messages(TS_FILE), "run `make translations`"


PLACEHOLDER = re.compile(r"\{[a-z_]*\}")


def _translatable(text: str, sources: set[str]) -> bool:
    """``text`` is a marked string, or a marked template filled in: a ``{}`` with a marked
    word or a number, a named ``{scores}`` with data (status names, field names)."""
    if text in sources:
        return True
    for template in (s for s in sources if PLACEHOLDER.search(s)):
        parts = PLACEHOLDER.split(template)
        pattern = "^" + "(.+?)".join(re.escape(part) for part in parts) + "$"
        found = re.match(pattern, text, flags=re.S)
        if found is None:
            continue
        words = [
            filled
            for placeholder, filled in zip(PLACEHOLDER.findall(template), found.groups())
            if placeholder == "{}" and re.search("[A-Za-z]", filled)
        ]
        if all(_translatable(word, sources) for word in words):
            return True
    return False


def test_every_name_label_and_help_is_translatable(dspt_provider, messages):
    """In the context the code translates it in: the shared parameters' or the algorithm's."""
    untranslatable = []
    for algorithm in dspt_provider.algorithms():
        if algorithm.id() == "dspt:dsptmethod":  # the model's texts are the model file's
            continue
        contexts = {"DsptParameters", type(algorithm).__name__}
        sources = {source for context, source in messages if context in contexts}
        untranslatable += [
            f"{algorithm.id()} {parameter.name()}: {text!r}"
            for parameter in algorithm.parameterDefinitions()
            for text in (parameter.description(), parameter.help())
            if text and not _translatable(text, sources)
        ]
        own = {source for context, source in messages if context == type(algorithm).__name__}
        untranslatable += [
            f"{algorithm.id()}: {text[:80]!r}"
            for text in (algorithm.displayName(), algorithm.shortHelpString())
            if not _translatable(text, own)
        ]
    assert untranslatable == [], "\n".join(untranslatable)
