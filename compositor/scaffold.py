"""`compositor init DIR`: a project folder that renders as-is with the shipped example kit."""
from __future__ import annotations

from pathlib import Path

from .errors import plain_issue

TEMPLATE = """# A new Compositor project. Render it with:  compositor render {path}
# Reference: the README's "Project file" section. `compositor schema` prints the JSON Schema.
compositor: 1
title: {title}
brand: northwind                 # a shipped kit's name, or a folder with brand.yaml (relative to this file)
output: {{size: [1920, 1080], fps: 30, file: renders/{slug}.mp4}}
shots:
  - id: intro
    duration: 3
    background: {{gradient: {{colors: [paper, primary], angle: 90, drift: 4}}}}
    layers:
      - logo: default
        at: [960, 430]
        width: 420
        enter: {{fade: 0.6}}
      - text: "{title}"
        style: headline
        at: [960, 680]
        enter: {{rise: 0.6}}
  - id: message
    duration: 3
    background: {{color: ink}}
    transition: {{crossfade: 0.5}}
    layers:
      - text: "Exact words, on brand, every time."
        style: title
        color: paper
        width: 1400
        at: center
        enter: {{typewriter: 1.2}}
"""


def scaffold(directory: Path, force: bool = False) -> Path:
    directory = Path(directory)
    target = directory / "project.yaml"
    if target.exists() and not force:
        raise plain_issue(target, "a project already exists here", "pick another folder or pass --force")
    directory.mkdir(parents=True, exist_ok=True)
    (directory / "assets").mkdir(exist_ok=True)
    title = directory.resolve().name.replace("-", " ").replace("_", " ").strip().title() or "New Video"
    slug = "".join(ch if ch.isalnum() else "-" for ch in title.lower()).strip("-") or "video"
    target.write_text(TEMPLATE.format(path=target, title=title, slug=slug), encoding="utf-8")
    return target
