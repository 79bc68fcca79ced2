"""Reading a Lottie (Bodymovin JSON, or a `.lottie` archive) once at load, checked, self-contained.

Every problem names the Lottie file's own FILE:LINE (not JSON, a version no player reads, missing images), and the
result carries every image inlined as a `data:` URI, so the player never reads a file at draw time.
"""
from __future__ import annotations

import base64
import json
import mimetypes
import re
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator, Optional

from compositor.errors import FieldError

MAJOR_VERSIONS = (3, 4, 5)      # Bodymovin 3.x, 4.x and 5.x: 3.x and early 4.x upgraded at load (lottie_old_versions)


@dataclass
class LottieDoc:
    data: dict                   # the animation, images inlined
    text: str                    # the JSON source (for FILE:LINE)
    file: Path
    fr: float
    ip: float
    op: float
    w: int
    h: int

    def line_of(self, pattern: str) -> int:
        """The line of the first match of a regex in the JSON text (1 when absent)."""
        m = re.search(pattern, self.text)
        return self.text.count("\n", 0, m.start()) + 1 if m else 1


def _where(file: Path, base: Path, line: int, col: Optional[int] = None) -> str:
    try:
        name = file.relative_to(base)
    except ValueError:
        name = file
    return f"{name}:{line}" + (f":{col}" if col else "")


def read_lottie(file: Path, base_dir: Path, field: tuple) -> LottieDoc:
    """The checked animation; FieldError at `field` with the Lottie's FILE:LINE otherwise."""
    images: dict[str, bytes] = {}
    if file.suffix.lower() == ".lottie":
        text, images = _from_archive(file, base_dir, field)
    else:
        raw = file.read_bytes()
        try:
            text = raw.decode("utf-8-sig")
        except UnicodeDecodeError:
            raise FieldError(field, f"{_where(file, base_dir, 1)}: not a Lottie file (not UTF-8 text)",
                             "export the animation as Lottie JSON (Bodymovin) or .lottie")
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise FieldError(field, f"{_where(file, base_dir, exc.lineno, exc.colno)}: not JSON ({exc.msg})",
                         "export the animation again as Lottie JSON (Bodymovin)")
    if not isinstance(data, dict) or "layers" not in data:
        raise FieldError(field, f"{_where(file, base_dir, 1)}: JSON but not a Lottie animation (no 'layers')",
                         "point the layer at a Bodymovin/Lottie export")
    doc = LottieDoc(data, text, file, 0, 0, 0, 0, 0)
    _check_header(doc, base_dir, field)
    _inline_images(doc, base_dir, field, images)
    return doc


def _check_header(doc: LottieDoc, base: Path, field: tuple) -> None:
    d = doc.data
    v = d.get("v")            # none written: the current format, as lottie-web and Skottie read such a file
    m = re.match(r"^(\d+)\.\d+", str(v)) if v is not None else None
    if v is not None and (m is None or int(m.group(1)) not in MAJOR_VERSIONS):
        line = doc.line_of(r'"v"\s*:')
        raise FieldError(field, f"{_where(doc.file, base, line)}: Lottie version {v!r} is not supported",
                         "export with Bodymovin 3.x to 5.x (the 'v' field, e.g. \"5.7.4\"); files before 3.0 "
                         "are in another format")
    for key, what in (("fr", "frame rate"), ("w", "width"), ("h", "height")):
        value = d.get(key)
        if not isinstance(value, (int, float)) or value <= 0:
            line = doc.line_of(rf'"{key}"\s*:')
            raise FieldError(field, f"{_where(doc.file, base, line)}: '{key}' ({what}) must be a positive number, "
                                    f"got {value!r}", "export the animation again")
    ip, op = d.get("ip"), d.get("op")
    if not isinstance(ip, (int, float)) or not isinstance(op, (int, float)) or op <= ip:
        line = doc.line_of(r'"op"\s*:')
        raise FieldError(field, f"{_where(doc.file, base, line)}: 'ip'/'op' must be frame numbers with op > ip, "
                                f"got {ip!r}/{op!r}", "export the animation again")
    doc.fr, doc.ip, doc.op, doc.w, doc.h = float(d["fr"]), float(ip), float(op), int(d["w"]), int(d["h"])


