"""The plugin's QGIS print layouts: the national maps with their London inset
(:mod:`.national`), the trend's small multiples (:mod:`.multiples`) and the ICS atlas
(:mod:`.atlas`), each put together from the same items (:mod:`.items`, :mod:`.text`).

A layout here is given its layers, already chosen and styled (by ``support``): it decides
where things go on the page, never what a layer looks like or which input it comes from.
What a layout adds to an analyst's project (layers, map themes, the layout itself) goes
through :mod:`.project`, which can take it back if the run fails.
"""
