"""How faithfully `lottie:` layers draw third-party Lottie files: each file of bench/lottie-corpus (public Lottie
test suites, bench/lottie-corpus/SOURCES.md) against Skia's Skottie, an independent player.

Each file is loaded the way a `lottie:` layer loads it (checks, image inlining, normalisation, refusals) and drawn
by the layer's own player at the Lottie frame the layer shows at 5 shot times spread over the animation
(`LottieOverlay.lottie_frame`: frame-exact timing, the file's `ip` included); Skottie (canvaskit-wasm under node,
bench/skottie) draws the same moments. Both are compared as premultiplied RGBA at the file's size (at most 512 px
on the long side).

  match    every time: mean absolute difference <= 3 levels and 99th percentile (of the per-pixel largest
           channel difference) <= 40
  differs  some time is over either bound
  refused  the layer refuses the file (exit 2 in a render), with the message; a file the player dies on at one of
           the times compared is refused so too (the layer tries those frames in a child process first)
  crash    the player died (a signal) or raised on the file, past the layer's own checks
  ref-gap  differs, where Skottie is shown to draw the file unlike lottie-web (Bodymovin's own player), to leave
           out a feature that rlottie and the layer draw, or to be the further from the exact picture (REFERENCE_GAPS,
           each with its evidence); not a match
  no-ref   Skottie cannot draw it (not counted)

    (cd bench/skottie && npm ci) && python3 bench/lottie_corpus.py [-v] [--dump DIR] [NAME ...]
    python3 bench/lottie_corpus.py --goldens     # rewrite tests/golden/lottie-skottie (Skottie's frames)
"""
from __future__ import annotations

