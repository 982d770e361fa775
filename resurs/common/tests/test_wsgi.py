"""The production entry point freezes what it loaded at start-up out of the garbage collector (bench/README.md)."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]


def test_wsgi_application_loads_and_freezes_its_start_up_objects():
    code = (
        "import gc; import resurs.wsgi as w; "
        "print(callable(w.application), gc.get_freeze_count() > 10000, 'resurs.plans.views' in __import__('sys').modules)"
    )
    env = {**os.environ, "DEBUG": "0", "SECRET_KEY": "test-secret-key-not-for-production", "PYTHONPATH": str(ROOT)}
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr[-2000:]
    assert result.stdout.split() == ["True", "True", "True"]
