"""constraints.txt (written by scripts/lock.py) pins every direct dependency of pyproject.toml exactly, inside
pyproject's own range: the locked set is one that pyproject admits, so `pip install -c constraints.txt .` works."""
import re
import subprocess
import sys
import tomllib
from pathlib import Path

from packaging.requirements import Requirement

ROOT = Path(__file__).resolve().parents[2]
UNLOCKED = {"torch"}   # install.sh pins the CPU build itself


def _canonical(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def _pins() -> dict[str, str]:
    pins = {}
    for line in (ROOT / "constraints.txt").read_text().splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        assert re.fullmatch(r"[A-Za-z0-9._-]+==[A-Za-z0-9.+!_-]+", line), f"not an exact pin: {line!r}"
        name, version = line.split("==")
        pins[_canonical(name)] = version
    return pins


def _direct_requirements() -> list[Requirement]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    lines = list(project["dependencies"])
    for extra in project.get("optional-dependencies", {}).values():
        lines.extend(extra)
    return [Requirement(line) for line in lines]


def test_every_direct_dependency_is_pinned_inside_its_range():
    pins = _pins()
    problems = []
    for req in _direct_requirements():
        name = _canonical(req.name)
        if name in UNLOCKED:
            assert name not in pins, f"{name} is pinned by install.sh, not constraints.txt"
            continue
        if name not in pins:
            problems.append(f"{req.name}: missing from constraints.txt — run: python3 scripts/lock.py")
        elif not req.specifier.contains(pins[name], prereleases=True):
            problems.append(f"{req.name}=={pins[name]} is outside pyproject's {req.specifier}")
    assert not problems, "\n".join(problems)


def test_lock_script_check_mode_answers():
    """--check exits 0 (matches) or 1 (differs, with the fix printed); never a traceback."""
    r = subprocess.run([sys.executable, str(ROOT / "scripts" / "lock.py"), "--check"], capture_output=True,
                       text=True, timeout=120)
    assert r.returncode in (0, 1), r.stderr
    assert "Traceback" not in r.stderr
    if r.returncode == 1:
        assert "python3 scripts/lock.py" in r.stderr
