"""GUI-independent DSPT method: read exports, resolve statuses, score and aggregate.

Nothing under this package imports ``qgis`` or Qt: it speaks pandas DataFrames and plain
values so it can be tested, benchmarked and scripted without QGIS, and it raises the
documented exception types in :mod:`dspt_qgis.core.errors`.
"""
