"""One example per component, as project-file YAML: the docs pictures (scripts/ui_docs.py) and the golden
tests (tests/ui/test_golden.py) both render these, so the documentation cannot drift from the code."""
from __future__ import annotations

from pathlib import Path

import numpy as np
import yaml

# name -> (YAML of one layer, the shot time to show, output size)
EXAMPLES: dict[str, tuple[str, float]] = {
    "window": ("""
ui.window:
  title: Quarterly report
  chrome: macos
  width: 640
  content:
    ui.stack:
      - ui.text: {text: Quarterly report, role: heading}
      - ui.text: {text: Revenue grew in every region this quarter., role: body}
""", 0.0),
    "window-windows": ("""
ui.window:
  title: Settings
  chrome: windows
  theme: dark
  width: 640
  content:
    ui.stack:
      - ui.toggle: {label: Email alerts, checked: true}
      - ui.toggle: {label: Weekly digest}
""", 0.0),
    "browser": ("""
ui.browser:
  url: app.northwind.example/reviews
  tabs: [Reviews, Vendors]
  width: 720
  content:
    ui.card: {title: Welcome back, subtitle: 3 reviews need you today}
""", 0.0),
    "phone": ("""
ui.phone:
  width: 300
  content:
    ui.stack:
      - ui.stat: {label: Balance, value: 4820, prefix: "$", count: false}
      - ui.button: {label: Send money}
""", 0.0),
    "laptop": ("""
ui.laptop:
  width: 720
  content:
    ui.row:
      - ui.stat: {label: Uptime, value: 99.9, decimals: 1, suffix: "%", count: false}
      - ui.stat: {label: Incidents, value: 2, count: false}
""", 0.0),
    "stack-row-grid": ("""
ui.grid:
  columns: 3
  width: 720
  gap: md
  children:
    - ui.badge: {text: Draft, tone: muted}
    - ui.badge: {text: In review, tone: accent}
    - ui.badge: {text: Approved, tone: success}
    - ui.badge: {text: Blocked, tone: danger}
    - ui.badge: {text: New, tone: primary}
    - ui.avatar: {name: Maya Chen}
""", 0.0),
    "card": ("""
ui.card:
  title: Vendor risk
  subtitle: Updated 5 minutes ago
  width: 480
  children:
    - ui.text: {text: Two vendors need a review before Friday.}
""", 0.0),
    "stat": ("""
ui.stat: {label: Resolved today, value: 342, delta: "+12%", width: 360}
""", 2.0),
    "button": ("""
ui.row:
  justify: start
  gap: md
  width: 640
  children:
    - ui.button: {label: Approve}
    - ui.button: {label: Hover, state: hover}
    - ui.button: {label: Pressed, state: pressed}
    - ui.button: {label: Cancel, variant: secondary}
""", 0.0),
    "input": ("""
ui.input: {label: Work email, text: maya@northwind.example, typing: {at: 0, speed: 20}, width: 480}
""", 0.6),
    "toggle": ("""
ui.stack:
  width: 320
  gap: md
  children:
    - ui.toggle: {label: Auto-approve low risk, checked: true}
    - ui.toggle: {label: Notify owners}
""", 0.0),
    "badge": ("""
ui.row:
  justify: start
  gap: sm
  width: 480
  children:
    - ui.badge: {text: High, tone: danger}
    - ui.badge: {text: Low, tone: success}
    - ui.badge: {text: Pending, tone: accent}
""", 0.0),
    "avatar": ("""
ui.row:
  justify: start
  gap: sm
  width: 320
  children:
    - ui.avatar: {name: Jon Ortiz}
    - ui.avatar: {name: Maya Chen}
    - ui.avatar: {name: Lee Park, size: 64}
""", 0.0),
    "table": ("""
ui.table:
  columns: [Vendor, Risk, Owner, Spend]
  rows: [[Acme Freight, High, J. Ortiz, 48200], [Blue Harbor, Low, M. Chen, 12950], [Cedar Labs, Medium, L. Park, 7310]]
  highlight: 1
  width: 720
""", 0.0),
    "table-cells": ("""
ui.table:
  columns: [Invoice, Owner, Status, Paid, Amount]
  rows:
    - [INV-1042, {avatar: Jane Doe}, {pill: Matched, tone: success}, {icon: check, tone: success}, 4820]
    - [INV-1043, {avatar: MC}, {pill: Review, tone: accent}, {icon: clock}, 1290]
    - [INV-1044, {avatar: Leo Park, color: accent}, {pill: Rejected, tone: danger}, {icon: cross, tone: danger}, 310]
  highlight: INV-1043
  width: 800
""", 0.0),
    "chart-bar": ("""
ui.chart: {type: bar, title: Reviews per day, data: {Mon: 120, Tue: 180, Wed: 150, Thu: 210, Fri: 260}, width: 640}
""", 2.0),
    "chart-line": ("""
ui.chart: {type: line, title: Signups, data: {Jan: 1200, Feb: 1850, Mar: 1640, Apr: 2400}, width: 640}
""", 2.0),
    "chart-donut": ("""
ui.chart: {type: donut, title: Risk mix, data: {Low: 58, Medium: 27, High: 15}, width: 560}
""", 2.0),
    "code": ("""
ui.code:
  title: approve.py
  language: python
  highlight: [3]
  width: 720
  code: |
    def approve(reviews):
        # approve everything low risk
        done = [r for r in reviews if r.risk == "low"]
        return len(done)
""", 0.0),
    "toast": ("""
ui.toast: {title: Done, text: 342 reviews approved}
""", 0.0),
    "sidebar": ("""
ui.sidebar:
  title: Northwind
  items: [Overview, {label: Reviews, badge: "12"}, Vendors, Settings]
  active: Reviews
  height: 360
""", 0.0),
}


def example_layer(name: str) -> dict:
    return yaml.safe_load(EXAMPLES[name][0])


def render_example(name: str, kit, base_dir: Path = Path(".")) -> np.ndarray:
    """The example drawn alone at its time: a premultiplied RGBA array."""
    from compositor.composite import rasterize
    from overlays.base import BuildContext
    from overlays.registry import KINDS

    data = example_layer(name)
    key = next(k for k in data if k in KINDS)
    kind = KINDS[key]
    model = kind.model.model_validate(data)
    ctx = BuildContext(kit=kit, base_dir=base_dir, size=(1920, 1080), fps=30)
    overlay = kind.build(model, ctx, ("layers", 0))
    return rasterize(overlay, EXAMPLES[name][1], 1.0, 1.0)