import json
import math
import multiprocessing as mp
import subprocess
import sys
import tempfile
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
CORPUS = REPO / "bench" / "lottie-corpus"
SKOTTIE = REPO / "bench" / "skottie"
TIMES = (0.0, 0.23, 0.47, 0.71, 0.96)         # fractions of the animation's length
MAX_SIDE = 512
MEAN_LIMIT, P99_LIMIT = 3.0, 40.0
REFERENCE_GAPS = {
    "lottie-docs/stroke.json":
        "Skottie reads a stroke's dash entries by position, the last one as the offset (Dashing.cpp: intervals "
        "then a single trailing offset, as After Effects exports them), whatever their `n`; this hand-written "
        "file lists the offset first (o 0, d 100, g 0), so Skottie dashes 0 on, 100 off and draws round dots "
        "where the star should be. lottie-web reads each entry by its `n` (DashProperty: every entry but 'o' is "
        "a dash or gap, 'o' the offset) and draws the solid star stroke, as ours does",
    "lottie-android/InterpolateBetweenOpacityStops.json":
        "Skottie drops a layer whose track matte draws nothing: the matte here is a rectangle path with no paint, "
        "which builds no render node, and sksg::MaskEffect::Make returns null without a mask node, so the "
        "ellipse under its inverted alpha matte vanishes; an empty matte's alpha is 0 everywhere, which inverted "
        "shows the whole layer (lottie-android, whose test file this is, skips the matte bounds for inverted "
        "mattes and draws it). Given the same matte an invisible fill (opacity 0), Skottie draws the ellipse and "
        "the file is within mean 1.07, p99 12 of ours",
    "lottie-android/dalek_converted.json":
        "Skottie reads the 0-255 fill colours of a Bodymovin 3.1.6 file as 0-1 and draws the near-black (7, 6, 6) "
        "Dalek white; lottie-web divides the colours of files before 4.1.9 by 255 (DataManager.js checkColors) and "
        "lottie-android's ColorParser reads colours above 1 as 0-255, both drawing it black as ours does; with its "
        "colours divided by 255 in the file, Skottie draws it within mean 0.29, p99 15 of ours "
        "(bench/lottie_old_version_cases.py)",
    "lottie-android/dalek.json": "the same file as lottie-web/dalek.json: Bodymovin 3.1.6 colours in 0-255, as dalek_converted",
    "lottie-web/dalek.json": "Bodymovin 3.1.6 colours in 0-255, as dalek_converted: lottie-web scales them, Skottie draws white",
    "lottie-android/adrock.json":
        "colours stored as 0-255 (Bodymovin 4.0.3), as lottie-web/adrock.json: lottie-web scales them (files "
        "older than 4.1.9), Skottie draws every shape white",
    "lottie-android/adrock_converted.json": "as lottie-android/adrock.json: colours in 0-255, Skottie draws white",
    "lottie-android/tigerobo_demo.json":
        "colours stored as 0-255 (Bodymovin 4.0.0), as adrock: lottie-web scales them, Skottie draws white",
    "lottie-ios/pr_2305.json": "the same file as lottie-android/BounceEasings.json (see there)",
    "lottie-android/Repeater.json":
        "Skottie repeats only painted shapes above a repeater, so the first repeater (a bare rectangle above it) "
        "repeats nothing and Skottie draws 2 squares; After Effects' rule repeats the rectangle and the fills "
        "below paint every copy: lottie-android's RepeaterContent.absorbContent (whose comment names this very "
        "structure: rectangle, repeater 1, fill, repeater 2) and lottie-web's RepeaterModifier (everything above "
        "it, paths included) draw 4 squares, as ours does, each painted once",
    "lottie-android/StarSkew.json":
        "Skottie turns the skew axis the other way from lottie-web: the star put through lottie-web's skew matrix "
        "(rotate sa, shear tan(-sk), rotate -sa) differs from ours by 232 and 187 pixels at frames 14 and 28, "
        "from Skottie's by 2447 and 3107 (of ~3100 filled); rlottie draws no skew",
    "rlottie/polystar_anim.json":
        "Skottie draws no polystar roundness (its stars have straight edges for any is/os); rlottie draws it and "
        "agrees with ours at frame 0 (mean 0.2), not at the fractional point counts later",
    "lottie-android/ReversedStar.json":
        "Skottie ignores a polystar's direction (d: 3, reversed): its frames are identical with d: 1, so the trim "
        "path shows the piece clockwise from the top; lottie-web walks a reversed star anticlockwise (dir -1 in "
        "convertStarToPath) and the star rebuilt that way as an explicit path draws within 1 pixel of ours at "
        "frames 21.4, 43.7 and 66 (the gap on the right where Skottie's is on the left)",
    "rlottie/static_dynamic_dash.json":
        "Skottie draws no polystar roundness (as in polystar_anim): the star has is 27 / os 73; with both set to 0 "
        "the file draws within mean 0.38, p99 9 of Skottie",
    "rlottie/dynamic_path_test.json":
        "Skottie draws no polystar roundness (as in polystar_anim): the star has is 27 / os 73; with both set to 0 "
        "the file draws within mean 0.50, p99 2 of Skottie",
    "lottie-android/TriangleLargeStroke.json":
        "Skottie draws no polystar roundness (as in polystar_anim): the rounded triangle has os 30; with os set to 0 "
        "the file draws within mean 0.05, p99 1 of Skottie, and rlottie draws the rounded corners as ours does",
    "lottie-android/MatteTimeStretchScan.json":
        "Skottie measures a motion path's length on a flattened copy (SkContourMeasure), so the scanner bar moving "
        "along a straight path with uneven handles sits 0.19 px off: at frames 10 and 46 of the layer the exact arc-length "
        "position puts the bar's centre at y 14.916 and 111.047, ours at 14.939 and 111.061, Skottie's at 14.749 "
        "and 111.251 (its hard 4 px edges then differ by up to 96 levels)",
    "lottie-android/win_result_2.json":
        "Skottie's flattened motion-path length again (as MatteTimeStretchScan): the trophy's body, parent of its "
        "ribbon, moves along a straight path with handles at 1/6 and 5/6 of it; at frames 41.2 and 127.1 the exact "
        "arc-length position puts it at y 230.80 and 211.60, ours at 230.79 and 211.59, Skottie's at 230.94 and "
        "211.47. With the same path's handles at 1/3 (the same straight line, the same exact motion) the file "
        "matches: worst mean 0.68, p99 21 (mean 0.78, p99 41 as the file is)",
    "lottie-android/Thumb.json":
        "antialiasing only, on a 24 px file: Skia covers a pixel in quarter-row steps (a row along the star's "
        "arms all 192), ours by area (183 to 244 as the edge rises); both drawn 16 times larger and box-filtered "
        "down agree within mean 0.09, p99 2, and that exact-coverage frame is closer to ours (mean 0.80, p99 25) "
        "than to Skottie's (mean 1.54, p99 33)",
    "lottie-web/adrock.json":
        "colours stored as 0-255 (Bodymovin 4.0.0): lottie-web, whose own test file this is, divides every fill "
        "and stroke colour of a file older than 4.1.9 by 255 (player/js/utils/DataManager.js, checkColors), as "
        "ours does; Skottie clamps them to 1 and draws every shape white",
    "lottie-web/gatin.json":
        "colours stored as 0-255 (Bodymovin 4.0.0), as in adrock: lottie-web scales them, Skottie draws white",
    "rlottie/repro_propertyhelper_type_confusion1.json":
        "Skottie draws no polystar roundness (as in polystar_anim): the star has is 231 and an animated os; with "
        "both set to 0 the file draws within mean 0.42, p99 14 of Skottie",
    "lottie-android/favourite_app_icon.json":
        "antialiasing only, at frame 0 of a 44 px file: a star stroked 1 px wide with mitred corners. Drawn 8 times "
        "larger the two match (mean 0.06, p99 1); Skottie drawn 16 times larger and box-filtered down (the exact "
        "coverage) is within mean 0.32, p99 8 of ours and mean 0.88, p99 48 of Skottie's own frame",
    "lottie-android/jolly_walker.json":
        "Skottie turns the skew axis the other way from lottie-web, as in StarSkew: the ground's spots are ellipses "
        "in groups skewed by -46 degrees on an 18 degree axis; with every such group's axis (sa) negated, ours draws "
        "within mean 0.21, p99 15 of Skottie's frames at all 5 times (mean 0.74, p99 56 as the file is)",
    "rlottie/jolly_walker.json":
        "the same file as lottie-android/jolly_walker.json: Skottie's skew axis turned the other way",
    "lottie-ios/pr_1632_1.json":
        "Skottie draws a keyframed property marked static (`\"a\": 0`) at its default: the fill's opacity keyframes "
        "(held at 0, then 100 to 0) are refused (AnimatablePropertyContainer::bindImpl: 'Could not parse (explicit) "
        "static property') and the square is drawn opaque throughout; lottie-web (PropertyFactory.getProp) and "
        "lottie-android read the keyframes whatever `a` says, as ours does. With `a` set to 1, Skottie animates "
        "the keyframes and the file matches: mean 0.24, p99 1",
    "lottie-ios/pr_1632_2.json":
        "as pr_1632_1: opacity keyframes under `\"a\": 0`, which Skottie leaves out (drawing opacity 100); with "
        "`a` set to 1 the file matches: mean 0.30, p99 2",
    "lottie-android/BounceEasings.json":
        "an ease overshooting past 1 on a curved motion path: lottie-web holds the path's end point there "
        "(its spatial interpolation stops at the last point), as ours does; Skottie extrapolates past it",
}
DUMP = None                                    # --dump DIR: a contact sheet per file, ours over Skottie


