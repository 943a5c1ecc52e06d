"""The documentation site's algorithm pages, written as Markdown (MyST) from what each
algorithm declares (:mod:`scripts.docs_declarations`) and the curated errors
(:mod:`scripts.docs_errors`).

One page per algorithm: what it does (its own help), how to run it from ``qgis_process`` (in
a Linux shell and in the Windows Command Prompt) and from PyQGIS, every input with its type,
default, options and help, every output, the former keys it still reads, and the errors it
gives with what to do.
"""

from __future__ import annotations

import itertools
import json
import re
import shlex
from collections.abc import Iterable
from html import unescape

from scripts.docs_declarations import AlgorithmDoc, OutputDoc, ParameterDoc
from scripts.docs_errors import ErrorDoc

#: Example values for the run examples, by ``algorithm:KEY`` or, where a key means the
#: same in every algorithm, by ``KEY``. Only required inputs without a usable default need
#: one; a test checks every entry names a parameter that exists. ``data/…`` are files of
#: the sample data the tutorial lists (a test runs examples on it); the other files are
#: what an earlier tool wrote.
EXAMPLES: dict[str, object] = {
    "importexport:INPUT": "data/dspt/2020_21/curated_dspt_20220208.csv",
    "importexport:OUTPUT": "statuses.gpkg",
    "readods:INPUT": ["data/ods/2021_22/etr.csv", "data/ods/2022_23/ect.csv"],
    "odsmembership:INPUT": "statuses.gpkg|layername=trusts",
    "odsmembership:ODS": "ods.gpkg",
    "joinstatus:INPUT": "data/boundaries/ccg_april2020.geojson",
    "joinstatus:FIELD": "CCG20CDH",
    "joinstatus:DSPT": "statuses.gpkg",
    "locateorganisations:INPUT": "statuses.gpkg|layername=trusts",
    "summarytable:INPUT": "statuses.gpkg",
    "crosswalk:INPUT": "statuses.gpkg|layername=commissioners",
    "crosswalk:NEW_LOOKUP": "data/lookups/sicbl26_icb26_nhser26.csv",
    "crosswalk:NEW_AREA_FIELD": "SICBL26CDH",
    "crosswalk:NEW_ICS_FIELD": "ICB26CD",
    "crosswalk:WEIGHT_FIELD": "registered_patients",
    "compareeditions:BEFORE": "statuses_2020_21.gpkg",
    "compareeditions:AFTER": "statuses_2022_23.gpkg",
    "icstrend:COMPOSITES": ["composite_2020_21.gpkg", "composite_2022_23.gpkg"],
    "dsptmethod:export": "data/dspt/2020_21/curated_dspt_20220208.csv",
    "dsptmethod:commissioner_layer": "data/boundaries/ccg_april2020.geojson",
    "dsptmethod:ics_layer": "data/boundaries/stp_april2020.geojson",
    "ICS": "data/boundaries/stp_april2020.geojson",
    "ICS_FIELD": "STP20CD",
    "COMMISSIONERS": "commissioners_with_status.gpkg",
    "COMMISSIONER_ICS_FIELD": "STP20CD",
    "TRUSTS": "trust_points.gpkg",
    "COMPOSITE": "ics_composite.gpkg",
}
#: How the QGIS installers for Windows (OSGeo4W and the standalone one) name qgis_process.
WINDOWS_QGIS_PROCESS = "qgis_process-qgis-ltr.bat"
#: Where the run examples' files come from, said before them.
RUN_NOTE = (
    "The example gives every required input, with its default where it has one, and every "
    "required output. It reads the sample data of the [tutorial](../tutorial.md) from a "
    "folder `data` in the current folder, and what earlier tools wrote from the current "
    "folder, where it writes its outputs: give your own files in their place."
)
#: What cmd.exe acts on outside double quotes (and the space that splits arguments).
_CMD_SPECIAL = re.compile(r'[\s"&|<>^%!()]')

_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]<>|~#{}$])")


