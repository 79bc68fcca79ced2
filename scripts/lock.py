"""Write constraints.txt: the exact versions of Compositor's dependency tree as installed here.

Run it after the test suite passed on an upgraded environment (see README, "Upgrading the lock"):

    python3 scripts/lock.py            # rewrite constraints.txt from this environment
    python3 scripts/lock.py --check    # exit 1 when the environment differs from constraints.txt

Only packages reachable from Compositor's own requirements (with every extra) are written, so tools a
developer happens to have installed never leak into the lock. torch is left out: install.sh pins the CPU
build itself and GPU users bring their own CUDA build.
"""
from __future__ import annotations

import argparse
import re
import sys
from importlib import metadata
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
LOCK = ROOT / "constraints.txt"
UNLOCKED = {"torch", "compositor"}  # install.sh pins torch; compositor is the project itself
HEADER = ("# Exact versions the test suite passed on. Written by `python3 scripts/lock.py`; do not edit by hand.\n"
          "# install.sh and .ci/run install with `-c constraints.txt`. torch is pinned by install.sh itself.\n")


def canonical(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def requirement_names(dist: metadata.Distribution, extras: set[str]) -> list[tuple[str, set[str]]]:
    """Names (and requested extras) of the requirements of ``dist`` that apply with ``extras`` on this machine."""
    from packaging.requirements import Requirement

    out = []
    for line in dist.requires or []:
        req = Requirement(line)
        if req.marker is not None:
            envs = [{"extra": e} for e in (extras or {""})]
            if not any(req.marker.evaluate(env) for env in envs):
                continue
        out.append((canonical(req.name), set(req.extras)))
    return out


def closure() -> dict[str, str]:
    """Every installed distribution reachable from compositor[all extras], name -> version."""
    root = metadata.distribution("compositor")
    extras = set(root.metadata.get_all("Provides-Extra") or [])
    seen: dict[str, str] = {}
    todo = [(canonical("compositor"), extras)]
    expanded: set[tuple[str, frozenset]] = set()
    while todo:
        name, want = todo.pop()
        key = (name, frozenset(want))
        if key in expanded:
            continue
        expanded.add(key)
        try:
            dist = metadata.distribution(name)
        except metadata.PackageNotFoundError:
            continue  # a requirement for another platform or an extra nobody installed
        seen[name] = dist.version
        todo.extend(requirement_names(dist, want))
    return {n: v for n, v in seen.items() if n not in UNLOCKED}


def render(pins: dict[str, str]) -> str:
    return HEADER + "".join(f"{name}=={version}\n" for name, version in sorted(pins.items()))


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--check", action="store_true", help="compare the environment with constraints.txt")
    args = ap.parse_args()
    text = render(closure())
    if args.check:
        current = LOCK.read_text() if LOCK.exists() else ""
        if current != text:
            print("constraints.txt differs from this environment; run: python3 scripts/lock.py", file=sys.stderr)
            return 1
        print("constraints.txt matches this environment")
        return 0
    LOCK.write_text(text)
    print(f"wrote {LOCK.relative_to(ROOT)} ({text.count('==')} packages)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
