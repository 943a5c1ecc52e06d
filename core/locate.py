"""Organisation points from coordinates or a postcode lookup (no online geocoding).

Latitude/longitude columns are used where valid; otherwise the postcode is looked up in a
table the analyst supplies (ONS Postcode Directory extract, or any postcode -> lat/long
or easting/northing table). Eastings/northings are British National Grid (EPSG:27700),
converted to WGS84 with pyproj.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from . import diagnostics as diag
from .codes import clean_codes
from .crs import BRITISH_NATIONAL_GRID, SWAPPED_DEGREES, WGS84, Extent, KnownCrs, misplaced
from .errors import DsptError
from .fields import require_fields
from .sources import SOURCE_ROW, SourceRef, source_rows

COORDINATES = "coordinates"
POSTCODE = "postcode"


@dataclass(frozen=True)
class LocateResult:
    """``points`` has ``longitude``, ``latitude`` and ``location_source`` per located row;
    ``notes`` are log lines (coordinates that look swapped)."""

    points: pd.DataFrame
    diagnostics: pd.DataFrame
    notes: tuple[str, ...] = ()


@dataclass(frozen=True)
class PostcodeLookup:
    """A postcode table and its columns: lat/long, or easting/northing in EPSG:27700."""

    table: pd.DataFrame
    postcode_field: str
    source: SourceRef
    latitude_field: str | None = None
    longitude_field: str | None = None
    easting_field: str | None = None
    northing_field: str | None = None


def normalise_postcode(values: pd.Series) -> pd.Series:
    """``"se1 7eh"`` and ``"SE17EH"`` are one postcode: upper case without spaces."""
    text = values.astype("string").str.upper().str.replace(r"\s+", "", regex=True)
    return text.astype(object).where(text.notna() & (text != ""), None)


def locate(
    table: pd.DataFrame,
    *,
    code_field: str | None = None,
    latitude_field: str | None = None,
    longitude_field: str | None = None,
    postcode_field: str | None = None,
    lookup: PostcodeLookup | None = None,
    source: SourceRef,
) -> LocateResult:
    """Locate each row by its own coordinates, else by its postcode; report the rest."""
    if not (latitude_field and longitude_field) and not (postcode_field and lookup):
        raise DsptError(
            f"{source}: give its latitude and longitude fields, or its postcode field and a postcode lookup table."
        )
    wanted = {
        code_field: "code",
        latitude_field: "latitude",
        longitude_field: "longitude",
        postcode_field: "postcode",
    }
    require_fields([c for c in table.columns if c != SOURCE_ROW], wanted, source=source)
    found = _Found(table.index)
    notes: tuple[str, ...] = ()
    if latitude_field and longitude_field:
        notes = found.by_coordinates(table, latitude_field, longitude_field, source)
    if postcode_field and lookup is not None:
        found.by_postcode(table[postcode_field], lookup)
    located = found.how.notna()
    outcome = diag.outcomes(table.index, diag.UNMATCHED)
    outcome[located] = diag.USED
    found.reason[located] = found.how[located].map(lambda h: f"located by {h}")
    codes = (
        clean_codes(table[code_field])
        if code_field
        else pd.Series(None, index=table.index, dtype=object)
    )
    diagnostics = diag.diagnostics_frame(
        source=source,
        source_row=source_rows(table, source),
        code=codes,
        outcome=outcome,
        reason=found.reason,
    )
    points = pd.DataFrame(
        {"longitude": found.lon, "latitude": found.lat, "location_source": found.how}
    )[located]
    return LocateResult(points, diagnostics, notes)


class _Found:
    """Each row's point as found so far (NaN where none yet), how, and why not."""

    def __init__(self, index: pd.Index) -> None:
        self.lon = pd.Series(float("nan"), index=index)
        self.lat = pd.Series(float("nan"), index=index)
        self.how = pd.Series(None, index=index, dtype=object)
        self.reason = pd.Series("no coordinates and no postcode", index=index, dtype=object)

    def by_coordinates(
        self, table: pd.DataFrame, latitude: str, longitude: str, source: SourceRef
    ) -> tuple[str, ...]:
        """Rows with valid coordinates of their own; a note when some look swapped (all
        swapped stop)."""
        y = pd.to_numeric(table[latitude], errors="coerce")
        x = pd.to_numeric(table[longitude], errors="coerce")
        valid = y.between(-90, 90) & x.between(-180, 180) & ~((x == 0) & (y == 0))
        _require_kind(x, y, valid, WGS84, (latitude, longitude), source)
        _require_places(x, y, WGS84, (latitude, longitude), source)
        self.lat[valid], self.lon[valid], self.how[valid] = y[valid], x[valid], COORDINATES
        given = table[latitude].notna() | table[longitude].notna()
        self.reason[given & ~valid] = (
            f"fields {latitude!r}/{longitude!r} do not hold a valid latitude/longitude"
        )
        return _swapped_note(
            y[valid], x[valid], source_rows(table, source)[valid], latitude, longitude, source
        )

    def by_postcode(self, postcodes: pd.Series, lookup: PostcodeLookup) -> None:
        """Rows not located yet, by their postcode in the lookup (one whose coordinates
        there lie outside the UK is reported, not placed there)."""
        wanted = self.how.isna()
        codes = normalise_postcode(postcodes)
        found = _lookup_points(lookup)
        listed = wanted & codes.isin(found.index)
        hit = listed & codes.map(found["longitude"]).notna()
        self.lon[hit] = codes[hit].map(found["longitude"])
        self.lat[hit] = codes[hit].map(found["latitude"])
        self.how[hit] = POSTCODE
        self.reason[listed & ~hit] = codes[listed & ~hit].map(
            lambda c: (
                f"postcode {c} has no coordinates in the UK in the postcode lookup {lookup.source}"
            )
        )
        missing = wanted & ~listed & codes.notna()
        self.reason[missing] = codes[missing].map(
            lambda c: f"postcode {c} is not in the postcode lookup {lookup.source}"
        )


