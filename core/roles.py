"""The roles of an export's columns (code, status, name, sector, successor) and the usual
names each goes by: how a table is found and read for them."""

from __future__ import annotations

from collections.abc import Mapping

CODE = "code"
NAME = "name"
STATUS = "status"
SECTOR = "sector"
SUCCESSOR_CODE = "successor_code"
SUCCESSOR_STATUS = "successor_status"

#: Role -> regular expressions over normalised column names, tried in order.
ROLE_CANDIDATES: Mapping[str, tuple[str, ...]] = {
    CODE: ("code", "odscode", "organisationcode", "orgcode", "odsorgcode"),
    NAME: ("name", "organisationname", "odsorgname", "orgname", r"loc\d\dnm", r"sicbl\d\dnm"),
    STATUS: ("lateststatus", "status", "publicationstatus", "dsptstatus"),
    SECTOR: ("sector", "primarysector"),
    SUCCESSOR_CODE: ("successorcode", "successor", "successorodscode"),
    SUCCESSOR_STATUS: ("successorstatus",),
}
REQUIRED_ROLES = (CODE, STATUS)
ROLE_WORDS: Mapping[str, str] = {
    CODE: "organisation code",
    NAME: "organisation name",
    STATUS: "status",
    SECTOR: "sector",
    SUCCESSOR_CODE: "successor code",
    SUCCESSOR_STATUS: "successor status",
}
