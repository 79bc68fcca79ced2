"""`compositor doctor` through the real CLI: a healthy run, and checks made to fail for real (an unwritable cache
folder, a kit whose font file is missing or not a font): exit 2 and the fix printed."""
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
KIT = ROOT / "brand" / "kits" / "neutral"


def _doctor(*args, env=None):
    e = dict(os.environ, **(env or {}))
    return subprocess.run([sys.executable, "-m", "compositor", "doctor", *args], capture_output=True, text=True,
                          timeout=300, env=e, cwd=ROOT)


def test_healthy_kit_and_json(tmp_path):
    r = _doctor(str(KIT), "--json", env={"COMPOSITOR_CACHE": str(tmp_path / "cache")})
    found = json.loads(r.stdout)
    assert {f["check"] for f in found} >= {"python", "torch", "encoder:libx264", "encoder:prores_ks",
                                           "encoder:libvpx-vp9", "encoder:aac", "encoder:libopus",
                                           "font:neutral:body", "cache:writable", "cache:disk"}
    errors = [f for f in found if f["severity"] == "error"]
    assert r.returncode == (2 if errors else 0), errors
    assert "Traceback" not in r.stderr


def test_unwritable_cache_fails_with_the_fix(tmp_path):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    r = _doctor(str(KIT), env={"COMPOSITOR_CACHE": str(blocker / "cache")})
    assert r.returncode == 2, r.stdout + r.stderr
    assert "FAIL cache:writable" in r.stdout
    assert "set COMPOSITOR_CACHE to a writable folder" in r.stdout
    assert "Traceback" not in r.stderr


def test_kit_with_missing_and_fake_font_fails(tmp_path):
    kit = tmp_path / "kit"
    shutil.copytree(KIT, kit)
    fonts = sorted((kit / "fonts").glob("*.ttf"))
    fonts[0].unlink()
    fonts[1].write_bytes(b"this is not a font")
    r = _doctor(str(kit), "--json", env={"COMPOSITOR_CACHE": str(tmp_path / "cache")})
    assert r.returncode == 2
    bad = [f for f in json.loads(r.stdout) if f["check"].startswith("font:") and f["severity"] == "error"]
    assert len(bad) == 2, bad
    assert all("put the .ttf/.otf file at" in f["fix"] for f in bad)


def test_ocr_language_data_is_checked_with_its_package(monkeypatch):
    """`doctor --tests` lists tesseract's data for each script qc reads in the shipped kits; a missing one names
    its Debian package."""
    from compositor import doctor
    from compositor.qc import scripts

    found = {f.check: f for f in doctor.check_ocr_languages()}
    assert set(found) == {"ocr:eng", "ocr:ara", "ocr:hin", "ocr:tha"}
    assert all(f.severity == "ok" for f in found.values())          # install.sh installs them
    monkeypatch.setattr(scripts, "installed_languages", lambda: frozenset({"eng", "ara", "tha"}))
    [bad] = [f for f in doctor.check_ocr_languages() if f.severity != "ok"]
    assert bad.check == "ocr:hin" and bad.fix == "apt-get install tesseract-ocr-hin"
