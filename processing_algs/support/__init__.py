"""What the DSPT algorithms share: the algorithm base, shared parameter groups, reading
QGIS sources into the core's tables, writing outputs all-or-nothing, styles and the log.

Each algorithm module maps its parameters onto these and onto one core function.
"""
