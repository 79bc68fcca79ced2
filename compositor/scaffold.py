"""`compositor init DIR`: a project folder that renders as-is with the shipped example kit."""
from __future__ import annotations

import shutil
from pathlib import Path
from string import Template

from .errors import plain_issue

DATA = Path(__file__).resolve().parent / "data"       # init-basic.yaml, init-campaign.yaml and their files
TEMPLATES = ("basic", "campaign")


def scaffold(directory: Path, force: bool = False, template: str = "basic") -> Path:
    """`DIR/project.yaml` from a template (`basic`, or `campaign`: parameterised, with a rows.csv)."""
    directory = Path(directory)
    target = directory / "project.yaml"
    if template not in TEMPLATES:
        raise plain_issue(directory, f"unknown template {template!r}", f"use one of: {', '.join(TEMPLATES)}")
    if target.exists() and not force:
        raise plain_issue(target, "a project already exists here", "pick another folder or pass --force")
    directory.mkdir(parents=True, exist_ok=True)
    (directory / "assets").mkdir(exist_ok=True)
    title = directory.resolve().name.replace("-", " ").replace("_", " ").strip().title() or "New Video"
    slug = "".join(ch if ch.isalnum() else "-" for ch in title.lower()).strip("-") or "video"
    rows = directory / "rows.csv"
    text = Template((DATA / f"init-{template}.yaml").read_text(encoding="utf-8"))
    target.write_text(text.safe_substitute(path=target, rows=rows, title=title, slug=slug), encoding="utf-8")
    if template == "campaign":
        shutil.copyfile(DATA / "init-rows.csv", rows)
        shutil.copyfile(DATA / "init-prospect.svg", directory / "assets" / "prospect.svg")
    return target
