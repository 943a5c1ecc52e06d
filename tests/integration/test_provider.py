"""The public scripting contract: provider id, algorithm ids, parameter names, help."""

from __future__ import annotations

import re

import pytest
from qgis.core import QgsApplication

CONTRACT = {
    "importexport": [
        "INPUT",
        "EDITION",
        "CODE_FIELD",
        "STATUS_FIELD",
        "SECTOR_FIELD",
        "SUCCESSOR_FIELD",
        "SUCCESSOR_STATUS_FIELD",
        "CLOSURES",
        "CLOSED_RULE",
        "OUTPUT",
    ],
    "joinstatus": [
        "INPUT",
        "FIELD",
        "DSPT",
        "DSPT_FIELD",
        "LOOKUP",
        "LOOKUP_FROM",
        "LOOKUP_TO",
        "OUTPUT",
        "UNMATCHED",
    ],
    "locateorganisations": [
        "INPUT",
        "LATITUDE_FIELD",
        "LONGITUDE_FIELD",
        "POSTCODE_FIELD",
        "POSTCODE_LOOKUP",
        "OUTPUT",
        "UNMATCHED",
    ],
    "icscomposite": [
        "ICS",
        "ICS_FIELD",
        "COMMISSIONERS",
        "COMMISSIONER_ICS_FIELD",
        "COMMISSIONER_STATUS_FIELD",
        "POPULATION_FIELD",
        "TRUSTS",
        "TRUST_ICS_FIELD",
        "TRUST_STATUS_FIELD",
        "TRUST_WEIGHT_FIELD",
        "POPULATION",
        "POPULATION_CODE_FIELD",
        "POPULATION_VALUE_FIELD",
        "COMMISSIONER_SHARE",
        "COMMISSIONER_OTHER_POPULATION_FIELDS",
        "EDITION",
        "SCORES",
        "OUTPUT",
    ],
    "improvementgains": [
        "COMPOSITE",
        "ICS_FIELD",
        "COMMISSIONERS",
        "COMMISSIONER_ICS_FIELD",
        "COMMISSIONER_STATUS_FIELD",
        "COMMISSIONER_CODE_FIELD",
        "COMMISSIONER_POPULATION_FIELD",
        "COMMISSIONER_DECIDED_BY_FIELD",
        "POPULATION",
        "POPULATION_CODE_FIELD",
        "POPULATION_VALUE_FIELD",
        "TRUSTS",
        "TRUST_ICS_FIELD",
        "TRUST_STATUS_FIELD",
        "TRUST_CODE_FIELD",
        "TRUST_WEIGHT_FIELD",
        "TRUST_DECIDED_BY_FIELD",
        "TRUST_WEIGHT_TYPE",
        "TIER_WEIGHTS",
        "COMMISSIONER_SHARE",
        "MISSING_COMPONENT",
        "EDITION",
        "SCORES",
        "OUTPUT",
    ],
    "trustproportions": [
        "ICS",
        "ICS_FIELD",
        "TRUSTS",
        "TRUST_ICS_FIELD",
        "TRUST_STATUS_FIELD",
        "POPULATION",
        "POPULATION_ICS_FIELD",
        "POPULATION_FIELD",
        "OUTPUT",
    ],
    "summarytable": ["INPUT", "SECTOR_FIELD", "STATUS_FIELD", "EDITION", "OUTPUT", "OUTPUT_HTML"],
    "readods": ["INPUT", "OUTPUT"],
    "webreport": [
        "COMMISSIONERS",
        "TRUSTS",
        "COMPOSITE",
        "ICS_FIELD",
        "ICS_NAME_FIELD",
        "PROPORTIONS",
        "REGIONS",
        "SUMMARY",
        "TITLE",
        "EDITION",
        "DATA_DATE",
        "BASEMAP_URL",
        "OUTPUT",
    ],
    "nationalmaps": [
        "COMMISSIONERS",
        "COMMISSIONER_STATUS_FIELD",
        "TRUSTS",
        "TRUST_STATUS_FIELD",
        "ICS",
        "COMPOSITE",
        "ICS_FIELD",
        "PROPORTIONS",
        "REGIONS",
        "REGION_NAME_FIELD",
        "CHANGE",
        "TITLE",
        "INSET_REGION",
        "COMMISSIONER_NOTE",
        "SHADING_NOTE",
        "COMPOSITE_NOTE",
        "SCORES",
        "OUTPUT",
    ],
    "icsatlas": [
        "COMPOSITE",
        "ICS_FIELD",
        "ICS_NAME_FIELD",
        "COMMISSIONERS",
        "COMMISSIONER_ICS_FIELD",
        "TRUSTS",
        "TRUST_ICS_FIELD",
        "CHANGE",
        "TREND",
        "EDITION",
        "TITLE",
        "OUTPUT",
        "PAGES",
    ],
    "icstrend": ["ICS", "ICS_FIELD", "COMPOSITES", "OUTPUT"],
    "odsmembership": [
        "INPUT",
        "CODE_FIELD",
        "ODS",
        "LOOKUP",
        "LOOKUP_FROM",
        "LOOKUP_TO",
        "OUTPUT",
        "UNMATCHED",
    ],
    "compareeditions": [
        "BEFORE",
        "AFTER",
        "CODE_FIELD",
        "STATUS_FIELD",
        "SUCCESSORS",
        "SUCCESSORS_OLD_FIELD",
        "SUCCESSORS_NEW_FIELD",
        "SCORES",
        "OUTPUT",
        "OUTPUT_MATRIX",
        "OUTPUT_HTML",
    ],
    "crosswalk": [
        "INPUT",
        "CODE_FIELD",
        "STATUS_FIELD",
        "OLD_LOOKUP",
        "OLD_AREA_FIELD",
        "OLD_CODE_FIELD",
        "OLD_SHARE_FIELD",
        "NEW_LOOKUP",
        "NEW_AREA_FIELD",
        "NEW_ICS_FIELD",
        "WEIGHT_FIELD",
        "OLD_AREAS",
        "OLD_AREAS_FIELD",
        "NEW_ICS",
        "NEW_ICS_CODE_FIELD",
        "SCORES",
        "OUTPUT",
        "OUTPUT_SHARES",
    ],
}


