"""The self-contained HTML report: inline CSS, thumbnails and crops as PNG data URIs, one table of findings.
Written to a temporary file beside the target and moved over it, so a failed run never leaves half a report."""
from __future__ import annotations

import base64
import html
import json
from pathlib import Path

CSS = """body{font:14px/1.4 system-ui,sans-serif;margin:24px;color:#222}table{border-collapse:collapse;width:100%}
td,th{border-bottom:1px solid #ddd;padding:6px 8px;text-align:left;vertical-align:top}
.pass{color:#17803d}.warn{color:#a86400}.fail{color:#c0182a;font-weight:600}
.shots img{height:90px;margin:0 8px 8px 0}img.crop{max-height:80px;max-width:320px}
.fig{color:#666;font:12px ui-monospace,monospace;margin-top:2px}"""


def data_uri(rgb) -> str:
    import cv2

    ok, buf = cv2.imencode(".png", cv2.cvtColor(rgb, cv2.COLOR_RGB2BGR))
    return "data:image/png;base64," + base64.b64encode(buf.tobytes()).decode("ascii")


def render_html(report: dict, findings: list, thumbs: dict) -> str:
    e = html.escape
    rows = []
    for f in findings:
        img = f'<img class="crop" src="{data_uri(f.image)}">' if f.image is not None and f.image.size else ""
        t = f"{f.t:.2f}s" if f.t is not None else ""
        figs = ", ".join(f"{k}: {json.dumps(v, ensure_ascii=False)}" for k, v in f.figures.items())
        rows.append(f'<tr><td class="{f.status}">{f.status}</td><td>{e(f.check)}</td><td>{e(f.shot or "")}</td>'
                    f'<td>{e(f.layer or "")}</td><td>{t}</td><td>{e(f.message)}<div class="fig">{e(figs)}</div></td>'
                    f'<td>{img}</td></tr>')
    shots = "".join(f'<figure style="display:inline-block;margin:0"><img src="{data_uri(v)}">'
                    f'<figcaption>{e(k)}</figcaption></figure>' for k, v in thumbs.items())
    c = report["counts"]
    return (f'<!doctype html><html><head><meta charset="utf-8"><title>QC {e(report["video"])}</title>'
            f'<style>{CSS}</style></head><body><h1>QC: <span class="{report["status"]}">{report["status"]}</span>'
            f'</h1><p>{e(report["video"])} — {c["pass"]} pass, {c["warn"]} warn, {c["fail"]} fail</p>'
            f'<div class="shots">{shots}</div><table><tr><th>status</th><th>check</th><th>shot</th><th>layer</th>'
            f'<th>time</th><th>what</th><th>crop</th></tr>{"".join(rows)}</table></body></html>')


def write_atomic(path: Path, text: str) -> Path:
    from ..encode import atomic_write_bytes

    return atomic_write_bytes(path, text.encode("utf-8"))


def write_json(path: Path, report: dict) -> Path:
    return write_atomic(path, json.dumps(report, indent=2) + "\n")
