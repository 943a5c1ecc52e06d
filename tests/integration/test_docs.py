"""The documentation site against what the code declares: every algorithm's Help button
leads to its page in the site ``make docs`` builds; every parameter and output has its entry
there, with its type, default, options and help (read here from the provider itself, not
from the generator); the run examples give what each algorithm needs; the documented errors
are messages the code writes; the method page says what the core computes."""

from __future__ import annotations

import ast
import configparser
import re
import shlex
from pathlib import Path

import pytest
from qgis.core import QgsProcessingParameterDefinition, QgsProcessingParameterEnum

from dspt_qgis.core import published_method
from tests.integration.cases import ALGORITHMS
from tests.integration.docs_site import (
    REPO,
    code_blocks,
    entries,
    heading_text,
    metadata_version,
    words,
)

pytestmark = (
    pytest.mark.host
)  # Sphinx and its theme are the venv's; the pages read the host QGIS's algorithms

SITE_URL = "https://dspt-qgis.github.io/dspt-qgis/"
OPTIONAL = QgsProcessingParameterDefinition.FlagOptional
HIDDEN = QgsProcessingParameterDefinition.FlagHidden


def page_of(algorithm) -> str:
    """The page of the site that the algorithm's Help button opens, relative to the site."""
    url = algorithm.helpUrl()
    version_folder = f"{SITE_URL}{metadata_version()}/"
    assert url.startswith(version_folder), url
    return url[len(version_folder) :]


def required(algorithm) -> set[str]:
    """What a run must give: every required output and input, those with a default too
    (QGIS 3.22's qgis_process refuses a run that leaves one out)."""
    return {
        d.name() for d in algorithm.parameterDefinitions() if not d.flags() & (OPTIONAL | HIDDEN)
    }


def required_without_default(algorithm) -> set[str]:
    """What a run of an algorithm (not a model) must give: qgis_process fills in the
    defaults of an algorithm's own inputs."""
    return {
        d.name() for d in algorithm.parameterDefinitions() if d.defaultValue() in (None, "")
    } & required(algorithm)


def test_make_docs_builds_the_site(docs_site):
    for page in ("index", "tutorial", "method", "errors", "changelog", "algorithms/index"):
        assert (docs_site.html / f"{page}.html").is_file(), page
    assert "Documentation site:" in docs_site.output


def test_the_public_workflow_publishes_where_the_help_buttons_point():
    """Help URLs name the repository's GitHub Pages site and metadata.txt's version; the
    docs workflow builds with ``make docs`` and publishes into that version's folder."""
    from dspt_qgis.processing_algs.support.help import DOCS_URL

    metadata = configparser.ConfigParser(interpolation=None)
    metadata.read(REPO / "metadata.txt", encoding="utf-8")
    owner, name = metadata["general"]["repository"].rstrip("/").split("/")[-2:]
    assert DOCS_URL == f"https://{owner}.github.io/{name}/{{version}}/{{page}}"
    workflow = (REPO / ".github" / "workflows" / "docs.yml").read_text(encoding="utf-8")
    assert "make docs" in workflow
    assert "version=\"$(sed -n 's/^version=//p' metadata.txt)\"" in workflow
    assert 'echo "folders=$version latest"' in workflow
    assert 'echo "folders=dev"' in workflow
    assert 'cp -r build/docs/html "pages/$folder"' in workflow


def test_every_help_button_opens_the_algorithms_own_page(dspt_provider, docs_site):
    names = {algorithm.name() for algorithm in dspt_provider.algorithms()}
    assert names == {*ALGORITHMS, "dsptmethod"}
    listed = docs_site.page("algorithms/index.html")
    for algorithm in dspt_provider.algorithms():
        relative = page_of(algorithm)
        assert (docs_site.html / relative).is_file(), relative
        title = docs_site.page(relative).find("h1")
        assert heading_text(title) == algorithm.displayName()
        link = listed.find("a", href=Path(relative).name)
        assert link is not None
        assert words(link.get_text()) == algorithm.displayName()


