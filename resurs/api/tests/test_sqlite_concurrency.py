"""The embedded SQLite default takes concurrent writers: WAL, a busy timeout and BEGIN IMMEDIATE (settings.py).

Eight threads each send twenty PATCH + POST pairs through the API at once, in a subprocess whose database is a file
migrated from scratch (the suite's own SQLite database is in memory): no "database is locked", every write landed."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.db import connection

ROOT = Path(__file__).resolve().parents[3]
THREADS, ROUNDS = 8, 20


@pytest.fixture
def file_database(tmp_path):
    if connection.vendor != "sqlite":
        pytest.skip("the concurrency of the embedded SQLite default; PostgreSQL locks rows (select_for_update)")
    return tmp_path / "resurs.sqlite3"


def test_concurrent_writers_all_land(file_database):
    env = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{file_database}",
        "DEBUG": "0",
        "SECRET_KEY": "test-secret-key-not-for-production",
        "ALLOWED_HOSTS": "testserver",
        "SECURE_SSL_REDIRECT": "0",
    }
    result = subprocess.run(
        [sys.executable, "-m", "resurs.api.tests.concurrent_writers", str(THREADS), str(ROUNDS)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    outcome = json.loads(result.stdout.strip().splitlines()[-1])
    assert outcome["failures"] == []
    assert outcome["journal_mode"] == "wal"
    assert outcome["organizations"] == sorted([f"Школа {n}-{ROUNDS - 1}", ROUNDS + 1] for n in range(THREADS))
    assert outcome["subjects_added"] == THREADS * ROUNDS