def corpus_files(names=()) -> list[Path]:
    files = sorted(p for p in CORPUS.glob("*/*.json"))
    return [p for p in files if not names or any(n in str(p.relative_to(CORPUS)) for n in names)]


def plan(file: Path) -> tuple[int, int, list[float]]:
    """The drawing size and the shot times (s) compared: TIMES of the span the layer plays."""
    d = json.loads(file.read_text(encoding="utf-8-sig"))
    scale = min(1.0, MAX_SIDE / max(d["w"], d["h"]))
    w, h = max(1, round(d["w"] * scale)), max(1, round(d["h"] * scale))
    span = (float(d["op"]) - float(d["ip"]) - 1) / float(d["fr"])
    return w, h, [round(k * max(span, 0.0), 4) for k in TIMES]


def ours(file: Path, w: int, h: int, times: list[float], out: Path) -> dict:
    """Draw the file as a `lottie:` layer would; {'frames': [...]} or {'refused': message}."""
    from compositor.errors import FieldError
    from overlays.lottie import LottieOverlay, load_player
    from overlays.lottie_guard import crash_of
    try:
        doc, player = load_player(file, file.parent, ("lottie",))
    except FieldError as exc:
        return {"refused": str(exc)}
    overlay = LottieOverlay(player, doc.fr, doc.ip, doc.op, 0.0, 1.0, False, (doc.w, doc.h), w, h, "fill")
    shown = {overlay.lottie_frame(t): t for t in times}
    found = crash_of(player, shown, (w, h))           # as `build_lottie` asks before a render
    if found is not None:
        crash, frame, t = found
        return {"refused": f"the Lottie player crashed ({crash.signal}) on {file.name} at frame {frame} ({t} s): "
                           f"refused before the render, as a `lottie:` layer refuses it (exit 2)"}
    frames = []
    for i, t in enumerate(times):
        f = overlay.lottie_frame(t)
        np.save(out / f"ours-{i}.npy", player.frame(f, w, h))
        frames.append(f)
    return {"frames": frames}