def test_provider_identity(dspt_provider):
    assert dspt_provider.id() == "dspt"
    assert dspt_provider.name() == "DSPT compliance"
    registered = {a.name() for a in dspt_provider.algorithms()}
    assert "dsptmethod" in registered  # the shipped model
    registered.remove("dsptmethod")
    assert not registered - set(CONTRACT), (
        f"{sorted(registered - set(CONTRACT))}: add each to CONTRACT with the parameter names "
        "scripts and models may rely on"
    )
    assert not set(CONTRACT) - registered, (
        f"{sorted(set(CONTRACT) - registered)}: not in the provider"
    )


@pytest.mark.parametrize(("name", "parameters"), sorted(CONTRACT.items()))
def test_algorithm_contract_and_help(dspt_provider, name, parameters):
    algorithm = QgsApplication.processingRegistry().algorithmById(f"dspt:{name}")
    assert algorithm is not None
    names = [p.name() for p in algorithm.parameterDefinitions()]
    assert set(parameters) <= set(names)
    assert algorithm.group()
    assert algorithm.groupId() in {"prepare", "analysis", "overtime"}
    assert not algorithm.icon().isNull()
    assert "DSPT" in algorithm.tags()
    help_text = algorithm.shortHelpString()
    assert len(help_text) > 300
    assert "<b>Output</b>" in help_text
    assert not re.search(
        r"\{(method|scores|tiers|tier_text|share|range)\}", help_text
    )  # filled from the core
    assert algorithm.helpUrl().endswith(f"/algorithms/{name}.html")
    for definition in algorithm.parameterDefinitions():
        assert definition.help(), f"{name}: {definition.name()} has no help"
        assert "(optional)" not in definition.description()
        assert "(empty =" not in definition.description()


def test_the_test_table_holds_every_algorithm_of_the_provider(dspt_provider):
    """cases.CASES is the one table the cross-algorithm tests are generated from: an
    algorithm missing from it would go untested there."""
    from tests.integration.cases import ALGORITHMS

    registered = {a.name() for a in dspt_provider.algorithms()} - {"dsptmethod"}
    assert sorted(ALGORITHMS) == sorted(registered)


def test_the_test_tables_facts_are_the_algorithms_own(dspt_provider, inputs):
    """What cases.CASES says of each algorithm, which decides the tests it is given, is
    true: its main output is what the algorithm declares (and its only one where the table
    says so), and its samples give layers (or only files) as the table says."""
    from qgis.core import (
        QgsProcessingParameterFeatureSink,
        QgsProcessingParameterFileDestination,
        QgsProcessingParameterFolderDestination,
        QgsVectorLayer,
    )

    from tests.integration.cases import CASES

    def output_kind(definition) -> str:
        for kind, name in (
            (QgsProcessingParameterFeatureSink, "table"),
            (QgsProcessingParameterFolderDestination, "folder"),
            (QgsProcessingParameterFileDestination, "file"),
        ):
            if isinstance(definition, kind):
                return name
        return type(definition).__name__

    for case in CASES:
        algorithm = QgsApplication.processingRegistry().algorithmById(f"dspt:{case.name}")
        assert output_kind(algorithm.parameterDefinition("OUTPUT")) == case.main_output, case.name
        outputs = len(algorithm.destinationParameterDefinitions())
        several = outputs > 1 or case.main_output == "folder"  # a folder is written file by file
        assert (outputs == 1) if case.only_output else several, case.name
        given = [
            v
            for value in inputs[case.name][0].values()
            for v in (value if isinstance(value, list) else [value])
        ]
        layers = any(isinstance(v, QgsVectorLayer) for v in given)
        assert ("layers" if layers else "files") == case.reads, case.name