def escape(text: str) -> str:
    """Text shown as written: no character of it starts Markdown or HTML."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", text)


def help_markdown(html: str) -> list[str]:
    """An algorithm's help, written in the small HTML QGIS shows (``<br>``, ``<b>``,
    ``<p>``), as Markdown paragraphs: bold kept, every other character shown as written."""
    text = re.sub(r"<br\s*/?>\s*<br\s*/?>|</p>\s*<p>|</?p>", "\n\n", html)
    text = re.sub(r"<br\s*/?>", " ", text)
    text = re.sub(r"<(?!/?b>)[^>]*>", "", text)  # every other tag (html, body, headings)
    pieces = [unescape(piece) for piece in re.split(r"</?b>", text)]
    marked = "".join(
        bold(piece) if index % 2 else escape(piece) for index, piece in enumerate(pieces)
    )
    return [p.strip() for p in marked.split("\n\n") if p.strip()]


def bold(text: str) -> str:
    """``text`` in bold, the spaces around it kept outside the markers."""
    core = text.strip()
    if not core:
        return text
    lead, trail = text[: len(text) - len(text.lstrip())], text[len(text.rstrip()) :]
    return f"{lead}**{escape(core)}**{trail}"


def example_value(doc: AlgorithmDoc, parameter: ParameterDoc) -> object:
    """The value a run example gives ``parameter``: the table above, else its default, else
    one by type."""
    for key in (f"{doc.name}:{parameter.key}", parameter.key):
        if key in EXAMPLES:
            return EXAMPLES[key]
    if parameter.given_default is not None:
        return parameter.given_default
    if parameter.destination:
        if parameter.type_id == "folderDestination":
            return f"{slug(parameter.label)}/"
        match = re.search(r"\*\.(\w+)", parameter.kind)
        return f"{slug(parameter.label)}.{match.group(1) if match else 'gpkg'}"
    if parameter.type_id == "field":
        return "FIELD"
    return f"{slug(parameter.label)}.gpkg"


def slug(text: str) -> str:
    """``ICS composite`` -> ``ics_composite``: a file name from a label."""
    return re.sub(r"[^a-z0-9]+", "_", text.lower()).strip("_")


def example_parameters(doc: AlgorithmDoc) -> dict[str, object]:
    """What a minimal run gives: every required input and output, defaults written out
    (``qgis_process`` of QGIS 3.22 refuses a run that leaves out a required input, even one
    with a default)."""
    return {p.key: example_value(doc, p) for p in doc.parameters if not p.optional and not p.hidden}


def example_arguments(doc: AlgorithmDoc) -> list[str]:
    """The run's ``KEY=value`` arguments, one per value of a list, unquoted."""
    return [
        f"{key}={one}"
        for key, value in example_parameters(doc).items()
        for one in (value if isinstance(value, list) else [value])
    ]


def qgis_process_example(doc: AlgorithmDoc) -> str:
    """The run from a shell (``qgis_process``), one argument a line."""
    lines = [f"qgis_process run {doc.algorithm_id} --"]
    lines += [f"  {shlex.quote(word)}" for word in example_arguments(doc)]
    return " \\\n".join(lines)


def windows_example(doc: AlgorithmDoc) -> str:
    """The same run from Windows' Command Prompt: one line (cmd has no backslash
    continuation), each argument holding a space or a character cmd acts on (``|`` of a
    layer's options) in double quotes, a double quote inside written twice."""
    words = [
        '"' + word.replace('"', '""') + '"' if _CMD_SPECIAL.search(word) else word
        for word in example_arguments(doc)
    ]
    return " ".join([WINDOWS_QGIS_PROCESS, "run", doc.algorithm_id, "--", *words])


def pyqgis_example(doc: AlgorithmDoc) -> str:
    """The same run from QGIS's Python console or a script."""
    parameters = example_parameters(doc)
    body = "".join(f"        {json.dumps(k)}: {json.dumps(v)},\n" for k, v in parameters.items())
    first = next(iter(o.key for o in doc.outputs), "OUTPUT")
    return (
        "from qgis import processing\n\n"
        "results = processing.run(\n"
        f"    {json.dumps(doc.algorithm_id)},\n"
        "    {\n"
        f"{body}"
        "    },\n"
        ")\n"
        f"print(results[{json.dumps(first)}])\n"
    )


def fenced(language: str, code: str) -> list[str]:
    """A code block (a fence longer than any backtick run in the code)."""
    fence = "`" * max(3, 1 + max((len(r) for r in re.findall(r"`+", code)), default=0))
    return [f"{fence}{language}", code.rstrip("\n"), fence, ""]


def parameter_entry(parameter: ParameterDoc, level: str = "###") -> list[str]:
    """One parameter: its key and label as a heading, then type, default, options, help."""
    facts = [f"Type: {escape(parameter.kind)}"]
    facts.append("optional" if parameter.optional else "required")
    if parameter.advanced:
        facts.append("under Advanced parameters")
    lines = [f"{level} `{parameter.key}`: {escape(parameter.label)}", "", " · ".join(facts), ""]
    if parameter.default is not None:
        lines += [f"Default: {code_span(parameter.default)}", ""]
    if parameter.options:
        lines += ["Options (give the number):", ""]
        lines += [f"{i}. {escape(option)}" for i, option in enumerate(parameter.options)]
        lines.append("")
    if parameter.help:
        lines += [escape(parameter.help), ""]
    return lines


