"""`compositor doctor [PROJECT] [--json] [--tests]`: is this machine ready to render (and to run the tests)?"""
from __future__ import annotations

import json
from pathlib import Path
from typing import Optional

import typer

from .app import guarded


@guarded
def doctor(target: Optional[Path] = typer.Argument(None, help="a project file or brand kit folder whose "
                                                                 "fonts to check (default: the shipped kits)"),
           as_json: bool = typer.Option(False, "--json", help="print the findings as a JSON list"),
           tests: bool = typer.Option(False, "--tests", help="also fail when a tool the test suite needs is "
                                                              "missing")) -> None:
    """Check Python, torch, encoders, kit fonts, test tools, cache folder and versions; exit 2 on a problem."""
    from ..doctor import as_dicts, failed, kits_for, run_checks

    kits, cache = kits_for(target)
    found = run_checks(kits, cache)
    if as_json:
        print(json.dumps(as_dicts(found), indent=2))
    else:
        for f in found:
            mark = {"ok": "ok  ", "error": "FAIL", "tests": "warn"}[f.severity]
            print(f"{mark} {f.check}: {f.message}" + (f" — fix: {f.fix}" if f.fix else ""))
    if failed(found, tests):
        raise typer.Exit(2)
