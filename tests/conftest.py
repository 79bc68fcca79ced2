"""Shared test set-up: the repository is importable, and `compositor_cli` runs the real command line."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))


def cli_env(extra: dict | None = None) -> dict:
    """The environment for `python -m compositor` from any folder: the repo on the path, no colour codes."""
    env = dict(os.environ)
    env["PYTHONPATH"] = str(REPO) + (os.pathsep + env["PYTHONPATH"] if env.get("PYTHONPATH") else "")
    env.setdefault("NO_COLOR", "1")
    env.pop("COMPOSITOR_DEBUG", None)
    env.update(extra or {})
    return env


@pytest.fixture(scope="session", autouse=True)
def model_store(tmp_path_factory):
    """The tests' tiny diffusers folders are built under the session's temporary folder: it is their model store
    (`COMPOSITOR_MODELS`), as a user's ~/models is theirs. Subprocesses inherit it."""
    root = str(tmp_path_factory.getbasetemp())
    before = os.environ.get("COMPOSITOR_MODELS")
    os.environ["COMPOSITOR_MODELS"] = os.pathsep.join(p for p in (before, root) if p)
    yield Path(root)
    if before is None:
        os.environ.pop("COMPOSITOR_MODELS", None)
    else:
        os.environ["COMPOSITOR_MODELS"] = before


@pytest.fixture(scope="session")
def compositor_cli():
    """run(*args, cwd=..., timeout=...) -> CompletedProcess of `python -m compositor ARGS` (text, captured)."""
    def run(*args, cwd=None, timeout: float = 120, env: dict | None = None) -> subprocess.CompletedProcess:
        return subprocess.run([sys.executable, "-m", "compositor", *map(str, args)], cwd=cwd, env=cli_env(env),
                              capture_output=True, text=True, timeout=timeout)
    return run


@pytest.fixture(scope="session")
def ray_cluster():
    """A local two-CPU Ray cluster shared by every test that needs one (Ray starts slowly)."""
    ray = pytest.importorskip("ray")
    ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False,
             runtime_env={"env_vars": {"PYTHONPATH": str(REPO)}})
    assert ray.cluster_resources().get("CPU") == 2
    yield ray
    ray.shutdown()
