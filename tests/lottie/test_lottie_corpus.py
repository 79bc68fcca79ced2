"""A part of bench/lottie_corpus.py without node: corpus files drawn through `lottie:` layers against frames Skia's
Skottie drew of them (tests/golden/lottie-skottie, written by `python3 bench/lottie_corpus.py --goldens`), with
the bench's bounds: mean absolute difference <= 3 levels, 99th percentile <= 40. The files cover an `ip` that is
not 0 (toggle, StartEndFrame), the Fill effect (bell), a colour's alpha and a masked solid's opacity
(MattWithParentAlpha, like), rectangle edges between pixels (GradientFill), precomposition time stretch,
track mattes, trim paths, mask chains of every form (Masks), fractional polystar point counts (ShapeTypes),
expressions (ripple: drawn from its keyframes, as Skottie does, where the player crashed running them), a
solid's animated opacity (SolidLayerTransform: the player applied it twice), a matte layer that is also
visible (skottie-matte-visible, Skia's own test file), Round Corners on a path, rectangle and polystar
(RoundedCorners: rewritten into Skottie's rounded paths), a Drop Shadow on a scaled shape layer (ShadowPosition2:
measured in composition pixels), thin strokes on a large scale (file_error), an animated Gaussian Blur
(StrokeBlur: the player's blur at its full three box passes), a Gaussian Blur on a precomposition flush with
the picture's sides (PrecompBlur: the blur spreads past its clip and fades at the edge), the Fill effect's opacity (skottie-fill-effect),
layers played backwards (skottie-time-reverse), a repeater with animated count, offset and opacities written
out as its copies (skottie-repeater), Pucker & Bloat with an animated amount on rectangles, ellipses, a star
and a free path (skottie-puckerbloat-effect: rewritten into Skottie's bloated paths), a Trim Paths trimming
three shapes Individually (skottie-trimpath-modes: one trim per shape) and strokes in skewed groups
(skottie-transform-skew: drawn as filled outlines the skew shears; checked at 0 s and 5 s, where its animated
skew axes stand at 0 and 360 degrees, as the players do not agree which way the axis turns), and top-level layers
finished on their own pixels (lottie_passes): the blend modes Hue (LayerBlend_12) and Overlay over transparent
pixels (on_off_settings_switch), Threshold, Tritone over translucent colours, animated Hue/Saturation, and the
layer styles Drop Shadow and Inner Glow (Skia's own test files); a 2D rotation written as `rz`
(jojo_the_bird), polystars under Trim Paths (rejection), wide dashed strokes on circles seen through a matte
(G), 3D layers inside precompositions drawn as sub-animations (flag_of_mexico, mnemonics), and radial gradients
reaching diagonally from their centre (insta_camera: drawn with the true radius), an anchor written as one
number (pr_1599: drawn at the default anchor, as Skottie draws it), a fill faded by its colour's animated alpha
(issue_1223), a 0-100 % Trim Paths with an offset over a trimmed path (issue_1979: left out, as Skottie does) and
small masked parts of turning image layers in a large precomposition (issue_1932)."""
from __future__ import annotations

import json
import shutil
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "foundation"))
from foundation_media import REPO, read_png, render_png_frames  # noqa: E402
from lottie_cells import frame_difference, lottie_project  # noqa: E402

GOLDEN = REPO / "tests" / "golden" / "lottie-skottie"
CORPUS = REPO / "bench" / "lottie-corpus"
CASES = json.loads((GOLDEN / "manifest.json").read_text())
FPS = 10


@pytest.mark.parametrize("file", sorted({c["file"] for c in CASES}))
def test_corpus_file_matches_skottie(tmp_path, file):
    cases = [c for c in CASES if c["file"] == file]
    w, h = cases[0]["size"]
    shutil.copy(CORPUS / file, tmp_path)
    last = max(c["t"] for c in cases)
    p = lottie_project(tmp_path, Path(file).name, (w, h), FPS, last + 0.1, fit="fill")
    frames = render_png_frames(p, tmp_path / "frames")
    for c in cases:
        ref = read_png(GOLDEN / c["png"]).astype(int)
        mean, p99 = frame_difference(frames[round(c["t"] * FPS)], ref)
        assert mean <= 3.0 and p99 <= 40, (c["png"], mean, p99)
        assert ref.std() > 3                                   # the golden shows something