def _child(file, w, h, times, out, q):
    try:
        q.put(ours(file, w, h, times, out))
    except Exception as exc:                      # noqa: BLE001 - a bench reports whatever went wrong
        q.put({"error": f"{type(exc).__name__}: {exc}"})


def ours_guarded(file: Path, w: int, h: int, times: list[float], out: Path) -> dict:
    """`ours` in a forked child, so a player that dies of a signal is a 'crash' row, not the end of the bench."""
    ctx = mp.get_context("fork")
    q = ctx.Queue()
    p = ctx.Process(target=_child, args=(file, w, h, times, out, q))
    p.start()
    p.join(300)
    if p.exitcode is None:
        p.kill()
        return {"crash": "timed out"}
    if p.exitcode != 0:
        return {"crash": f"died with exit code {p.exitcode}"}
    got = q.get()
    return {"crash": got["error"]} if "error" in got else got


class Skottie:
    """One node process running bench/skottie/render.js; one JSON job per line."""

    def __init__(self):
        if not (SKOTTIE / "node_modules" / "canvaskit-wasm").is_dir():
            sys.exit("bench/skottie: run `npm ci` there first (needs node and npm)")
        self.proc = subprocess.Popen(["node", "render.js"], cwd=SKOTTIE, stdin=subprocess.PIPE,
                                     stdout=subprocess.PIPE, text=True)

    def render(self, file: Path, frames: list[float], w: int, h: int, out: Path) -> list[np.ndarray] | str:
        self.proc.stdin.write(json.dumps({"file": str(file), "frames": frames, "w": w, "h": h,
                                          "out": str(out / "ref")}) + "\n")
        self.proc.stdin.flush()
        answer = json.loads(self.proc.stdout.readline())
        if not answer["ok"]:
            return answer["error"]
        return [np.fromfile(out / f"ref-{i}.rgba", np.uint8).reshape(h, w, 4) for i in range(len(frames))]


def difference(a: np.ndarray, b: np.ndarray) -> tuple[float, float]:
    d = np.abs(a.astype(np.int16) - b.astype(np.int16))
    return float(d.mean()), float(np.percentile(d.max(axis=2), 99))


def _layer_lists(doc: dict):
    yield "main", doc.get("layers") or []
    for a in doc.get("assets") or []:
        yield a.get("id"), a.get("layers") or []


def _dump(file: Path, mine: list[np.ndarray], ref: list[np.ndarray]) -> None:
    """Ours (top row) over Skottie (bottom row), on grey, one column per time: for looking at a difference."""
    from PIL import Image
    def over_grey(a):
        a = a.astype(np.float32)
        return (a[..., :3] + 128 * (1 - a[..., 3:] / 255)).astype(np.uint8)
    sheet = np.concatenate([np.concatenate([over_grey(a) for a in row], axis=1) for row in (mine, ref)], axis=0)
    DUMP.mkdir(parents=True, exist_ok=True)
    Image.fromarray(sheet).save(DUMP / (file.parent.name + "-" + file.stem + ".png"))


