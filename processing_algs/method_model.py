"""``dspt:dsptmethod`` — the shipped Model Builder model of the whole method, in the toolbox.

The model itself is ``models/dspt_method.model3`` (written by ``scripts/make_model.py``);
this class gives it a stable id and a readable name, so analysts find it in the
Processing Toolbox beside the algorithms and scripts call it by id, and builds its outputs
once its steps' algorithms are registered (``qgis_process help`` lists them).
"""

from __future__ import annotations

from importlib.resources import files

from qgis.core import QgsProcessingException, QgsProcessingModelAlgorithm
from qgis.PyQt.QtCore import QCoreApplication
from qgis.PyQt.QtGui import QIcon

from .support.algorithm import ICON_PATH

MODEL_FILE = files("dspt_qgis") / "models" / "dspt_method.model3"


class MethodModel(QgsProcessingModelAlgorithm):
    """The model with the provider's naming."""

    def name(self) -> str:
        return "dsptmethod"

    def displayName(self) -> str:  # noqa: N802 (QGIS API name)
        return QCoreApplication.translate(
            "MethodModel", "DSPT method: import to ICS composite (model)"
        )

    def icon(self) -> QIcon:
        return QIcon(ICON_PATH)

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


def load_method_model() -> MethodModel:
    """The shipped model, read from the plugin's models folder."""
    model = MethodModel()
    if not model.fromFile(str(MODEL_FILE)):
        raise QgsProcessingException(f"Cannot read the shipped model {MODEL_FILE}")
    return model
