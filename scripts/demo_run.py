"""One ``make demo`` run: where the sample data is, where everything is written, a way to
call the plugin's algorithms with every layer going into one GeoPackage, and what the
recipe's steps have made so far."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from dspt_qgis.pipeline.recipes import Recipe

BNG = "EPSG:27700"
TEMPORARY = "TEMPORARY_OUTPUT"


@dataclass
class Run:
    """One recipe carried out into ``out`` (or, for the trend's other editions, into a
    GeoPackage of its own, ``scratch``). ``layers`` holds what the steps made, by the name
    later steps read it by: ``statuses``, ``commissioners`` (map 1), ``trusts``, ``ics``,
    ``regions``, then ``composite``, ``proportions``, ``summary`` and the rest."""

    data: Path
    out: Path
    recipe: Recipe
    context: Any = None  # one Processing context for the whole run (set on the first call)
    scratch: Path | None = None
    readme_images: Path | None = None  # also write small PNGs of the maps here
    layers: dict[str, Any] = field(default_factory=dict)
    imported: dict[str, Any] = field(default_factory=dict)  # each export, by its role
    ods: Any = None  # the ODS organisations, when the recipe reads ODS files
    trust_ics_field: str = ""  # empty: trusts placed by location
    #: The composite's commissioners as its parameters: the joined polygons, or the
    #: crosswalk's small areas.
    commissioner_side: dict[str, Any] = field(default_factory=dict)
    written: list[tuple[str, str]] = field(default_factory=list)  # (what, where) by the maps

    @property
    def gpkg(self) -> Path:
        return self.scratch or self.out / "dspt_demo.gpkg"

    def table(self, name: str, geometry: bool = True) -> str:
        """A GeoPackage table as a Processing destination."""
        return f"ogr:dbname='{self.gpkg}' table=\"{name}\"" + (" (geom)" if geometry else "")

    def path(self, role: str) -> str:
        """The recipe's file of this role."""
        return str(self.data / self.recipe.files[role])

    def run(self, algorithm: str, parameters: dict[str, Any], output: str = "OUTPUT") -> Any:
        """Run an algorithm in the run's context (a layer one step wrote is opened once and
        reused by the steps that read it, as in a model); return its ``output``."""
        from processing.tools.dataobjects import createContext
        from qgis import processing

        if self.context is None:
            self.context = createContext()
        results = processing.run(algorithm, parameters, context=self.context)
        return results if output == "*" else results[output]

    def to_bng(self, source: Any, name: str, stored: bool = True) -> Any:
        """A boundary or point layer in British National Grid, in the GeoPackage (or a
        temporary layer when not ``stored``); repaired first when it has invalid geometries
        (the sample's NHS regions do)."""
        from qgis.core import QgsVectorLayer

        # The file is read once: the layer opened for the check is the steps' input.
        layer = (
            source
            if isinstance(source, QgsVectorLayer)
            else QgsVectorLayer(source, name, "ogr", QgsVectorLayer.LayerOptions(False))
        )
        if not all(f.geometry().isGeosValid() for f in layer.getFeatures() if f.hasGeometry()):
            layer = self.run("native:fixgeometries", {"INPUT": layer, "OUTPUT": TEMPORARY})
        output = self.table(name) if stored else TEMPORARY
        return self.run(
            "native:reprojectlayer", {"INPUT": layer, "TARGET_CRS": BNG, "OUTPUT": output}
        )