@pytest.mark.parametrize("copy", ["https://intranet.example.nhs.uk/dspt/", "file:///S:/GIS/dspt"])
def test_a_setting_points_every_help_button_at_a_copy_of_the_site(dspt_provider, copy):
    """IT sets ``help_base_url`` under ``[dspt_qgis]`` (qgis_global_settings.ini) to a copy
    of the site on the intranet or a shared drive; every Help button then opens its page
    there, and the public site again once it is removed."""
    from qgis.core import QgsSettings

    public = {a.name(): a.helpUrl() for a in dspt_provider.algorithms()}
    QgsSettings().setValue("dspt_qgis/help_base_url", copy)
    try:
        moved = {a.name(): a.helpUrl() for a in dspt_provider.algorithms()}
    finally:
        QgsSettings().remove("dspt_qgis/help_base_url")
    assert moved == {name: f"{copy.rstrip('/')}/algorithms/{name}.html" for name in public}
    assert {a.name(): a.helpUrl() for a in dspt_provider.algorithms()} == public
    assert all(url.startswith(SITE_URL) for url in public.values())


def _expected_default(definition) -> str | None:
    default = definition.defaultValue()
    if default in (None, ""):
        return None
    if isinstance(definition, QgsProcessingParameterEnum):
        return definition.options()[default]
    return f"{default:g}" if isinstance(default, float) else str(default)


def _check_entry(algorithm, definition, text: str) -> None:
    """One parameter's entry: its label, help, whether it is required, default, options,
    and for a field the input it belongs to."""
    where = f"{algorithm.id()} {definition.name()}"
    assert definition.description() in text, where
    assert words(definition.help()) in text, where
    assert ("optional" if definition.flags() & OPTIONAL else "required") in text, where
    default = _expected_default(definition)
    if default is not None:
        assert f"Default: {default}" in text, where
    if isinstance(definition, QgsProcessingParameterEnum):
        for option in definition.options():
            assert option in text, where
    if definition.type() == "field":
        parent = algorithm.parameterDefinition(definition.parentLayerParameterName())
        assert f"of {parent.description()}" in text, where


def test_every_parameter_and_output_has_its_entry(dspt_provider, docs_site):
    for algorithm in dspt_provider.algorithms():
        page = docs_site.page(page_of(algorithm))
        inputs, outputs, former = (entries(page, s) for s in ("Inputs", "Outputs", "Former keys"))
        definitions = algorithm.parameterDefinitions()
        shown = {d.name() for d in definitions if not d.isDestination() and not d.flags() & HIDDEN}
        assert set(inputs) == shown, algorithm.id()
        assert set(former) == {d.name() for d in definitions if d.flags() & HIDDEN}
        assert set(outputs) == {o.name() for o in algorithm.outputDefinitions()}, algorithm.id()
        for definition in definitions:
            key = definition.name()
            table = outputs if definition.isDestination() else former if key in former else inputs
            _check_entry(algorithm, definition, table[key])


def _shell_arguments(command: str, algorithm_id: str) -> list[str]:
    """The arguments a ``qgis_process run`` command gives (its continuation lines joined)."""
    tokens = shlex.split(command.replace("\\\n", " "))
    assert tokens[:4] == ["qgis_process", "run", algorithm_id, "--"], tokens[:4]
    return tokens[4:]


def _shell_keys(command: str, algorithm_id: str) -> set[str]:
    """The keys a ``qgis_process run`` command gives."""
    return {token.split("=", 1)[0] for token in _shell_arguments(command, algorithm_id)}


def _cmd_arguments(line: str) -> list[str]:
    """A Command Prompt line split as cmd.exe and the C runtime read it: spaces split
    outside double quotes, ``""`` inside them is one quote; a character cmd acts on
    (``|&<>^``) outside quotes fails the test."""
    arguments, word, quoted, index = [], "", False, 0
    while index < len(line):
        char = line[index]
        if char == '"' and quoted and line[index + 1 : index + 2] == '"':
            word, index = word + '"', index + 2
            continue
        if char == '"':
            quoted = not quoted
        elif char == " " and not quoted:
            arguments, word = (arguments + [word]) if word else arguments, ""
        else:
            assert quoted or char not in "|&<>^", line
            word += char
        index += 1
    assert not quoted, line
    return arguments + [word] if word else arguments


def _python_run(code: str) -> tuple[str, dict]:
    """The algorithm id and parameters of the ``processing.run`` call in a Python example."""
    calls = [
        node
        for node in ast.walk(ast.parse(code))
        if isinstance(node, ast.Call) and getattr(node.func, "attr", "") == "run"
    ]
    assert len(calls) == 1
    return ast.literal_eval(calls[0].args[0]), ast.literal_eval(calls[0].args[1])


