"""The documentation site's algorithm pages, written as Markdown (MyST) from what each
algorithm declares (:mod:`scripts.docs_declarations`) and the curated errors
(:mod:`scripts.docs_errors`).

One page per algorithm: what it does (its own help), how to run it from ``qgis_process``
and from PyQGIS, every input with its type, default, options and help, every output, the
former keys it still reads, and the errors it gives with what to do.
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
#: same in every algorithm, by ``KEY``. Only required inputs without a default need one; a
#: test checks every entry names a parameter that exists.
EXAMPLES: dict[str, object] = {
    "importexport:INPUT": "curated_dspt_20220208.csv",
    "readods:INPUT": ["etr.csv", "ect.csv"],
    "odsmembership:INPUT": "statuses.gpkg|layername=trusts",
    "odsmembership:ODS": "ods.gpkg",
    "joinstatus:INPUT": "ccg_april2020.geojson",
    "joinstatus:FIELD": "CCG20CDH",
    "joinstatus:DSPT": "statuses.gpkg",
    "locateorganisations:INPUT": "statuses.gpkg|layername=trusts",
    "summarytable:INPUT": "statuses.gpkg",
    "crosswalk:INPUT": "statuses.gpkg|layername=commissioners",
    "crosswalk:NEW_LOOKUP": "sicbl26_icb26.csv",
    "crosswalk:NEW_AREA_FIELD": "SICBL26CDH",
    "crosswalk:NEW_ICS_FIELD": "ICB26CD",
    "compareeditions:BEFORE": "statuses_2020_21.gpkg",
    "compareeditions:AFTER": "statuses_2022_23.gpkg",
    "icstrend:COMPOSITES": ["composite_2020_21.gpkg", "composite_2022_23.gpkg"],
    "ICS": "stp_april2020.geojson",
    "ICS_FIELD": "STP20CD",
    "COMMISSIONERS": "commissioners_with_status.gpkg",
    "COMMISSIONER_ICS_FIELD": "STP20CD",
    "TRUSTS": "trust_points.gpkg",
    "COMPOSITE": "ics_composite.gpkg",
}

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
    """The value a run example gives ``parameter``: the table above, else one by type."""
    for key in (f"{doc.name}:{parameter.key}", parameter.key):
        if key in EXAMPLES:
            return EXAMPLES[key]
    if parameter.destination:
        if parameter.type_id == "folderDestination":
            return f"{slug(parameter.label)}/"
        match = re.search(r"\*\.(\w+)", parameter.kind)
        return f"{slug(parameter.label)}.{match.group(1) if match else 'gpkg'}"
    if parameter.type_id == "field":
        return parameter.default or "FIELD"
    return parameter.default or f"{slug(parameter.label)}.gpkg"


def slug(text: str) -> str:
    """``ICS composite`` -> ``ics_composite``: a file name from a label."""
    return re.sub(r"[^a-z0-9]+", "_", text.lower()).strip("_")


def example_parameters(doc: AlgorithmDoc) -> dict[str, object]:
    """What a minimal run gives: each required input without a default, each required output."""
    return {
        p.key: example_value(doc, p)
        for p in doc.parameters
        if not p.optional and not p.hidden and (p.destination or p.default is None)
    }


def qgis_process_example(doc: AlgorithmDoc) -> str:
    """The run from a terminal (``qgis_process``; one ``KEY=value`` per value of a list)."""
    words = []
    for key, value in example_parameters(doc).items():
        for one in value if isinstance(value, list) else [value]:
            words.append(shlex.quote(f"{key}={one}"))
    lines = [f"qgis_process run {doc.algorithm_id} --"] + [f"  {w}" for w in words]
    return " \\\n".join(lines)


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
    lines += ["## Run it", "", "From a terminal (on Debian, `qgis_process.bin`):", ""]
    lines += fenced("sh", qgis_process_example(doc))
    lines += ["From QGIS's Python console or a script:", ""]
    lines += fenced("python", pyqgis_example(doc))
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