def _inline_images(doc: LottieDoc, base: Path, field: tuple, packed: dict[str, bytes]) -> None:
    for asset in doc.data.get("assets") or []:
        p = asset.get("p")
        if not isinstance(p, str) or "layers" in asset:
            continue                                     # a precomposition, not an image
        if p.startswith("data:"):
            asset["e"] = 1                               # embedded: without "e": 1 the player looks for a file
            continue
        rel = (asset.get("u") or "") + p
        blob = packed.get(rel) or packed.get(p)
        if blob is None:
            candidate = (doc.file.parent / rel)
            if candidate.is_file():
                blob = candidate.read_bytes()
        if blob is None:
            line = doc.line_of(r'"p"\s*:\s*"' + re.escape(p) + '"')
            raise FieldError(field, f"{_where(doc.file, base, line)}: image {rel!r} of asset "
                                    f"{asset.get('id')!r} not found",
                             f"put it at {doc.file.parent / rel} or embed it (Bodymovin: 'Include in json')")
        mime = mimetypes.guess_type(p)[0] or "image/png"
        asset["u"], asset["p"], asset["e"] = "", f"data:{mime};base64,{base64.b64encode(blob).decode()}", 1


def _from_archive(file: Path, base: Path, field: tuple) -> tuple[str, dict[str, bytes]]:
    """The first animation of a dotLottie archive (v1 `animations/`, v2 `a/`) and its images by name."""
    try:
        z = zipfile.ZipFile(file)
    except zipfile.BadZipFile:
        raise FieldError(field, f"{_where(file, base, 1)}: not a .lottie archive (not a zip file)",
                         "export a dotLottie file again, or use the Lottie JSON")
    with z:
        names = z.namelist()
        anims = sorted(n for n in names if n.startswith(("animations/", "a/")) and n.endswith(".json"))
        if "manifest.json" in names:
            try:
                manifest = json.loads(z.read("manifest.json"))
                first = (manifest.get("animations") or [{}])[0].get("id")
                preferred = [n for n in anims if Path(n).stem == first]
                anims = preferred + [n for n in anims if n not in preferred]
            except (ValueError, AttributeError):
                pass
        if not anims:
            raise FieldError(field, f"{_where(file, base, 1)}: the .lottie archive holds no animation",
                             "export a dotLottie file with at least one animation")
        try:
            text = z.read(anims[0]).decode("utf-8-sig")
        except UnicodeDecodeError:
            raise FieldError(field, f"{_where(file, base, 1)}: {anims[0]} is not UTF-8 JSON",
                             "export the dotLottie file again")
        images = {}
        for n in names:
            if n.startswith(("images/", "i/")) and not n.endswith("/"):
                images[Path(n).name] = z.read(n)
                images[n] = images[Path(n).name]
        return text, images


def animated_values(prop) -> Iterator[list]:
    """Every value list of an animatable property: its static `k`, or each keyframe's start and end."""
    if not isinstance(prop, dict):
        return
    k = prop.get("k")
    if isinstance(k, list) and k and isinstance(k[0], (int, float)):
        yield k
    elif isinstance(k, list):
        for key in k:
            if isinstance(key, dict):
                for side in ("s", "e"):
                    if isinstance(key.get(side), list):
                        yield key[side]


def drop_entries(layers, key: str, unwanted) -> int:
    """Remove, in place, the entries of each layer's list `key` (`ef`, `sy` …) for which `unwanted(entry)` holds,
    and the key itself where nothing is left; how many were removed."""
    dropped = 0
    for layer in layers:
        entries = layer.get(key) if isinstance(layer, dict) else None
        if not isinstance(entries, list):
            continue
        kept = [e for e in entries if not unwanted(e)]
        dropped += len(entries) - len(kept)
        if kept:
            layer[key] = kept
        else:
            del layer[key]
    return dropped