def code_span(text: str) -> str:
    """``text`` as inline code, whatever backticks it holds."""
    ticks = "`" * (1 + max((len(r) for r in re.findall(r"`+", text)), default=0))
    return (
        f"{ticks} {text} {ticks}"
        if text.startswith("`") or text.endswith("`")
        else f"{ticks}{text}{ticks}"
    )


def output_entry(output: OutputDoc) -> list[str]:
    """One output: key and label, what it is, where it goes, and the parameter's help."""
    lines = [f"### `{output.key}`: {escape(output.label)}", ""]
    facts = [f"Returns: {escape(output.kind)}"]
    if output.parameter is not None:
        facts.insert(0, f"Type: {escape(output.parameter.kind)}")
        facts.append("optional" if output.parameter.optional else "required")
    lines += [" · ".join(facts), ""]
    if output.parameter is not None and output.parameter.help:
        lines += [escape(output.parameter.help), ""]
    return lines


def error_items(errors: Iterable[ErrorDoc]) -> list[str]:
    """A definition list: each message as the tool writes it, then what to do."""
    lines: list[str] = []
    for error in errors:
        lines += [f"“{escape(error.message)}”", f": {escape(error.do)}", ""]
    return lines


def algorithm_page(doc: AlgorithmDoc, errors: Iterable[ErrorDoc]) -> str:
    """The whole page of one algorithm."""
    kind = "model" if doc.is_model else "algorithm"
    lines = [f"# {escape(doc.display_name)}", ""]
    lines += [f"`{doc.algorithm_id}` · {kind} in the group *{escape(doc.group)}*", ""]
    for paragraph in help_markdown(doc.help_html):
        lines += [paragraph, ""]
    lines += run_section(doc)
    lines += ["## Inputs", ""]
    for parameter in (p for p in doc.inputs if not p.hidden):
        lines += parameter_entry(parameter)
    lines += ["## Outputs", ""]
    for output in doc.outputs:
        lines += output_entry(output)
    hidden = [p for p in doc.parameters if p.hidden]
    if hidden:
        lines += ["## Former keys", ""]
        lines += ["Hidden from the dialog, still read when a script or model gives them.", ""]
        for parameter in hidden:
            lines += parameter_entry(parameter)
    lines += ["## Errors and what to do", ""]
    lines += error_items(errors)
    lines += ["Every tool also gives the [errors common to all tools](../errors.md).", ""]
    return "\n".join(lines)


def run_section(doc: AlgorithmDoc) -> list[str]:
    """How to run it from a terminal (Linux and Windows) and from Python, with where the
    example's files come from."""
    lines = ["## Run it", "", RUN_NOTE, ""]
    lines += ["From a terminal on Linux (on Debian and Ubuntu, `qgis_process.bin`):", ""]
    lines += fenced("sh", qgis_process_example(doc))
    lines += [
        "From the Command Prompt on Windows (installed with OSGeo4W or the QGIS installer: "
        f"`{WINDOWS_QGIS_PROCESS}` in QGIS's `bin` folder, `qgis_process-qgis.bat` for a "
        "release that is not the LTR):",
        "",
    ]
    lines += fenced("bat", windows_example(doc))
    lines += ["From QGIS's Python console or a script:", ""]
    lines += fenced("python", pyqgis_example(doc))
    return lines


def algorithms_index(docs: list[AlgorithmDoc]) -> str:
    """The list of every algorithm by toolbox group, with the hidden table of contents."""
    lines = ["# Algorithms", ""]
    lines += [
        "Every tool of the Processing Toolbox's group **DSPT compliance**, as its dialog "
        "declares it. Each tool's **Help** button opens its page here.",
        "",
    ]
    for group, members in itertools.groupby(docs, key=lambda d: d.group):
        lines += [f"## {escape(group)}", ""]
        for doc in members:
            summary = (help_markdown(doc.help_html) or [""])[0]
            link = f"[{escape(doc.display_name)}]({doc.name}.md)"
            lines.append(f"- {link} (`{doc.algorithm_id}`): {summary}")
        lines.append("")
    lines += ["```{toctree}", ":hidden:", ""] + [doc.name for doc in docs] + ["```", ""]
    return "\n".join(lines)
