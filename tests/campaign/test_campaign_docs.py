"""docs/campaigns.md, run verbatim: its project (with the example kit in a sibling folder), every command of its
shell blocks, its CSVs, its Python example; the problems it prints are the ones the doc shows."""
from __future__ import annotations

import json
import shlex
import shutil
from pathlib import Path

from tests.campaign.campaign_fixtures import folded, ocr_last_frame
from tests.docblocks import fenced_all

REPO = Path(__file__).resolve().parents[2]
DOC = (REPO / "docs" / "campaigns.md").read_text(encoding="utf-8")


def _untagged(text: str) -> list[str]:
    """The bodies of the ``` blocks that name no language (shown output), pairing fences in order."""
    out, body, lang = [], None, None
    for line in text.splitlines():
        if line.startswith("```"):
            if body is None:
                body, lang = [], line[3:].strip()
            else:
                if not lang:
                    out.append("\n".join(body))
                body = None
        elif body is not None:
            body.append(line)
    return out


def _commands(block: str) -> list[list[str]]:
    return [shlex.split(line)[1:] for line in block.splitlines() if line.startswith("compositor ")]


def test_campaign_doc_runs_verbatim(tmp_path, compositor_cli, monkeypatch):
    shutil.copytree(REPO / "projects" / "acme-kit", tmp_path / "acme-kit")
    shutil.copytree(REPO / "projects" / "acme-campaign" / "assets", tmp_path / "promo" / "assets")
    (project_yaml,) = fenced_all(DOC, "yaml")
    (tmp_path / "promo" / "project.yaml").write_text(project_yaml, encoding="utf-8")
    one, batch, check, vertical = (_commands(b) for b in fenced_all(DOC, "sh"))
    rows, bad_rows = fenced_all(DOC, "csv")
    plain = _untagged(DOC)
    renders = tmp_path / "promo" / "renders"

    for args in one:
        r = compositor_cli(*args, cwd=tmp_path, timeout=300)
        assert r.returncode == 0, r.stderr
    assert "hellogloex" in folded(ocr_last_frame(renders / "acme-Globex.mp4")).replace("b", "")
    assert (renders / "acme-Your Team.mp4").is_file()

    # the parameter problem the doc shows, word for word after the folder
    (shown,) = [b for b in plain if "parameter 'accent'" in b]
    r = compositor_cli("render", "promo/project.yaml", "--set", "accent=#FF00FF", cwd=tmp_path)
    assert r.returncode == 2 and shown.strip().split("promo/", 1)[1] in r.stderr, r.stderr

    (tmp_path / "promo" / "rows.csv").write_text(rows, encoding="utf-8")
    r = compositor_cli(*batch[0], cwd=tmp_path, timeout=600)
    assert r.returncode == 0, r.stderr
    summary = json.loads((renders / "batch.json").read_text())
    assert [row["status"] for row in summary["rows"]] == ["ok"] * 10 and summary["ok"] == 10
    names = [line.split(",")[0] for line in rows.splitlines()[1:]]
    assert len(names) == 10 and all((renders / f"acme-{n}.mp4").is_file() for n in names)
    r = compositor_cli(*batch[1], cwd=tmp_path, timeout=300)
    assert r.returncode == 0, r.stderr
    assert [row["row"] for row in json.loads((renders / "batch.json").read_text())["rows"]] == [2, 3]

    (tmp_path / "promo" / "check.csv").write_text(bad_rows, encoding="utf-8")
    r = compositor_cli(*check[0], cwd=tmp_path, timeout=300)
    assert r.returncode == 2, r.stderr
    (expected,) = [b for b in plain if "check.csv:3" in b]
    printed = r.stderr.splitlines()
    for line in expected.strip().splitlines():
        assert any(p.startswith(line) for p in printed), (line, r.stderr)
    statuses = [row["status"] for row in json.loads((renders / "batch.json").read_text())["rows"]]
    assert statuses == ["ok", "failed", "failed"]

    monkeypatch.chdir(tmp_path)
    (code,) = fenced_all(DOC, "python")
    exec(compile(code, "campaigns.md", "exec"), {})
    assert [row["status"] for row in json.loads((renders / "batch.json").read_text())["rows"]] == ["ok", "ok"]

    r = compositor_cli(*vertical[0], cwd=tmp_path, timeout=300)
    assert r.returncode == 0, r.stderr
    import av
    with av.open(str(renders / "acme-Your Team-vertical.mp4")) as c:
        stream = c.streams.video[0]
        assert (stream.width, stream.height) == (360, 640)
