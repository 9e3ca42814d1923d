"""The floor under zairyu's JSON API on this machine: the web stack ``zairyu serve`` runs
(FastAPI on uvicorn, one worker process, no access log), answering a POST of the default
request's body with zairyu's own answer to it, read once at start-up. It parses the JSON it is
sent and writes the same bytes zairyu does, and does nothing else: no token check, no
validation, no assessment. What a request costs here is what any server built on this stack
pays for it before its own work, so zairyu's API cannot go above this server's requests/s.

    FLOOR_ANSWER=answer.json .venv/bin/python -m benchmarks.api.floor_server --port 8902

Started by ``benchmarks/api/run.py``, which pairs it with OpenFisca in the same rounds.
"""

from __future__ import annotations

import argparse
import os
from pathlib import Path

import orjson
import uvicorn
from fastapi import FastAPI, Request, Response

ANSWER = Path(os.environ.get("FLOOR_ANSWER", os.devnull)).read_bytes()

app = FastAPI(openapi_url="/openapi.json", docs_url=None, redoc_url=None)


@app.post("/floor")
async def floor(request: Request) -> Response:
    orjson.loads(await request.body())
    return Response(ANSWER, media_type="application/json")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, required=True)
    args = parser.parse_args()
    uvicorn.run(
        app,
        host="127.0.0.1",
        port=args.port,
        workers=1,
        access_log=False,
        server_header=False,
        log_level="warning",
    )


if __name__ == "__main__":
    main()