def _swapped_note(
    lat: pd.Series,
    lon: pd.Series,
    rows: pd.Series,
    lat_field: str,
    lon_field: str,
    source: SourceRef,
) -> tuple[str, ...]:
    """A warning when some points fall outside the UK but would fall inside if swapped
    (all of them stop: :func:`_require_places`)."""
    swapped = SWAPPED_DEGREES.takes(lon, lat)
    if not swapped.any():
        return ()
    return (
        f"{source}: {int(swapped.sum())} of {len(lat)} points lie outside the UK but would lie "
        f"inside with latitude and longitude swapped ({source.rows(rows[swapped].tolist())}). "
        f"Check that {lat_field!r} holds latitudes (49 to 61 in the UK) and {lon_field!r} "
        "longitudes (-9 to 2).",
    )


def _require_kind(
    x: pd.Series,
    y: pd.Series,
    usable: pd.Series,
    claimed: KnownCrs,
    fields: tuple[str, str],
    source: SourceRef,
) -> None:
    """Stop when no row's coordinates are of the kind the fields claim (``claimed``) and some
    are of the other kind: eastings and northings picked as latitude and longitude, or the
    reverse, would put every organisation in the wrong place or nowhere."""
    other = BRITISH_NATIONAL_GRID if claimed is WGS84 else WGS84
    if usable.any() or not (other.takes(x, y) | other.takes(y, x)).any():
        return
    kind = "latitudes and longitudes" if claimed is WGS84 else "eastings and northings"
    instead = "easting and northing" if claimed is WGS84 else "latitude and longitude"
    raise DsptError(
        f"{source}: fields {fields[0]!r}/{fields[1]!r} hold no {kind}: their values lie within "
        f"{other.description}. Give them as {instead} fields (a postcode lookup takes either)."
    )


def _require_places(
    x: pd.Series, y: pd.Series, claimed: KnownCrs, fields: tuple[str, str], source: SourceRef
) -> None:
    """Stop when the coordinates of ``fields`` (latitude and longitude, or easting and
    northing) are no places of the UK read as ``claimed`` (:func:`..crs.misplaced`): every
    point in the UK one way round or the other in the wrong order (a placeholder such as
    0, 0 or latitude 99.999999 hides nothing), or every point on the Grid at sea by its
    origin."""
    if claimed is WGS84:
        numbers = WGS84.takes(x, y) | SWAPPED_DEGREES.takes(x, y)
    else:  # on the Grid at all (degrees of the UK west of Greenwich are the other kind)
        numbers = claimed.takes(x, y)
    if not numbers.any():
        return
    names = (fields[1], fields[0]) if claimed is WGS84 else fields  # named as x, y
    why = misplaced(Extent.of(x[numbers], y[numbers]), claimed, (repr(names[0]), repr(names[1])))
    if why is not None:
        raise DsptError(
            f"{source}: fields {fields[0]!r}/{fields[1]!r} hold no places of the UK: {why}. "
            "Pick the fields the other way round, or correct their values."
        )


def _lookup_points(lookup: PostcodeLookup) -> pd.DataFrame:
    """Lookup rows as WGS84 longitude/latitude indexed by normalised postcode; a postcode
    whose coordinates lie outside the UK (a placeholder such as latitude 99.999999) has
    none."""
    table = lookup.table
    if lookup.latitude_field and lookup.longitude_field:
        claimed, fields = WGS84, (lookup.latitude_field, lookup.longitude_field)
        y, x = (pd.to_numeric(table[f], errors="coerce") for f in fields)
    elif lookup.easting_field and lookup.northing_field:
        claimed, fields = BRITISH_NATIONAL_GRID, (lookup.easting_field, lookup.northing_field)
        x, y = (pd.to_numeric(table[f], errors="coerce") for f in fields)
    else:
        raise DsptError(
            f"{lookup.source}: name its latitude and longitude fields, or its easting and "
            "northing fields."
        )
    _require_places(x, y, claimed, fields, lookup.source)
    usable = claimed.takes(x, y)
    _require_kind(x, y, usable, claimed, fields, lookup.source)
    lon, lat = x.where(usable), y.where(usable)
    if claimed is BRITISH_NATIONAL_GRID:
        from pyproj import Transformer

        transformer = Transformer.from_crs("EPSG:27700", "EPSG:4326", always_xy=True)
        east, north = transformer.transform(lon.to_numpy(dtype=float), lat.to_numpy(dtype=float))
        lon = pd.Series(east, index=table.index).where(usable)  # pyproj makes NaN infinite
        lat = pd.Series(north, index=table.index).where(usable)
    frame = pd.DataFrame(
        {
            "postcode": normalise_postcode(table[lookup.postcode_field]),
            "longitude": lon,
            "latitude": lat,
        }
    )
    frame = frame.dropna(subset=["postcode"]).sort_values(
        "longitude", key=lambda v: v.isna(), kind="stable"
    )  # a postcode's usable row first, then the file's order
    return frame.drop_duplicates("postcode").set_index("postcode")
