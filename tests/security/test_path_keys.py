"""Every key of the project file that names a file to read is confined to the project (and its kit) folder, and a
refusal never quotes the file. The schema walk below finds every path-like key the project publishes, so a new
one cannot be added without a probe here (and a row in docs/security.md)."""
from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "tests" / "data"
SECRET = "SECRET-LINE-7f3a"

# Model.field -> (project fragment using the outside file {out}, command that must refuse it)
SHELL = """\
compositor: 1
title: probe
output: {{size: [64, 36], fps: 4, file: out.mp4}}
{top}shots:
  - id: a
    duration: 0.5
    background: {background}
    layers: {layers}
"""
PROBES = {
    "ImageBg.image": dict(background="{{image: {out}/s.png}}"),
    "VideoBg.video": dict(background="{{video: {out}/s.mp4}}"),
    "GenerateSpec.image": dict(background="{{generate: {{prompt: a calm field, image: {out}/s.png}}}}"),
    "GenerateSpec.end_on": dict(background="{{generate: {{prompt: a calm field, end_on: {out}/s.png}}}}"),
    "GenerateSpec.start_from": dict(background="{{generate: {{prompt: a calm field, start_from: {out}/s.png}}}}"),
    "ImageLayer.image": dict(layers="[{{image: {out}/s.png}}]"),
    "SvgLayer.svg": dict(layers="[{{svg: {out}/s.svg}}]"),
    "LottieLayer.lottie": dict(layers="[{{lottie: {out}/s.json}}]"),
    "LogoLayer.logo": dict(layers="[{{logo: {out}/s.png}}]"),
    "TextLayer.font": dict(layers="[{{text: Hello, font: {out}/s.ttf}}]"),
    "AvatarSpec.image": dict(layers="[{{ui.avatar: {{name: Ann, image: {out}/s.png}}}}]"),
    "AvatarCell.image": dict(layers="[{{ui.table: {{columns: [Who], rows: [[{{avatar: Ann, image: {out}/s.png}}]]}}}}]"),
    "ReferenceSpec.image": dict(top="references: {{mug: {{image: {out}/s.png}}}}\n"),
    "ReferenceSpec.mask": dict(top="references: {{mug: {{image: here.png, mask: {out}/s.png}}}}\n"),
    "Clip.file": dict(top="audio: {{voice: [{{file: {out}/s.wav}}]}}\n"),
    "Music.file": dict(top="audio: {{music: {{file: {out}/s.wav}}}}\n"),
    "CaptionsSpec.source": dict(top="captions: {{source: {out}/s.srt}}\n"),
    "OutputSpec.file": dict(top=""),        # the shell's output.file is replaced below
    "VariantSpec.file": dict(top=""),
}
# keys whose names look like paths but hold no file: why each is not a path
NOT_PATHS = {
    "GenerateSpec.model": "a model folder: read from the project, COMPOSITOR_MODELS or the built-in "
                          "(tested below)",
    "GenerateSpec.continue_from": "a shot id (its last frame), not a file",
    "CameraTrack.model": "a motion model name (similarity | homography)",
    "CursorSpec.path": "a cursor's motion path (times and points)",
    "ChartSpec.data": "chart values", "UpdateSpec.data": "chart values",
    "CaptionsSpec.voice": "ids of voice clips", "CaptionsSpec.script": "inline words",
    "ProjectSpec.brand": "a kit folder the user names is shared between projects and trusted as a whole; the kit's "
                         "own files must lie inside it (tests/campaign/test_params_and_kits.py)",
    "ProjectSpec.audio": "the audio section", "AudioSpec.voice": "a list of clips", "AudioSpec.music": "a clip",
    "GenerateSpec.audio": "a switch", "GenerateSpec.audio_gain": "a number",
    "GenerateSpec.reference": "names under references:", "ProjectSpec.references": "a table of references",
    "QualitySpec.min_logo_match": "a number", "StatSpec.prefix": "text", "TransitionSpec.direction": "a word",
}
PATHLIKE = re.compile(r"^(file|path|source|image|mask|model|folder|dir|font|logo|src|audio|music|voice|lottie|svg|"
                      r"video|asset|sound|brand|kit|ref|reference|script|data)s?$", re.I)
WHOLE = {"end_on", "start_from", "continue_from"}      # keys that name a file or a shot as a whole


def _schema() -> dict:
    out = subprocess.run([sys.executable, "-m", "compositor", "schema"], capture_output=True, text=True, check=True)
    return json.loads(out.stdout)


def _pathlike_keys(schema: dict) -> set[str]:
    found = set()
    for model, node in schema.get("$defs", {}).items():
        for key in node.get("properties", {}):
            if key in WHOLE or any(PATHLIKE.match(part) for part in key.split("_")):
                found.add(f"{model}.{key}")
    for key in schema.get("properties", {}):
        if key in WHOLE or any(PATHLIKE.match(part) for part in key.split("_")):
            found.add(f"ProjectSpec.{key}")
    return found


def test_every_pathlike_key_is_probed_or_explained():
    keys = _pathlike_keys(_schema())
    unknown = keys - set(PROBES) - set(NOT_PATHS)
    assert not unknown, f"path-like keys with no confinement probe: {sorted(unknown)} — add them to PROBES " \
                        f"(and to the table in docs/security.md) or explain them in NOT_PATHS"


