"""What the benchmarks share: peak memory, and one measurement per process.

Only the standard library: a child that measures memory must not load more than it needs.
"""

from __future__ import annotations

import json
import resource
import subprocess
import sys
from typing import Any


def peak_mib() -> float:
    """The peak resident memory of this process so far (max RSS), in MiB."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def run_child(module: str, *args: str, what: str) -> Any:
    """What ``python -m module args`` prints as JSON; exits with its errors when ``what``
    (say "the baseline run") fails."""
    out = subprocess.run(
        [sys.executable, "-m", module, *args], capture_output=True, text=True, check=False
    )
    if out.returncode:
        raise SystemExit(f"{what} failed:\n{out.stderr}")
    return json.loads(out.stdout)
