"""Baseline servers the benchmarks measure against: bare Starlette endpoints with no contract logic.

    python -m benchmarks.baselines echo|sqlite PORT [DB]

`echo` answers every PATCH with a fixed assignment (the fastest possible server, for client benchmarks);
`sqlite` stores each body in SQLite (WAL, synchronous=NORMAL) and answers it: the floor the reference
server is compared with.
"""

from __future__ import annotations

import json
import sqlite3
import sys
import uuid

import uvicorn
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

ASSIGNMENT = json.dumps(
    {
        "@odata.type": "#microsoft.graph.iosLobAppProvisioningConfigurationAssignment",
        "id": "7329f80d-f80d-7329-0df8-29730df82973",
        "target": {"@odata.type": "#microsoft.graph.groupAssignmentTarget", "groupId": "g"},
    }
).encode()
PATH = "/beta/deviceAppManagement/iosLobAppProvisioningConfigurations/{config}/assignments"


def echo_app() -> Starlette:
    async def patch(request: Request) -> Response:
        await request.body()
        return Response(ASSIGNMENT, media_type="application/json")

    return Starlette(routes=[Route(PATH, patch, methods=["PATCH"]), Route(PATH + "/{id}", patch, methods=["PATCH"])])


def sqlite_app(db_path: str) -> Starlette:
    db = sqlite3.connect(db_path, isolation_level=None, check_same_thread=False)
    db.execute("PRAGMA journal_mode=WAL")
    db.execute("PRAGMA synchronous=NORMAL")
    db.execute("CREATE TABLE IF NOT EXISTS items (id TEXT PRIMARY KEY, body TEXT NOT NULL)")

    async def patch(request: Request) -> Response:
        body = await request.body()
        db.execute("INSERT INTO items VALUES (?, ?)", (str(uuid.uuid4()), body.decode()))
        return Response(body, media_type="application/json")

    return Starlette(routes=[Route(PATH, patch, methods=["PATCH"]), Route(PATH + "/{id}", patch, methods=["PATCH"])])


def main(argv: list[str]) -> None:
    kind, port = argv[0], int(argv[1])
    app = echo_app() if kind == "echo" else sqlite_app(argv[2])
    uvicorn.run(app, host="127.0.0.1", port=port, loop="uvloop", http="httptools", access_log=False, log_level="error")


if __name__ == "__main__":
    main(sys.argv[1:])
