"""The ``dspt`` Processing provider ("DSPT compliance")."""

from __future__ import annotations

from qgis.core import QgsProcessingProvider
from qgis.PyQt.QtGui import QIcon

from dspt_qgis.processing_algs.support.algorithm import ICON_PATH


class DsptProvider(QgsProcessingProvider):
    """Registers the DSPT algorithms and the shipped model; ids are a stable scripting contract."""

    def id(self) -> str:
        return "dspt"

    def name(self) -> str:
        return "DSPT compliance"

    def longName(self) -> str:  # noqa: N802 (QGIS API name)
        return "DSPT compliance (NHS Data Security and Protection Toolkit)"

    def icon(self) -> QIcon:
        return QIcon(ICON_PATH)

    def loadAlgorithms(self) -> None:  # noqa: N802 (QGIS API name)
        from dspt_qgis.processing_algs.ics_composite import IcsCompositeAlgorithm
        from dspt_qgis.processing_algs.import_export import ImportExportAlgorithm
        from dspt_qgis.processing_algs.join_status import JoinStatusAlgorithm
        from dspt_qgis.processing_algs.locate_organisations import LocateOrganisationsAlgorithm
        from dspt_qgis.processing_algs.summary_table import SummaryTableAlgorithm
        from dspt_qgis.processing_algs.trust_proportions import TrustProportionsAlgorithm

        for algorithm in (
            ImportExportAlgorithm,
            JoinStatusAlgorithm,
            LocateOrganisationsAlgorithm,
            IcsCompositeAlgorithm,
            TrustProportionsAlgorithm,
            SummaryTableAlgorithm,
        ):
            self.addAlgorithm(algorithm())
