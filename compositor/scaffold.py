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


CAMPAIGN = """# A campaign: one video per prospect. Render one:  compositor render {path} --set company=Globex
# Render one per row of rows.csv:  compositor render {path} --data {rows}
# `{{{{name}}}}` stands for a parameter anywhere in this file; see docs/campaigns.md.
compositor: 1
title: "{title} for {{{{company}}}}"
brand: northwind                 # a kit's name (this folder, then COMPOSITOR_KITS, then the shipped kits) or a folder
params:
  company: {{type: text, default: "Your Team"}}
  logo: {{type: file, default: assets/prospect.svg}}
  plan: {{type: choice, options: [Starter, Pro], default: Pro}}
output: {{size: [1920, 1080], fps: 30, file: "renders/{slug}-{{{{company}}}}.mp4"}}
shots:
  - id: hello
    duration: 3
    background: {{gradient: {{colors: [paper, primary], angle: 90, drift: 4}}}}
    layers:
      - svg: "{{{{logo}}}}"
        at: [960, 400]
        width: 240
        enter: {{fade: 0.6}}
      - text: "Hello {{{{company}}}}"
        style: headline
        width: 1600
        at: [960, 680]
        enter: {{rise: 0.6}}
  - id: offer
    duration: 3
    background: {{color: ink}}
    transition: {{crossfade: 0.5}}
    layers:
      - text: "Northwind {{{{plan}}}}, ready for {{{{company}}}}."
        style: title
        color: paper
        width: 1400
        at: center
        enter: {{typewriter: 1.2}}
"""

ROWS = """company,plan
Globex,Pro
Initech,Starter
Umbrella,Pro
"""

PROSPECT_LOGO = """<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 120 120" width="120" height="120">
  <!-- A placeholder prospect logo: replace it, or give each row its own (a `logo` column). -->
  <rect x="6" y="6" width="108" height="108" rx="24" fill="#F7F8FA" stroke="#0B1020" stroke-width="6"/>
</svg>
"""

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
    if template == "campaign":
        rows = directory / "rows.csv"
        target.write_text(CAMPAIGN.format(path=target, rows=rows, title=title, slug=slug), encoding="utf-8")
        rows.write_text(ROWS, encoding="utf-8")
        (directory / "assets" / "prospect.svg").write_text(PROSPECT_LOGO, encoding="utf-8")
    else:
        target.write_text(TEMPLATE.format(path=target, title=title, slug=slug), encoding="utf-8")
    return target
