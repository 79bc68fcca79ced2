"""`compositor doctor`: check the machine before a render. Each check is a small function returning Findings;
a finding names what is wrong and how to fix it. Severity: "error" (a render would fail or be wrong: exit 2),
"tests" (a tool only the test suite needs: reported, fails only with --tests), "ok"."""
from __future__ import annotations

import os
import shutil
import sys
import tempfile
from dataclasses import asdict, dataclass
from importlib import metadata
from pathlib import Path
from typing import Optional

ROOT = Path(__file__).resolve().parents[1]
ENCODERS = ("libx264", "prores_ks", "libvpx-vp9", "aac", "libopus")
TEST_TOOLS = {"tesseract": "apt-get install tesseract-ocr", "espeak-ng": "apt-get install espeak-ng",
              "chromium": "apt-get install chromium"}
MIN_FREE_GB = 2.0


@dataclass
class Finding:
    check: str
    severity: str      # ok | error | tests
    message: str
    fix: str = ""


def check_python() -> list[Finding]:
    v = sys.version_info
    if v < (3, 10):
        return [Finding("python", "error", f"Python {v.major}.{v.minor} is too old", "install Python 3.10 or newer")]
    return [Finding("python", "ok", f"Python {v.major}.{v.minor}.{v.micro}")]


def check_torch() -> list[Finding]:
    try:
        import torch
    except Exception as exc:  # noqa: BLE001 - any import failure is the finding
        return [Finding("torch", "error", f"torch does not import: {exc}", "run: bash install.sh")]
    device = "CUDA " + torch.cuda.get_device_name(0) if torch.cuda.is_available() else "CPU"
    return [Finding("torch", "ok", f"torch {torch.__version__}, device {device}")]


def check_encoders() -> list[Finding]:
    import av

    out = []
    for name in ENCODERS:
        try:
            av.codec.Codec(name, "w")
            out.append(Finding(f"encoder:{name}", "ok", f"{name} available"))
        except Exception:  # noqa: BLE001 - PyAV raises several kinds for a missing codec
            out.append(Finding(f"encoder:{name}", "error", f"PyAV has no {name} encoder",
                               "reinstall av from PyPI (its wheels bundle these encoders): "
                               "pip install --force-reinstall -c constraints.txt av"))
    return out


def check_kit_fonts(kit: Path) -> list[Finding]:
    import skia
    import yaml

    data = yaml.safe_load((kit / "brand.yaml").read_text()) or {}
    out = []
    for token, rel in (data.get("fonts") or {}).items():
        path = kit / str(rel)
        if not path.is_file() or skia.Typeface.MakeFromFile(str(path)) is None:
            out.append(Finding(f"font:{kit.name}:{token}", "error",
                               f"{kit / 'brand.yaml'}: fonts.{token}: {rel} is missing or not a readable font",
                               f"put the .ttf/.otf file at {path} or fix the path in brand.yaml"))
        else:
            out.append(Finding(f"font:{kit.name}:{token}", "ok", f"{token}: {rel}"))
    return out


OCR_LANGUAGES = ("eng", "ara", "hin", "tha")    # the scripts the neutral kit sets, read back by `compositor qc`


def check_test_tools() -> list[Finding]:
    out = [Finding(f"tool:{t}", "ok", f"{t} found") if shutil.which(t) else
           Finding(f"tool:{t}", "tests", f"{t} not found (the test suite needs it)", fix)
           for t, fix in TEST_TOOLS.items()]
    if shutil.which("tesseract"):
        out += check_ocr_languages()
    return out


def check_ocr_languages() -> list[Finding]:
    """Tesseract's data for each script `compositor qc` reads in the shipped kits and tests (docs/qc.md)."""
    from .qc.scripts import installed_languages, package_of

    have = installed_languages()
    return [Finding(f"ocr:{lang}", "ok", f"tesseract reads {lang}") if lang in have else
            Finding(f"ocr:{lang}", "tests", f"tesseract has no {lang} data (qc warns instead of reading those "
                    "texts; the test suite needs it)", f"apt-get install {package_of(lang)}")
            for lang in OCR_LANGUAGES]


