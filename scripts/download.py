"""Download the official source files the demo and the method need, with checksums.

Boundaries come from the ONS Open Geography Portal's ArcGIS REST services (GeoJSON in
EPSG:4326, paged: a service returns at most 1,000-2,000 features per request and says
``exceededTransferLimit`` while more remain); DSPT statuses from the DSPT portal's
organisation-search export. The SHA-256 of each file is recorded in ``checksums.json``
in the data folder after its first download; later downloads are checked against it, so
a silently changed upstream file is noticed instead of changing results.
"""

from __future__ import annotations

import hashlib
import json
import os
import urllib.parse
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from dspt_qgis.core.errors import DsptError

ONS_ARCGIS = "https://services1.arcgis.com/ESMARspQHYMw9BZ9/arcgis/rest/services"
DSPT_EXPORT = "https://www.dsptoolkit.nhs.uk/OrganisationSearch/ExportSearchResults?searchValue="
CHECKSUMS = "checksums.json"
PAGE_SIZE = 1000


class DownloadError(DsptError):
    """A download failed, returned something unusable, or no longer matches its checksum."""


@dataclass(frozen=True)
class Source:
    """One file of the data folder and where it officially comes from."""

    path: str  # relative to the data folder
    service: str | None = None  # ONS ArcGIS feature service name
    url: str | None = None  # direct download

    def describe(self) -> str:
        """Where an analyst can get the file by hand."""
        if self.service:
            return f"ONS Open Geography Portal, service {self.service} (GeoJSON, EPSG:4326)"
        return f"{self.url}"


#: Official sources for the files the demo reads (ONS boundaries; DSPT portal export).
SOURCES: tuple[Source, ...] = (
    Source(
        "boundaries/ccg_april2020.geojson",
        service="Clinical_Commissioning_Groups_April_2020_GCB_EN_2022",
    ),
    Source(
        "boundaries/stp_april2021.geojson",
        service="Sustainability_and_Transformation_Partnerships_April_2021_EN_BFC_2022",
    ),
    Source("boundaries/icb_april2023.geojson", service="Integrated_Care_Boards_April_2023_EN_BGC"),
    Source(
        "boundaries/nhs_regions_2024.geojson", service="NHS_England_Regions_January_2024_EN_BFC"
    ),
    Source("dspt/portal_export.csv", url=DSPT_EXPORT),
)

Opener = Callable[[str], bytes]


def http_get(url: str, timeout: float = 60.0) -> bytes:
    """GET a URL and return its body (the default opener; tests pass their own base URL)."""
    request = urllib.request.Request(url, headers={"User-Agent": "dspt-qgis"})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310 (https sources)
            return response.read()
    except OSError as error:
        raise DownloadError(f"Could not download {url}: {error}") from None


def arcgis_geojson(
    service: str,
    *,
    base_url: str = ONS_ARCGIS,
    opener: Opener = http_get,
    page_size: int = PAGE_SIZE,
) -> bytes:
    """Every feature of an ArcGIS feature service as one GeoJSON document (paged requests)."""
    features: list[dict] = []
    offset = 0
    while True:
        query = urllib.parse.urlencode(
            {
                "where": "1=1",
                "outFields": "*",
                "outSR": "4326",
                "f": "geojson",
                "resultOffset": offset,
                "resultRecordCount": page_size,
            }
        )
        url = f"{base_url}/{service}/FeatureServer/0/query?{query}"
        try:
            page = json.loads(opener(url))
        except json.JSONDecodeError:
            raise DownloadError(f"{url} did not return GeoJSON.") from None
        if "error" in page:
            raise DownloadError(f"{url} answered with an error: {page['error']}")
        batch = page.get("features", [])
        features.extend(batch)
        more = page.get("exceededTransferLimit") or page.get("properties", {}).get(
            "exceededTransferLimit"
        )
        if not more or not batch:
            break
        offset += len(batch)
    if not features:
        raise DownloadError(f"Service {service} returned no features.")
    return json.dumps({"type": "FeatureCollection", "features": features}).encode("utf-8")


def download(
    data: Path,
    sources: tuple[Source, ...] = SOURCES,
    *,
    base_url: str = ONS_ARCGIS,
    opener: Opener = http_get,
    update_checksums: bool = False,
) -> list[tuple[str, str]]:
    """Fetch ``sources`` into ``data``; record or check each file's SHA-256.

    Returns ``(path, "recorded" | "verified" | "updated")`` per file. A file whose content
    differs from its recorded checksum is not written, and the error names it (pass
    ``update_checksums`` to accept the new content). Files are written atomically.
    """
    data.mkdir(parents=True, exist_ok=True)
    manifest_path = data / CHECKSUMS
    manifest = json.loads(manifest_path.read_text()) if manifest_path.exists() else {}
    report = []
    for source in sources:
        body = (
            arcgis_geojson(source.service, base_url=base_url, opener=opener)
            if source.service
            else opener(source.url)
        )
        digest = hashlib.sha256(body).hexdigest()
        known = manifest.get(source.path)
        if known and known != digest and not update_checksums:
            raise DownloadError(
                f"{source.path}: the downloaded file differs from the one recorded in {manifest_path} "
                f"(sha256 {digest[:12]}… instead of {known[:12]}…). The source changed upstream; "
                "check it, then download again with the option to update checksums."
            )
        target = data / source.path
        target.parent.mkdir(parents=True, exist_ok=True)
        partial = target.with_suffix(target.suffix + ".part")
        partial.write_bytes(body)
        os.replace(partial, target)
        status = "verified" if known == digest else ("updated" if known else "recorded")
        manifest[source.path] = digest
        report.append((source.path, status))
    manifest_path.write_text(json.dumps(manifest, indent=2, sort_keys=True) + "\n")
    return report
