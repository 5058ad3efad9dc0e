"""The suite's `xdist_group` marks hold (tests/xdist_groups.py): a scratch suite of one group
and loose tests, run by groups on two workers (`make test` runs the suite on three), puts every test of
the group on one worker. Without the hook, with pytest 9.2, they ran on both."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

# the scratch suite's conftest takes the hook as tests/conftest.py does
HOOK = "from tests.xdist_groups import pytest_collection_modifyitems as pytest_collection_modifyitems\n"
SCRATCH = '''
import os
from pathlib import Path

import pytest


def record(name):
    Path(name).write_text(os.environ["PYTEST_XDIST_WORKER"])


@pytest.mark.xdist_group("one")
@pytest.mark.parametrize("i", range(8))
def test_grouped(i):
    record(f"grouped{i}")


@pytest.mark.parametrize("i", range(8))
def test_loose(i):
    record(f"loose{i}")
'''


def test_a_groups_tests_run_on_one_worker(tmp_path: Path) -> None:
    (tmp_path / "conftest.py").write_text(HOOK)
    (tmp_path / "test_scratch.py").write_text(SCRATCH)
    done = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-n", "2",
         "--dist", "loadgroup", "test_scratch.py"],
        cwd=tmp_path, capture_output=True, text=True, timeout=300,
        env={**{k: v for k, v in os.environ.items() if not k.startswith("PYTEST_")},  # not a worker's
             "PYTHONPATH": str(ROOT)})
    assert done.returncode == 0, done.stdout + done.stderr
    assert "16 passed" in done.stdout
    grouped = {(tmp_path / f"grouped{i}").read_text() for i in range(8)}
    loose = {(tmp_path / f"loose{i}").read_text() for i in range(8)}
    assert len(grouped) == 1, grouped
    assert loose == {"gw0", "gw1"}  # the loose tests are shared: two workers did run
