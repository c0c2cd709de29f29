"""Invalid settings are told in one line each, naming the variable, and never as a traceback."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_invalid_settings_are_one_line_each(tmp_path: Path) -> None:
    env = os.environ | {
        "SRM_DATA_DIR": str(tmp_path / "data"),
        "SRM_COLLEAGUE_STRENGTH": "0",
        "SRM_BACKEND": "mongo",
    }
    done = subprocess.run(
        [sys.executable, "-m", "api.cli", "stats"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=env,
        timeout=120,
    )
    assert done.returncode == 2
    assert done.stderr.splitlines() == [
        "error: SRM_BACKEND=mongo: Input should be 'embedded' or 'neo4j'",
        "error: SRM_COLLEAGUE_STRENGTH=0: Input should be greater than 0",
    ]
    assert "Traceback" not in done.stdout + done.stderr
