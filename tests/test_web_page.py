"""The web page (``web/``): its unit tests, the built assets against their sources, and the
browser suite (headless Chromium against ``srm serve --demo``), each run with Node.

Without Node, ``web/node_modules`` (``npm ci --prefix web``) or Chromium these are
skipped, saying which is missing; under CI (``CI`` set) a missing tool fails instead.
"""

from __future__ import annotations

import filecmp
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
WEB = ROOT / "web"
STATIC = ROOT / "api" / "static"

pytestmark = pytest.mark.slow


def _missing(what: str) -> None:
    reason = f"{what}: see README, 'Web page'"
    if os.environ.get("CI"):
        pytest.fail(f"CI needs {reason}")
    pytest.skip(reason)


def _node() -> str:
    node = shutil.which("node")
    if node is None:
        _missing("node is not installed")
    if not (WEB / "node_modules" / "esbuild").is_dir():
        _missing("web/node_modules is missing (npm ci --prefix web)")
    return str(node)


def _run(args: list[str], timeout: float, env: dict[str, str] | None = None) -> str:
    done = subprocess.run(
        args,
        cwd=WEB,
        capture_output=True,
        text=True,
        timeout=timeout,
        env={**os.environ, **(env or {})},
        check=False,
    )
    output = done.stdout + done.stderr
    print(output)  # shown by pytest on failure, and with -s
    assert done.returncode == 0, f"{' '.join(args[:3])} failed:\n{output[-20000:]}"
    return output


def test_unit_tests_of_the_page_pass() -> None:
    node = _node()
    tests = sorted(str(p.relative_to(WEB)) for p in (WEB / "tests" / "unit").glob("*.test.mjs"))
    _run([node, "--test", *tests], timeout=120)


def test_built_assets_match_their_sources(tmp_path: Path) -> None:
    node = _node()
    _run([node, "build.mjs", "--out", str(tmp_path)], timeout=120)
    built = sorted(p.name for p in tmp_path.iterdir())
    assert built == sorted(p.name for p in STATIC.iterdir()), "api/static holds other files"
    _, mismatch, errors = filecmp.cmpfiles(tmp_path, STATIC, built, shallow=False)
    assert not mismatch and not errors, (
        f"api/static is not the build of web/src: {mismatch or errors} differ; "
        "run npm run build --prefix web and commit api/static"
    )


def test_the_page_in_a_browser() -> None:
    node = _node()
    if not (WEB / "node_modules" / "playwright-core").is_dir():
        _missing("web/node_modules/playwright-core is missing (npm ci --prefix web)")
    if shutil.which("chromium") is None:
        _missing("chromium is not installed (apt-get install chromium)")
    srm = Path(sys.executable).with_name("srm")
    command = [str(srm)] if srm.exists() else [sys.executable, "-m", "api.cli"]
    # Prints the page weight and the time to the first drawn network (seen with -s).
    _run(
        [node, "--test", "--test-reporter=spec", "tests/browser/suite.test.mjs"],
        timeout=900,
        env={"SRM_COMMAND": json.dumps(command)},
    )
