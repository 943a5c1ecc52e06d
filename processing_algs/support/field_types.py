"""The one place a QGIS field type is chosen: every field the plugin makes is made here.

QgsField takes a ``QMetaType.Type`` from QGIS 3.38 on; its ``QVariant.Type`` form is
deprecated there and gone with Qt 6 (QGIS 4 refuses the bare ``QMetaType.QString`` form
too: the type is ``QMetaType.Type.QString``). QGIS 3.22 knows only ``QVariant.Type``.
``make lint``'s PyQt6 check reads :data:`FIELDS_TAKE_QMETATYPE` as always true (mypy's
``always_true``): QGIS 4 never takes the QGIS 3.22 branch, so that branch is not read
against PyQt6, which has no ``QVariant.String``.
"""

from __future__ import annotations

from typing import Literal

from qgis.core import Qgis, QgsField

#: What a field holds, in the words the plugin uses for its columns.
FieldKind = Literal["text", "real", "integer", "boolean", "date"]

#: True where QgsField takes a QMetaType.Type (QGIS 3.38 and later, QGIS 4).
FIELDS_TAKE_QMETATYPE = Qgis.QGIS_VERSION_INT >= 33800

if FIELDS_TAKE_QMETATYPE:
    from qgis.PyQt.QtCore import QMetaType

    _TYPES = {
        "text": QMetaType.Type.QString,
        "real": QMetaType.Type.Double,
        "integer": QMetaType.Type.LongLong,
        "boolean": QMetaType.Type.Bool,
        "date": QMetaType.Type.QDate,
    }
else:
    from qgis.PyQt.QtCore import QVariant

    _TYPES = {
        "text": QVariant.String,
        "real": QVariant.Double,
        "integer": QVariant.LongLong,
        "boolean": QVariant.Bool,
        "date": QVariant.Date,
    }


def new_field(name: str, kind: FieldKind) -> QgsField:
    """A field named ``name`` holding ``kind``, typed the way the running QGIS takes it."""
    return QgsField(name, _TYPES[kind])