def check_cache(cache: Path) -> list[Finding]:
    probe = cache
    while not probe.exists() and probe != probe.parent:
        probe = probe.parent
    out = []
    try:
        if not os.access(probe, os.W_OK):
            raise PermissionError(str(probe))
        if probe.is_file():
            raise NotADirectoryError(str(probe))
        # try a write where the cache is (or where it would be created), leaving nothing behind
        tempfile.TemporaryDirectory(dir=probe, prefix=".doctor.").cleanup()
        out.append(Finding("cache:writable", "ok", f"{cache} is writable"))
    except OSError:
        out.append(Finding("cache:writable", "error", f"cache folder {cache} is not writable",
                           "set COMPOSITOR_CACHE to a writable folder, or fix the folder's permissions"))
    free = shutil.disk_usage(probe).free / 1e9
    if free < MIN_FREE_GB:
        out.append(Finding("cache:disk", "error", f"only {free:.1f} GB free for caches at {probe}",
                           f"free at least {MIN_FREE_GB:g} GB or point COMPOSITOR_CACHE at a larger disk"))
    else:
        out.append(Finding("cache:disk", "ok", f"{free:.1f} GB free at {probe}"))
    return out


def check_versions(lock: Path = ROOT / "constraints.txt") -> list[Finding]:
    if not lock.is_file():
        return [Finding("versions", "ok", "no constraints.txt beside the package (installed from a wheel)")]
    out = []
    for line in lock.read_text().splitlines():
        if "==" not in line or line.startswith("#"):
            continue
        name, want = line.strip().split("==")
        try:
            have = metadata.version(name)
        except metadata.PackageNotFoundError:
            continue   # optional extras not installed
        if have != want:
            sev = "error" if name == "opencv-python-headless" else "tests"
            out.append(Finding(f"version:{name}", sev, f"{name} {have} installed, constraints.txt says {want}",
                               f"pip install -c constraints.txt {name}=={want} (or, after the suite passes, "
                               "python3 scripts/lock.py)"))
    return out or [Finding("versions", "ok", "installed versions match constraints.txt")]


def run_checks(kits: list[Path], cache: Path) -> list[Finding]:
    found = check_python() + check_torch() + check_encoders()
    for kit in kits:
        found += check_kit_fonts(kit)
    return found + check_test_tools() + check_cache(cache) + check_versions()


def failed(findings: list[Finding], tests: bool) -> bool:
    return any(f.severity == "error" or (tests and f.severity == "tests") for f in findings)


def as_dicts(findings: list[Finding]) -> list[dict]:
    return [asdict(f) for f in findings]


def kits_for(target: Optional[Path]) -> tuple[list[Path], Path]:
    """(kit folders, cache folder) for a project file, a kit folder, or nothing (the shipped kits)."""
    from brand.kit import KITS_DIR, find_kit

    env = os.environ.get("COMPOSITOR_CACHE")
    if target is None:
        kits = sorted(p for p in KITS_DIR.iterdir() if (p / "brand.yaml").is_file())
        return kits, Path(env) if env else Path.cwd() / ".compositor-cache"
    target = Path(target)
    if target.is_dir() and (target / "brand.yaml").is_file():
        return [target], Path(env) if env else Path.cwd() / ".compositor-cache"
    import yaml

    data = yaml.safe_load(target.read_text()) or {}
    brand = data.get("brand") if isinstance(data, dict) else None
    ref = brand if isinstance(brand, str) else (brand or {}).get("kit") if isinstance(brand, dict) else None
    kits = [find_kit(ref, target.parent)] if ref else []
    return kits, Path(env) if env else target.parent / ".compositor-cache"
