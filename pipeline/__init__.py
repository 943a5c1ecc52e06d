"""The method as a headless pipeline: no QGIS, for schedulers, CI and notebooks.

geopandas reads the boundaries and places organisations in ICSs; the same core as the
QGIS algorithms computes everything; the GeoPackage and the web report are written as
``make demo`` writes them. Installed with ``pip install .[pipeline]``, run as
``dspt-report``. Nothing here is part of the QGIS plugin.
"""
