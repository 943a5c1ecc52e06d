"""What each algorithm of the ``dspt`` provider declares, read from QGIS into plain data for
the documentation pages (``make docs``).

Everything here is read from the registered algorithms themselves (names, help, every
parameter's type, default, options, flags and help, every output), never written a second
time by hand, so the pages cannot drift from the dialogs.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

#: Feature source and sink geometry kinds (QgsProcessing.SourceType values) in words.
GEOMETRIES = {
    -1: "any geometry",
    0: "points",
    1: "lines",
    2: "polygons",
    3: "rasters",
    4: "files",
    5: "with or without geometry",
}


@dataclass(frozen=True)
class ParameterDoc:
    """One parameter as the dialog and ``qgis_process`` see it."""

    key: str
    label: str
    type_id: str
    kind: str
    default: str | None
    #: The default as a run gives it (an option's number, not its label).
    given_default: str | None
    options: tuple[str, ...]
    optional: bool
    advanced: bool
    hidden: bool
    help: str
    destination: bool


@dataclass(frozen=True)
class OutputDoc:
    """One output, with the destination parameter that names where it goes (if any)."""

    key: str
    label: str
    kind: str
    parameter: ParameterDoc | None


@dataclass(frozen=True)
class AlgorithmDoc:
    """One algorithm (or the shipped model) as its dialog shows it."""

    algorithm_id: str
    name: str
    display_name: str
    group: str
    help_html: str
    parameters: tuple[ParameterDoc, ...]
    outputs: tuple[OutputDoc, ...]
    is_model: bool

    @property
    def inputs(self) -> tuple[ParameterDoc, ...]:
        """The parameters that are not destinations (outputs are documented with outputs)."""
        return tuple(p for p in self.parameters if not p.destination)


def read_provider(provider: Any) -> list[AlgorithmDoc]:
    """Every algorithm the provider registered, in the toolbox's order (group, then name)."""
    from qgis.core import QgsProcessingModelAlgorithm

    docs = [
        read_algorithm(a, isinstance(a, QgsProcessingModelAlgorithm)) for a in provider.algorithms()
    ]
    return sorted(docs, key=lambda d: (d.is_model, d.group, d.display_name.lower()))


def read_algorithm(algorithm: Any, is_model: bool) -> AlgorithmDoc:
    """One algorithm's declarations. A model's description is its own (its short help is
    QGIS's generated page of its inputs, which the parameters below already give)."""
    parameters = tuple(read_parameter(p, algorithm) for p in algorithm.parameterDefinitions())
    by_key = {p.key: p for p in parameters}
    outputs = tuple(
        OutputDoc(o.name(), o.description(), output_kind(o), by_key.get(o.name()))
        for o in algorithm.outputDefinitions()
    )
    help_html = (
        algorithm.helpContent().get("ALG_DESC", "") if is_model else algorithm.shortHelpString()
    )
    return AlgorithmDoc(
        algorithm_id=algorithm.id(),
        name=algorithm.name(),
        display_name=algorithm.displayName(),
        group="Ready-made model" if is_model else algorithm.group(),
        help_html=help_html,
        parameters=parameters,
        outputs=outputs,
        is_model=is_model,
    )


def read_parameter(parameter: Any, algorithm: Any) -> ParameterDoc:
    """A parameter's key, label, type in words, default, options, flags and help."""
    flags = int(parameter.flags())
    definition = type(parameter)
    options = tuple(parameter.options()) if hasattr(parameter, "options") else ()
    return ParameterDoc(
        key=parameter.name(),
        label=parameter.description(),
        type_id=parameter.type(),
        kind=parameter_kind(parameter, algorithm),
        default=default_text(parameter.defaultValue(), options),
        given_default=default_text(parameter.defaultValue()),
        options=options,
        optional=bool(flags & int(definition.FlagOptional)),
        advanced=bool(flags & int(definition.FlagAdvanced)),
        hidden=bool(flags & int(definition.FlagHidden)),
        help=parameter.help() or "",
        destination=parameter.isDestination(),
    )


def parameter_kind(parameter: Any, algorithm: Any) -> str:
    """The parameter's type in an analyst's words (what to give it); a field names the
    input it belongs to by its label, as the dialog does."""
    from qgis.core import (
        QgsProcessingParameterEnum,
        QgsProcessingParameterFeatureSink,
        QgsProcessingParameterFeatureSource,
        QgsProcessingParameterField,
        QgsProcessingParameterFile,
        QgsProcessingParameterFileDestination,
        QgsProcessingParameterFolderDestination,
        QgsProcessingParameterMultipleLayers,
        QgsProcessingParameterNumber,
    )

    if isinstance(parameter, QgsProcessingParameterFeatureSource):
        kinds = sorted(GEOMETRIES.get(t, str(t)) for t in parameter.dataTypes()) or ["any"]
        return f"layer or table ({', '.join(kinds)})"
    if isinstance(parameter, QgsProcessingParameterMultipleLayers):
        return f"several layers or files ({GEOMETRIES.get(parameter.layerType(), 'any')})"
    if isinstance(parameter, QgsProcessingParameterField):
        several = "fields" if parameter.allowMultiple() else "a field"
        parent = algorithm.parameterDefinition(parameter.parentLayerParameterName())
        return f"{several} of {parent.description() if parent else 'the input'}"
    if isinstance(parameter, QgsProcessingParameterEnum):
        return "several of a list" if parameter.allowMultiple() else "one of a list"
    if isinstance(parameter, QgsProcessingParameterNumber):
        whole = parameter.dataType() == QgsProcessingParameterNumber.Integer
        return (
            f"{'whole ' if whole else ''}number, {parameter.minimum():g} to {parameter.maximum():g}"
        )
    if isinstance(parameter, QgsProcessingParameterFile):
        return "folder" if parameter.behavior() == QgsProcessingParameterFile.Folder else "file"
    if isinstance(parameter, QgsProcessingParameterFeatureSink):
        kind = GEOMETRIES.get(parameter.dataType(), "any geometry")
        return f"new layer or table ({kind})"
    if isinstance(parameter, QgsProcessingParameterFileDestination):
        return f"new file ({parameter.fileFilter()})"
    if isinstance(parameter, QgsProcessingParameterFolderDestination):
        return "new folder"
    return {"string": "text", "boolean": "yes or no"}.get(parameter.type(), parameter.type())


def output_kind(output: Any) -> str:
    """An output's type in words (what the run returns for it)."""
    return {
        "outputVector": "layer or table",
        "outputHtml": "HTML file",
        "outputFile": "file",
        "outputFolder": "folder",
        "outputString": "text",
        "outputNumber": "number",
    }.get(output.type(), output.type())


def default_text(value: Any, options: tuple[str, ...] = ()) -> str | None:
    """The default as the dialog shows it (an option's label, a number, text, or None), or
    without ``options`` as ``qgis_process`` takes it (an option's number)."""
    if value is None or value == "":
        return None
    if options and isinstance(value, int) and 0 <= value < len(options):
        return options[value]
    if isinstance(value, float):
        return f"{value:g}"
    return str(value)
