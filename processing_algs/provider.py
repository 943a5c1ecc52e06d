"""The ``dspt`` Processing provider ("DSPT compliance")."""

from __future__ import annotations

import logging

from qgis.core import QgsApplication, QgsProcessingProvider
from qgis.PyQt.QtGui import QIcon

from .support.algorithm import ICON_PATH
from .support.feedback import PLUGIN_LOGGER, route_logging_to_qgis

PROVIDER_ID = "dspt"


class DsptProvider(QgsProcessingProvider):
    """Registers the DSPT algorithms and the shipped model; ids are a stable scripting contract."""

    def __init__(self) -> None:
        super().__init__()
        self._model_ids: list[str] = []
        self._log_handler: logging.Handler | None = None

    def load(self) -> bool:
        """On registration: follow other providers' arrival (for the model's steps) and
        send the plugin's Python log to QGIS's Log Messages panel."""
        QgsApplication.processingRegistry().providerAdded.connect(self._attach_models)
        self._log_handler = route_logging_to_qgis()
        return super().load()

    def unload(self) -> None:
        """On removal: undo exactly what :meth:`load` connected and installed. When QGIS
        exits, the registry may be gone before its providers are unloaded (3.44)."""
        registry = QgsApplication.processingRegistry()
        if registry is not None:
            registry.providerAdded.disconnect(self._attach_models)
        if self._log_handler is not None:
            logging.getLogger(PLUGIN_LOGGER).removeHandler(self._log_handler)
            self._log_handler = None
        super().unload()

    def id(self) -> str:
        return PROVIDER_ID

    def name(self) -> str:
        return "DSPT compliance"

    def longName(self) -> str:  # noqa: N802 (QGIS API name)
        return "DSPT compliance (NHS Data Security and Protection Toolkit)"

    def icon(self) -> QIcon:
        return QIcon(ICON_PATH)

    def loadAlgorithms(self) -> None:  # noqa: N802 (QGIS API name)
        from .compare_editions import CompareEditionsAlgorithm
        from .crosswalk import CrosswalkAlgorithm
        from .ics_atlas import IcsAtlasAlgorithm
        from .ics_composite import IcsCompositeAlgorithm
        from .ics_trend import IcsTrendAlgorithm
        from .import_export import ImportExportAlgorithm
        from .improvement_gains import ImprovementGainsAlgorithm
        from .join_status import JoinStatusAlgorithm
        from .locate_organisations import LocateOrganisationsAlgorithm
        from .method_model import load_method_model
        from .national_maps import NationalMapsAlgorithm
        from .ods_membership import OdsMembershipAlgorithm
        from .read_ods import ReadOdsAlgorithm
        from .summary_table import SummaryTableAlgorithm
        from .trust_proportions import TrustProportionsAlgorithm
        from .web_report import WebReportAlgorithm

        for algorithm in (
            ImportExportAlgorithm,
            JoinStatusAlgorithm,
            LocateOrganisationsAlgorithm,
            ReadOdsAlgorithm,
            OdsMembershipAlgorithm,
            IcsCompositeAlgorithm,
            ImprovementGainsAlgorithm,
            TrustProportionsAlgorithm,
            SummaryTableAlgorithm,
            WebReportAlgorithm,
            NationalMapsAlgorithm,
            CompareEditionsAlgorithm,
            CrosswalkAlgorithm,
            IcsTrendAlgorithm,
            IcsAtlasAlgorithm,
        ):
            self.addAlgorithm(algorithm())
        model = load_method_model()
        self.addAlgorithm(model)
        self._model_ids = [model.name()]
        self._attach_models(PROVIDER_ID)

    def _attach_models(self, provider_id: str) -> None:  # noqa: ARG002 (a signal's argument)
        """Point the model's steps at the algorithms they use.

        QGIS loads a provider's algorithms before it registers the provider, so a model
        that uses them cannot find them while loading ("Algorithm is not available"); the
        same holds for QGIS's own algorithms when their provider registers after this one.
        Whenever a provider is added, the steps are attached again and the model's outputs
        rebuilt from them.
        """
        if QgsApplication.processingRegistry().providerById(PROVIDER_ID) is not self:
            return
        for name in self._model_ids:
            model = self.algorithm(name)
            if model is not None:
                model.attach_steps()
