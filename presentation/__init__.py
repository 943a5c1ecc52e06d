"""How the method's results are shown, apart from how they are computed (:mod:`..core`):
the one palette, HTML pages and tables, the web report and its boundaries, charts.

QGIS-free, like the core, so the plugin and the headless pipeline draw alike; the core's
computations never import it (``lint-imports``).
"""
