"""Which files and packages one POST of a check passes through (issue 23's measure of the house).

A `sys.setprofile` trace of one `POST /api/v1/rounds/checks` by a worker, on a fresh SQLite demo: the files of
`facility/` entered, and the sequence of packages entered in call order with repeats folded (its length less one
is the number of crossings). Modules at the top of `facility/` (the base) are listed but not counted as packages.

    .venv/bin/python -m bench.check_trace
"""

from __future__ import annotations

import sys
import tempfile
import uuid
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent / "facility"


def main() -> None:
    from facility.app import create_app
    from facility.config import TestingConfig
    from facility.demo import load_demo
    from facility.migrate import upgrade

    with tempfile.TemporaryDirectory() as scratch:
        url = f"sqlite:///{scratch}/trace.db"
        upgrade(url)
        app = create_app(TestingConfig(url))
        with app.app_context():
            session = app.extensions["facility_db"].session
            load_demo(session)
            session.commit()
        client = app.test_client()
        answer = client.post("/api/v1/auth/login", json={"username": "worker1", "password": "facility-demo"})
        csrf = answer.get_json()["csrf_token"]
        body = {
            "uid": str(uuid.uuid4()),
            "resident_id": 1,
            "occurred_at": datetime.now(UTC).isoformat(),
            "location": "own_room",
            "state": "awake_calm",
        }
        client.post("/api/v1/rounds/checks", json=body, headers={"X-CSRFToken": csrf})  # warm: imports, caches
        body["uid"] = str(uuid.uuid4())
        entered: list[Path] = []

        def profile(frame, event, arg):
            if event == "call":
                path = Path(frame.f_code.co_filename)
                if path.is_relative_to(ROOT):
                    entered.append(path.relative_to(ROOT))

        sys.setprofile(profile)
        try:
            answer = client.post("/api/v1/rounds/checks", json=body, headers={"X-CSRFToken": csrf})
        finally:
            sys.setprofile(None)
        assert answer.status_code == 201, answer.get_json()

    files = sorted({str(p) for p in entered})
    packages = [p.parts[0] for p in entered if len(p.parts) > 1]
    folded = [name for i, name in enumerate(packages) if i == 0 or packages[i - 1] != name]
    print(f"files entered: {len(files)}")
    for name in files:
        print(f"  {name}")
    print(f"packages in call order ({len(folded) - 1} crossings): {' › '.join(folded)}")


if __name__ == "__main__":
    main()
