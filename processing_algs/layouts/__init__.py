"""The plugin's QGIS print layouts and what they share."""