def judge(file: Path, skottie: Skottie) -> tuple[str, str]:
    w, h, times = plan(file)
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp)
        got = ours_guarded(file, w, h, times, out)
        if "crash" in got:
            return "crash", got["crash"]
        if "refused" in got:
            return "refused", got["refused"]
        doc = json.loads(file.read_text(encoding="utf-8-sig"))
        rel = [f - float(doc["ip"]) for f in got["frames"]]          # Skottie counts frames from ip
        ref = skottie.render(file, rel, w, h, out)
        if isinstance(ref, str):
            return "no-ref", ref
        if DUMP:
            _dump(file, [np.load(out / f"ours-{i}.npy") for i in range(len(ref))], ref)
        worst = max((difference(np.load(out / f"ours-{i}.npy"), r) + (t,) for i, (r, t) in
                     enumerate(zip(ref, times))), key=lambda m: (m[0] > MEAN_LIMIT or m[1] > P99_LIMIT, m[0]))
        verdict = "match" if worst[0] <= MEAN_LIMIT and worst[1] <= P99_LIMIT else "differs"
        measured = f"worst at t={worst[2]:g}s: mean {worst[0]:.2f}, p99 {worst[1]:.0f}"
        key = f"{file.parent.name}/{file.name}"
        if verdict == "differs" and key in REFERENCE_GAPS:
            return "ref-gap", f"{measured} — {REFERENCE_GAPS[key]}"
        if verdict == "differs" and any(l.get("ty") == 5 for _, ls in _layer_lists(doc) for l in ls):
            return "no-ref", "a text layer, and Skottie here has no font manager: it draws no text"
        return verdict, measured


GOLDEN_DIR = REPO / "tests" / "golden" / "lottie-skottie"
GOLDEN_FILES = ("lottie-android/toggle.json", "lottie-android/StartEndFrame.json", "lottie-android/bell.json",
                "lottie-android/MattWithParentAlpha.json", "rlottie/like.json", "lottie-android/TrimPaths.json", "lottie-android/TimeStretchPrecomp.json",
                "lottie-android/TrackMattes.json", "rlottie/gradient_sleepy_loader.json", "lottie-web/starfish.json",
                "lottie-android/GradientFill.json", "lottie-android/ShapeTypes.json",
                "lottie-android/Masks.json", "lottie-web/ripple.json", "lottie-android/SolidLayerTransform.json",
                "skia/skottie-matte-visible.json", "lottie-android/RoundedCorners.json",
                "lottie-android/ShadowPosition2.json", "lottie-android/file_error.json", "lottie-android/StrokeBlur.json",
                "skia/skottie-fill-effect.json", "skia/skottie-time-reverse.json", "skia/skottie-repeater.json",
                "skia/skottie-puckerbloat-effect.json", "skia/skottie-trimpath-modes.json",
                "skia/skottie-transform-skew.json", "lottie-android/LayerBlend_12.json",
                "lottie-android/on_off_settings_switch.json", "skia/skottie-threshold-effect.json",
                "skia/skottie-tritone-effect.json", "skia/skottie-huesaturation-animated.json",
                "skia/skottie-dropshadow-style.json", "skia/skottie-innerglow-style.json",
                "rlottie/3d.json", "lottie-android/GradientColorInterpolation.json", "skia/skottie-3d-2planes.json",
                "skia/skottie-camera-one-node.json", "skia/skottie-3d-rotation-order.json",
                "lottie-android/PrecompBlur.json", "lottie-android/jojo_the_bird.json", "lottie-android/rejection.json",
                "lottie-android/G.json", "lottie-android/JobCard.json", "skia/skottie-camera-parent-3.json",
                "lottie-android/flag_of_mexico.json", "lottie-android/mnemonics.json", "rlottie/image_embedded.json",
                "lottie-android/WeAcceptInlineImage.json", "rlottie/insta_camera.json",
                "lottie-ios/pr_1599.json", "lottie-ios/issue_1223.json", "lottie-ios/issue_1979.json",
                "lottie-ios/issue_1932.json", "lottie-ios/issue_1847.json")
GOLDEN_BOX, GOLDEN_FPS = 160, 10
GOLDEN_BOX_FOR = {"skia/skottie-puckerbloat-effect.json": 500,   # its 2 px strokes drawn at 1/4 are 0.5 px
                                                                  # lines, antialiased otherwise by each player
                  "lottie-android/rejection.json": 360,          # and its 4 px ones at 1/9
                  "lottie-android/JobCard.json": 512,            # its turning card's perspective shows at this size
                  "lottie-ios/issue_1932.json": 720}             # its letters, 20 px wide at full size
GOLDEN_AT = {"lottie-android/ShapeTypes.json": (0.75, 0.97), "lottie-android/GradientColorInterpolation.json": (0.1, 0.22),
             "skia/skottie-fill-effect.json": (0.3, 0.5), "lottie-android/ShadowPosition2.json": (0.1, 0.3),
             "skia/skottie-trimpath-modes.json": (0.75, 0.93), "lottie-android/JobCard.json": (0.16, 0.25),
             "skia/skottie-transform-skew.json": (0.0, 0.5), "lottie-android/jojo_the_bird.json": (0.47, 0.71),
             "lottie-android/rejection.json": (0.47, 0.71), "lottie-android/G.json": (0.55, 0.71),
             "lottie-android/flag_of_mexico.json": (0.71, 0.85),
             "lottie-ios/issue_1847.json": (0.1, 0.5)}    # fractions of the span where the file's feature shows