def test_run_examples_give_what_each_algorithm_needs(dspt_provider, docs_site):
    for algorithm in dspt_provider.algorithms():
        page = docs_site.page(page_of(algorithm))
        names = {d.name() for d in algorithm.parameterDefinitions()}
        (shell,) = code_blocks(page, "sh")
        assert required(algorithm) <= _shell_keys(shell, algorithm.id()) <= names
        (windows,) = code_blocks(page, "bat")
        assert "\n" not in windows.strip()
        words = _cmd_arguments(windows.strip())
        assert words[:4] == ["qgis_process-qgis-ltr.bat", "run", algorithm.id(), "--"]
        assert words[4:] == _shell_arguments(shell, algorithm.id())
        (python,) = code_blocks(page, "python")
        algorithm_id, parameters = _python_run(python)
        assert algorithm_id == algorithm.id()
        assert required(algorithm) <= set(parameters) <= names


def test_example_values_name_parameters_that_exist(dspt_provider):
    from scripts.docs_pages import EXAMPLES

    keys = {
        (a.name(), d.name()) for a in dspt_provider.algorithms() for d in a.parameterDefinitions()
    }
    for entry in EXAMPLES:
        name, _, key = entry.rpartition(":")
        assert (name, key) in keys if name else key in {k for _, k in keys}, entry


def test_tutorial_commands_are_complete_runs_of_real_algorithms(dspt_provider, docs_site):
    commands = code_blocks(docs_site.page("tutorial.html"), "sh")
    assert len(commands) >= 7
    for command in commands:
        algorithm = dspt_provider.algorithm(command.split()[2].split(":")[1])
        assert algorithm is not None, command
        keys = _shell_keys(command, algorithm.id())
        names = {d.name() for d in algorithm.parameterDefinitions()}
        assert not algorithm.id().endswith("dsptmethod"), command
        assert required_without_default(algorithm) - {"UNMATCHED", "REPORT"} <= keys <= names, (
            command
        )


def _code_strings() -> list[str]:
    """Every string the plugin's code holds, each value it fills in written ``…``."""
    found = []
    for folder in ("core", "processing_algs", "presentation"):
        for path in sorted((REPO / folder).rglob("*.py")):
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                if isinstance(node, ast.Constant) and isinstance(node.value, str):
                    found.append(re.sub(r"\{[^{}]*\}", "…", node.value))
                elif isinstance(node, ast.JoinedStr):
                    found.append(
                        "".join(
                            v.value if isinstance(v, ast.Constant) else "…" for v in node.values
                        )
                    )
    return found


def test_documented_errors_are_messages_the_code_writes(dspt_provider):
    from scripts.docs_errors import COMMON, load_errors

    errors = load_errors()
    assert set(errors) == {a.name() for a in dspt_provider.algorithms()} | {COMMON}
    strings = _code_strings()
    for name, documented in errors.items():
        assert documented, name
        for error in documented:
            assert any(error.message in s for s in strings), f"{name}: {error.message}"
            assert error.do.strip(), f"{name}: {error.message}"


def test_each_algorithm_page_lists_its_errors_and_what_to_do(dspt_provider, docs_site):
    from scripts.docs_errors import load_errors

    errors = load_errors()
    for algorithm in dspt_provider.algorithms():
        page = docs_site.page(page_of(algorithm))
        listed = [words(term.get_text()) for term in page.select("dl dt")]
        assert listed == [f"“{words(e.message)}”" for e in errors[algorithm.name()]]


def test_method_page_says_what_the_core_computes(docs_site):
    text = words(docs_site.page("method.html").get_text())
    assert published_method.method_summary() in text
    for status, score in published_method.PUBLISHED_SCORES.items():
        assert f"{status} {score:g}" in text
    for tier, weight in published_method.DEFAULT_TIER_WEIGHTS.items():
        assert f"{tier} {weight:g}" in text
    assert "Sources" in text


def test_changelog_page_holds_every_release(docs_site):
    changelog = (REPO / "CHANGELOG.md").read_text(encoding="utf-8")
    releases = re.findall(r"^## (.+)$", changelog, flags=re.MULTILINE)
    page = docs_site.page("changelog.html")
    assert [heading_text(h) for h in page.select("article h2")] == releases
    assert len(page.select("article li")) == changelog.count("\n- ")
