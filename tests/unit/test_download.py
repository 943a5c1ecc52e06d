"""Download code against a local HTTP server that imitates the ONS ArcGIS service and the portal."""

from __future__ import annotations

import json
import threading
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from scripts.download import DownloadError, Source, download

FEATURES = [
    {
        "type": "Feature",
        "properties": {"CODE": f"E{i:03d}"},
        "geometry": {"type": "Point", "coordinates": [i / 100, 51.0]},
    }
    for i in range(7)
]
MAX_PAGE = 3  # the server caps pages, as ArcGIS does, whatever the client asks for


class FakePortal(BaseHTTPRequestHandler):
    export = b"Code,Organisation Name,Status\n00L,NHS A,22/23 Standards Met\n"
    requests: list[str] = []

    def do_GET(self):  # noqa: N802 (http.server API name)
        type(self).requests.append(self.path)
        url = urllib.parse.urlparse(self.path)
        if url.path == "/services/Boundaries/FeatureServer/0/query":
            query = urllib.parse.parse_qs(url.query)
            assert query["outSR"] == ["4326"]
            offset = int(query["resultOffset"][0])
            count = min(int(query["resultRecordCount"][0]), MAX_PAGE)
            page = FEATURES[offset : offset + count]
            body = {
                "type": "FeatureCollection",
                "features": page,
                "exceededTransferLimit": offset + count < len(FEATURES),
            }
            self._send(json.dumps(body).encode())
        elif url.path == "/services/Broken/FeatureServer/0/query":
            self._send(json.dumps({"error": {"code": 400, "message": "Invalid query"}}).encode())
        elif url.path == "/export.csv":
            self._send(type(self).export)
        else:
            self.send_error(404)

    def _send(self, body: bytes) -> None:
        self.send_response(200)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):  # keep test output quiet
        pass


@pytest.fixture
def portal():
    server = ThreadingHTTPServer(("127.0.0.1", 0), FakePortal)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    FakePortal.requests = []
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def sources(base):
    return (
        Source("boundaries/b.geojson", service="Boundaries"),
        Source("dspt/export.csv", url=f"{base}/export.csv"),
    )


def test_pages_are_joined_and_checksums_recorded_then_verified(portal, tmp_path):
    report = download(tmp_path, sources(portal), base_url=f"{portal}/services")
    assert report == [("boundaries/b.geojson", "recorded"), ("dspt/export.csv", "recorded")]
    collection = json.loads((tmp_path / "boundaries/b.geojson").read_text())
    assert [f["properties"]["CODE"] for f in collection["features"]] == [
        f["properties"]["CODE"] for f in FEATURES
    ]
    assert sum("FeatureServer" in r for r in FakePortal.requests) == 3  # 3 + 3 + 1 features
    assert (tmp_path / "dspt/export.csv").read_bytes() == FakePortal.export
    checksums = json.loads((tmp_path / "checksums.json").read_text())
    assert set(checksums) == {"boundaries/b.geojson", "dspt/export.csv"}
    again = download(tmp_path, sources(portal), base_url=f"{portal}/services")
    assert [status for _, status in again] == ["verified", "verified"]


def test_changed_upstream_file_is_refused_and_not_written(portal, tmp_path, monkeypatch):
    download(tmp_path, sources(portal), base_url=f"{portal}/services")
    monkeypatch.setattr(FakePortal, "export", b"Code,Status\nXXX,changed\n")
    with pytest.raises(DownloadError, match="dspt/export.csv: the downloaded file differs"):
        download(tmp_path, sources(portal), base_url=f"{portal}/services")
    assert b"00L" in (tmp_path / "dspt/export.csv").read_bytes()
    updated = download(
        tmp_path, sources(portal), base_url=f"{portal}/services", update_checksums=True
    )
    assert updated[1] == ("dspt/export.csv", "updated")


def test_service_error_and_missing_file_are_named(portal, tmp_path):
    with pytest.raises(DownloadError, match="Invalid query"):
        download(tmp_path, (Source("b.geojson", service="Broken"),), base_url=f"{portal}/services")
    with pytest.raises(DownloadError, match="nothere.csv"):
        download(tmp_path, (Source("x.csv", url=f"{portal}/nothere.csv"),))
