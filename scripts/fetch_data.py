"""Download the official ONS boundaries and the DSPT portal export into a data folder.

The checksums of the files are recorded in <data>/checksums.json on the first download and
checked on later ones. Needs internet access to the ONS and DSPT portals.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from scripts.download import ONS_ARCGIS, SOURCES, DownloadError, download


def main() -> int:
    parser = argparse.ArgumentParser(description=" ".join(__doc__.split("\n\n")[0].split()))
    parser.add_argument("--data", type=Path, required=True, help="folder to write into")
    parser.add_argument("--base-url", default=ONS_ARCGIS, help="ArcGIS REST services root")
    parser.add_argument(
        "--update-checksums", action="store_true", help="accept changed upstream files"
    )
    args = parser.parse_args()
    try:
        for path, status in download(
            args.data, SOURCES, base_url=args.base_url, update_checksums=args.update_checksums
        ):
            print(f"{status:9} {args.data / path}")
    except DownloadError as error:
        print(error, file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
