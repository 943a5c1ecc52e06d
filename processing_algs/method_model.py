"""``dspt:dsptmethod`` — the shipped Model Builder model of the whole method, in the toolbox.

The model itself is ``models/dspt_method.model3`` (written by ``scripts/make_model.py``);
this class gives it a stable id and a readable name, so analysts find it in the
Processing Toolbox beside the algorithms and scripts call it by id, and makes its outputs
the model's own: listed by ``qgis_process help``, and named by their model names in every
message, however the model is run.
"""

from __future__ import annotations

from importlib.resources import files
from typing import Any

from qgis.core import (
    QgsProcessingContext,
    QgsProcessingException,
    QgsProcessingFeedback,
    QgsProcessingModelAlgorithm,
    QgsProcessingOutputLayerDefinition,
    QgsProperty,
)
from qgis.PyQt.QtCore import QCoreApplication
from qgis.PyQt.QtGui import QIcon

from .support.algorithm import ICON_PATH
from .support.help import algorithm_help_url
from .support.transaction import Outputs

MODEL_FILE = files("dspt_qgis") / "models" / "dspt_method.model3"


class MethodModel(QgsProcessingModelAlgorithm):
    """The model with the provider's naming, and outputs that are the model's own."""

    def name(self) -> str:
        return "dsptmethod"

    def displayName(self) -> str:  # noqa: N802 (QGIS API name)
        return QCoreApplication.translate(
            "MethodModel", "DSPT method: import to ICS composite (model)"
        )

    def icon(self) -> QIcon:
        return QIcon(ICON_PATH)

    def helpUrl(self) -> str:  # noqa: N802 (QGIS API name)
        """The model's page of the documentation site, for this version of the plugin."""
        return algorithm_help_url(self.name())

    def createInstance(self) -> MethodModel:  # noqa: N802 (QGIS API name)
        instance = MethodModel()
        instance.loadVariant(self.toVariant())
        return instance

    def attach_steps(self) -> None:
        """Point each step at the algorithm it runs, then build the model's outputs.

        QGIS makes a model's outputs from its steps' algorithms; read before those were
        registered, the model has none: ``qgis_process help`` lists none, and ``qgis_process
        run`` does not ask for them (a step then fails for want of its own ``OUTPUT``).
        """
        for child_id in self.childAlgorithms():
            self.childAlgorithm(child_id).reattach()
        self.updateDestinationParameters()

    def checkParameterValues(  # noqa: N802 (QGIS API name)
        self, parameters: dict[str, Any], context: QgsProcessingContext
    ) -> tuple[bool, str]:
        """The inputs left out are checked at their defaults, as they will run."""
        return super().checkParameterValues(self._with_defaults(parameters), context)

    def processAlgorithm(  # noqa: N802 (QGIS API name)
        self,
        parameters: dict[str, Any],
        context: QgsProcessingContext,
        feedback: QgsProcessingFeedback,
    ) -> dict[str, Any]:
        """Check the model's outputs as one algorithm's, then run the steps, each told the
        model's name for the outputs it writes.

        Before any step runs: a key the model does not have is refused, and every output
        is checked against every model input (a step sees only its own inputs, and would
        write over a file a later step reads) and every other output. QGIS tells a step
        the model output's name (the value's ``destinationName``) only when the value is
        an output definition, as the dialogs give it; a path given as text
        (``qgis_process``, ``processing.run``) is wrapped in one here, so the step's
        messages name the model's output, never the step's own key (``OUTPUT``).
        """
        self._refuse_unknown(parameters)
        named = self._with_defaults(parameters)
        for definition in self.destinationParameterDefinitions():
            value = named.get(definition.name())
            if isinstance(value, QgsProperty) or (isinstance(value, str) and value):
                named[definition.name()] = QgsProcessingOutputLayerDefinition(value)
        Outputs(self, named, context).check_destinations()
        return super().processAlgorithm(named, context, feedback)

    def _with_defaults(self, parameters: dict[str, Any]) -> dict[str, Any]:
        """The inputs given, and each input left out at its default (the recipe's field
        names): the dialog shows the defaults filled in, but a script or ``qgis_process``
        that leaves one out would give the step nothing (the trusts' ICS field unset)."""
        named = dict(parameters)
        for definition in self.parameterDefinitions():
            default = definition.defaultValue()
            if not definition.isDestination() and named.get(definition.name()) is None:
                if default is not None:
                    named[definition.name()] = default
        return named

    def _refuse_unknown(self, parameters: dict[str, Any]) -> None:
        """A misspelt key would otherwise be ignored (QGIS 3.22's ``qgis_process`` ignores
        it): an optional output written nowhere, or an input not set, without a word."""
        definitions = self.parameterDefinitions()
        unknown = sorted(set(parameters) - {d.name() for d in definitions})
        if unknown:
            outputs, inputs = (
                ", ".join(f"'{d.name()}'" for d in definitions if d.isDestination() == wanted)
                for wanted in (True, False)
            )
            raise QgsProcessingException(
                QCoreApplication.translate(
                    "MethodModel",
                    "The model has no parameter {}. Its outputs are {}; its inputs are {}.",
                ).format(", ".join(f"'{key}'" for key in unknown), outputs, inputs)
            )


def load_method_model() -> MethodModel:
    """The shipped model, read from the plugin's models folder."""
    model = MethodModel()
    if not model.fromFile(str(MODEL_FILE)):
        raise QgsProcessingException(f"Cannot read the shipped model {MODEL_FILE}")
    return model