def write_goldens() -> None:
    """Skottie's frames of a few corpus files, over grey, for tests/lottie/test_lottie_corpus.py (which has no
    node): at most 160 px (or GOLDEN_BOX_FOR), at two shot times on a 10 fps grid (0.1 s steps)."""
    from PIL import Image
    from overlays.lottie import LottieOverlay
    skottie = Skottie()
    GOLDEN_DIR.mkdir(parents=True, exist_ok=True)
    manifest = []
    for rel in GOLDEN_FILES:
        file = CORPUS / rel
        d = json.loads(file.read_text(encoding="utf-8-sig"))
        box = GOLDEN_BOX_FOR.get(rel, GOLDEN_BOX)
        k = next((k for k in range(1, 41) if max(d["w"], d["h"]) <= box * k and d["w"] % k == 0
                  and d["h"] % k == 0), None)                 # a whole divisor keeps the aspect exact
        scale = 1 / k if k else box / max(d["w"], d["h"])
        w, h = max(1, round(d["w"] * scale)), max(1, round(d["h"] * scale))
        span = (float(d["op"]) - float(d["ip"]) - 1) / float(d["fr"])
        times = sorted({math.floor(span * k * GOLDEN_FPS) / GOLDEN_FPS for k in GOLDEN_AT.get(rel, (0.3, 0.75))})
        overlay = LottieOverlay(None, float(d["fr"]), float(d["ip"]), float(d["op"]), 0.0, 1.0, False,
                                (d["w"], d["h"]), w, h, "fill")
        with tempfile.TemporaryDirectory() as tmp:
            ref = skottie.render(file, [overlay.lottie_frame(t) - float(d["ip"]) for t in times], w, h, Path(tmp))
        for t, rgba in zip(times, ref):
            a = rgba.astype(np.float32)
            rgb = np.round(a[..., :3] + 128 * (1 - a[..., 3:] / 255)).astype(np.uint8)
            name = f"{file.parent.name}-{file.stem}-{t:g}s.png"
            Image.fromarray(rgb).save(GOLDEN_DIR / name)
            manifest.append({"file": rel, "size": [w, h], "t": t, "png": name})
    (GOLDEN_DIR / "manifest.json").write_text(json.dumps(manifest, indent=1) + "\n")


def main(argv: list[str]) -> int:
    global DUMP
    if "--goldens" in argv:
        write_goldens()
        return 0
    verbose = "-v" in argv
    if "--dump" in argv:
        i = argv.index("--dump")
        DUMP = Path(argv[i + 1])
        argv = argv[:i] + argv[i + 2:]
    files = corpus_files([a for a in argv if a != "-v"])
    skottie = Skottie()
    counts = {k: 0 for k in ("match", "differs", "ref-gap", "refused", "crash", "no-ref")}
    for file in files:
        verdict, why = judge(file, skottie)
        counts[verdict] += 1
        name = str(file.relative_to(CORPUS))
        if verdict == "refused" and not verbose:
            why = why.splitlines()[0]
        print(f"{verdict:8} {name:48} {why}", flush=True)
    drawn = counts["match"] + counts["differs"] + counts["ref-gap"] + counts["refused"] + counts["crash"]
    print(f"\n{len(files)} files: " + ", ".join(f"{v} {k}" for k, v in counts.items()))
    if drawn:
        print(f"match {counts['match']}/{drawn} = {100 * counts['match'] / drawn:.0f}% of the files Skottie draws "
              f"(refusals count as misses); {counts['match']}/{drawn - counts['refused']} = "
              f"{100 * counts['match'] / max(1, drawn - counts['refused']):.0f}% of those the layer accepts")
        fair = drawn - counts["ref-gap"]
        print(f"leaving out the {counts['ref-gap']} reference gaps: match {counts['match']}/{fair} = "
              f"{100 * counts['match'] / max(1, fair):.0f}% (refusals still count as misses)")
    return 1 if counts["crash"] else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
