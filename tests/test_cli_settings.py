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


def test_a_question_where_no_store_exists_says_so_and_creates_none(tmp_path: Path) -> None:
    missing = tmp_path / "nowhere"
    for command in (["stats"], ["timeline", "c1"], ["ingest", "runs"]):
        done = subprocess.run(
            [sys.executable, "-m", "api.cli", *command],
            capture_output=True,
            text=True,
            cwd=ROOT,
            env=os.environ | {"SRM_DATA_DIR": str(missing), "SRM_BACKEND": "embedded"},
            timeout=120,
        )
        assert done.returncode == 2, command
        assert done.stderr.startswith(f"error: no store in {missing}"), done.stderr
    assert not missing.exists()


def test_a_store_file_that_is_not_a_database_is_named_in_one_line(tmp_path: Path) -> None:
    (tmp_path / "graph.sqlite").write_text("name,email\nAnn,ann@example.com\n" * 200)
    done = subprocess.run(
        [sys.executable, "-m", "api.cli", "stats"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=os.environ | {"SRM_DATA_DIR": str(tmp_path), "SRM_BACKEND": "embedded"},
        timeout=120,
    )
    assert done.returncode == 2
    assert done.stderr.splitlines() == [
        f"error: cannot open the embedded store at {tmp_path / 'graph.sqlite'}: "
        "file is not a database"
    ]