def test_security_doc_lists_every_probed_key():
    doc = (ROOT / "docs" / "security.md").read_text()
    table = "\n".join(line for line in doc.splitlines() if line.startswith("|"))
    missing = [k for k in PROBES if not re.search(rf"`[^`\s]*\b{k.split('.')[1]}\b[^`\s]*`", table)]
    assert not missing, f"docs/security.md's table lacks {missing}"


@pytest.fixture(scope="module")
def outside(tmp_path_factory) -> Path:
    """A folder outside every project, holding a real file of each kind whose first line is a secret."""
    out = tmp_path_factory.mktemp("outside")
    shutil.copy(DATA / "svg" / "rect-simple-case.png", out / "s.png")
    shutil.copy(DATA / "svg" / "rect-simple-case.svg", out / "s.svg")
    shutil.copy(DATA / "lottie" / "Switch.json", out / "s.json")
    shutil.copy(DATA / "audio" / "vo_01.wav", out / "s.wav")
    shutil.copy(next((DATA / "coherence").glob("*.mp4")), out / "s.mp4")
    shutil.copy(next((ROOT / "brand" / "kits").rglob("*.otf")), out / "s.ttf")
    (out / "s.srt").write_text(f"{SECRET}\n00:00:00,000 --> 00:00:01,000\nhi\n")
    shutil.copytree(ROOT / "brand" / "kits" / "neutral", out / "kit")
    return out


def _project(tmp_path: Path, key: str, out: Path) -> Path:
    parts = {"top": "", "background": "{{color: \"#202020\"}}", "layers": "[]", **PROBES[key]}
    text = SHELL.format(**{k: v.format(out=out) for k, v in parts.items()})
    if key == "OutputSpec.file":
        text = text.replace("file: out.mp4", f"file: {out}/written.mp4")
    if key == "VariantSpec.file":
        text = text.replace("file: out.mp4}", f"file: out.mp4, variants: {{sq: {{size: [36, 36], file: "
                                              f"{out}/written.mp4}}}}}}")
    shutil.copy(DATA / "svg" / "rect-simple-case.png", tmp_path / "here.png")
    (tmp_path / "project.yaml").write_text(text)
    return tmp_path / "project.yaml"


@pytest.mark.parametrize("key", sorted(PROBES))
def test_outside_path_is_refused_without_its_content(key, tmp_path, outside, monkeypatch):
    monkeypatch.delenv("COMPOSITOR_ALLOW_OUTSIDE", raising=False)
    proj = _project(tmp_path, key, outside)
    cmd = ["validate", str(proj)]
    if key == "VariantSpec.file":
        cmd = ["render", str(proj), "--variant", "sq"]
    run = subprocess.run([sys.executable, "-m", "compositor", *cmd], capture_output=True, text=True, timeout=120)
    said = run.stdout + run.stderr
    assert run.returncode == 2, f"{key}: exit {run.returncode}\n{said}"
    assert "outside the project" in said, said
    assert re.search(r"project\.yaml:\d+: ", said), said
    assert SECRET not in said
    assert not (outside / "written.mp4").exists()


def test_caption_file_outside_is_not_quoted(tmp_path, outside):
    """The reported case: a caption file outside the project made the parse error quote its first line."""
    proj = _project(tmp_path, "CaptionsSpec.source", outside)
    text = proj.read_text().replace(f"{outside}/s.srt", "/etc/passwd")
    proj.write_text(text)
    run = subprocess.run([sys.executable, "-m", "compositor", "validate", str(proj)], capture_output=True, text=True)
    assert run.returncode == 2
    assert "root:" not in run.stdout + run.stderr


def test_a_model_folder_outside_the_project_and_the_model_stores_is_refused(tmp_path, monkeypatch):
    """A model folder is read from the project or a store the user names in COMPOSITOR_MODELS (never copied
    into each project), nowhere else: its JSON files would otherwise be read from anywhere."""
    store, elsewhere = tmp_path / "store", tmp_path / "elsewhere"
    for folder in (store / "m", elsewhere / "m"):
        folder.mkdir(parents=True)
        (folder / "model_index.json").write_text('{"_class_name": "WanPipeline", "secret": "' + SECRET + '"}')
    proj = tmp_path / "p" / "project.yaml"
    proj.parent.mkdir()
    proj.write_text(SHELL.format(top="", background=f"{{generate: {{prompt: calm, model: {elsewhere / 'm'}}}}}",
                                 layers="[]"))
    monkeypatch.setenv("COMPOSITOR_MODELS", str(store))
    run = subprocess.run([sys.executable, "-m", "compositor", "validate", str(proj)], capture_output=True, text=True)
    said = run.stdout + run.stderr
    assert run.returncode == 2 and "outside the project folder and the model stores" in said, said
    assert "COMPOSITOR_MODELS" in said and SECRET not in said
    proj.write_text(proj.read_text().replace(str(elsewhere), str(store)))
    run = subprocess.run([sys.executable, "-m", "compositor", "validate", str(proj)], capture_output=True, text=True)
    assert "outside" not in run.stdout + run.stderr      # a store is trusted (the folder is then checked as a model)
