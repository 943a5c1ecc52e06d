"""Processing provider ``dspt``: thin QGIS algorithms over :mod:`dspt_qgis.core`.

Algorithms translate QGIS inputs to pandas, call the core, write their sinks only once
the core has succeeded (so a failure leaves no half-written output), and translate core
exceptions to ``QgsProcessingException``. pandas is imported inside the algorithm
modules, which the provider loads lazily, so QGIS start-up does not pay for it.
"""
