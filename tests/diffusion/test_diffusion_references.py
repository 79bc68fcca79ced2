"""`references:` and `generate.reference`: every family gets the reference inputs it declares (asserted on what
the diffusers pipeline received), and bad input is refused with FILE:LINE."""
import numpy as np
import pytest
from PIL import Image

from compositor.diffusion.references import References, ReferenceSpec, resolve
from compositor.errors import FieldError, UserError
from compositor.sources.generate import GenerateSource
from diffusion_helpers import make_ctx, spy_calls

CLASSES = ("WanPipeline", "WanImageToVideoPipeline", "WanVACEPipeline", "LTXPipeline", "LTXImageToVideoPipeline",
           "LTXConditionPipeline")


@pytest.fixture
def received(monkeypatch):
    """(class name, keyword arguments) of every diffusers pipeline call, each then run for real."""
    return spy_calls(monkeypatch, CLASSES)


@pytest.fixture
def refs(project):
    """hero (a character sheet with a mask), place (a location still), laptop (an exact product)."""
    hero = np.zeros((32, 32, 3), np.uint8)
    hero[:, :, 0] = np.arange(32, dtype=np.uint8)[None] * 7
    hero[8:24, 8:24] = (30, 200, 90)
    Image.fromarray(hero).save(project / "hero.png")
    mask = np.zeros((32, 32), np.uint8)
    mask[8:24, 8:24] = 255
    Image.fromarray(mask).save(project / "hero-mask.png")
    place = np.zeros((32, 32, 3), np.uint8)
    place[:16] = (250, 220, 40)
    place[16:] = (40, 40, 160)
    Image.fromarray(place).save(project / "place.png")
    Image.fromarray(product_image()).save(project / "laptop.png")
    specs = {"hero": {"image": "hero.png", "mask": "hero-mask.png"}, "place": {"image": "place.png"},
             "laptop": {"image": "laptop.png", "exact": True}}
    return References({n: resolve(n, ReferenceSpec(**s), project) for n, s in specs.items()}, (32, 32))


def product_image(w=12, h=8) -> np.ndarray:
    """Magenta and green checks: colours the tiny models never make."""
    y, x = np.mgrid[0:h, 0:w]
    img = np.zeros((h, w, 3), np.uint8)
    img[(x // 2 + y // 2) % 2 == 0] = (255, 0, 255)
    img[(x // 2 + y // 2) % 2 == 1] = (0, 255, 0)
    return img


def run(project, spec, references, n_frames=8, size=(32, 32)):
    src = GenerateSource(spec, project, references=references)
    src.prepare(make_ctx(project, size=size, fps=8.0, n_frames=n_frames, use_cache=False))
    return src


def test_vace_gets_every_reference_as_a_subject(project, refs, received):
    run(project, {"prompt": "ocean", "model": "models/wan_vace", "reference": ["hero", "place"]}, refs)
    (cls, kwargs), = received
    assert cls == "WanVACEPipeline"
    got = [np.asarray(im) for im in kwargs["reference_images"]]
    hero = np.asarray(Image.open(project / "hero.png"))
    assert np.array_equal(got[0][8:24, 8:24], hero[8:24, 8:24])          # the subject, as it is
    assert (got[0][:8] == 255).all() and (got[0][:, :8] == 255).all()     # outside its mask: white
    assert np.array_equal(got[1], np.asarray(Image.open(project / "place.png")))
    assert "video" not in kwargs and "mask" not in kwargs                # nothing kept: all generated


def test_vace_keeps_a_first_frame_beside_its_references(project, refs, received):
    src = run(project, {"prompt": "ocean", "model": "models/wan_vace", "image": "first.png", "reference": ["place"]},
              refs)
    (_, kwargs), = received
    first = np.asarray(Image.open(project / "first.png"))
    assert np.array_equal(np.asarray(kwargs["video"][0]), first)
    masks = np.stack([np.asarray(m) for m in kwargs["mask"]])
    assert (masks[0] == 0).all() and (masks[1:] == 255).all()            # frame 0 kept, the rest generated
    assert len(kwargs["reference_images"]) == 1
    assert np.abs(src._resampler.native[0].astype(int) - first).max() <= 1  # decoded first frame is the image


@pytest.mark.parametrize("model,cls", [("models/wan_i2v", "WanImageToVideoPipeline"),
                                       ("models/wan_ti2v", "WanImageToVideoPipeline"),
                                       ("models/ltx", "LTXImageToVideoPipeline"),
                                       ("models/ltx_condition", "LTXConditionPipeline")])
def test_image_to_video_families_start_from_the_reference(project, refs, received, model, cls):
    src = run(project, {"prompt": "ocean", "model": model, "reference": ["place"]}, refs)
    (name, kwargs), = received
    place = np.asarray(Image.open(project / "place.png"))
    assert name == cls and np.array_equal(np.asarray(kwargs["image"]), place)
    assert np.abs(src._resampler.native[0].astype(int) - place).max() <= 1
    assert any("reference place: the first frame" in n for n in src.notes())


def test_wan_text_to_video_pins_the_reference_as_its_first_latent(project, refs, received):
    src = run(project, {"prompt": "ocean", "model": "models/wan_t2v", "reference": ["place"]}, refs)
    (name, kwargs), = received
    assert name == "WanPipeline" and kwargs["latents"] is not None and "image" not in kwargs
    place = np.asarray(Image.open(project / "place.png"))
    assert np.abs(src._resampler.native[0].astype(int) - place).max() <= 1


def test_references_are_in_the_cache_key(project, refs, tmp_path):
    ctx = make_ctx(project, size=(32, 32), n_frames=4)
    key = GenerateSource({"prompt": "ocean", "model": "models/wan_vace", "reference": ["hero"]}, project,
                         references=refs).generation.plan(ctx).keys
    same = GenerateSource({"prompt": "ocean", "model": "models/wan_vace", "reference": ["hero"]}, project,
                          references=refs).generation.plan(ctx).keys
    none = GenerateSource({"prompt": "ocean", "model": "models/wan_vace"}, project, references=refs).generation.plan(ctx).keys
    assert key == same and key != none
    img = np.asarray(Image.open(project / "hero.png")).copy()
    img[0, 0] = (1, 2, 3)
    Image.fromarray(img).save(project / "hero2.png")
    changed = References({**refs, "hero": resolve("hero", ReferenceSpec(image="hero2.png", mask="hero-mask.png"),
                                                  project)}, (32, 32))
    # the changed pixel lies outside the mask, which the model never sees; inside it, the key must change
    assert GenerateSource({"prompt": "ocean", "model": "models/wan_vace", "reference": ["hero"]}, project,
                          references=changed).generation.plan(ctx).keys == key
    img[12, 12] = (1, 2, 3)
    Image.fromarray(img).save(project / "hero2.png")
    assert GenerateSource({"prompt": "ocean", "model": "models/wan_vace", "reference": ["hero"]}, project,
                          references=changed).generation.plan(ctx).keys != key


def test_family_without_reference_input_names_those_with_one(project, refs):
    with pytest.raises(FieldError) as exc:
        GenerateSource({"prompt": "ocean", "model": "models/wan_plain", "reference": ["place"]}, project,
                       references=refs)
    text = exc.value.message + exc.value.fix
    assert "WanVACEPipeline" in text and "reference_images" in text and "LTX-Video" in text


def test_several_references_need_vace(project, refs):
    with pytest.raises(FieldError, match="takes one reference") as exc:
        GenerateSource({"prompt": "ocean", "model": "models/wan_i2v", "reference": ["place", "hero"]}, project,
                       references=refs)
    assert "VACE" in exc.value.fix


def test_reference_and_image_compete_for_the_first_frame(project, refs):
    with pytest.raises(FieldError, match="`image` sets it too"):
        GenerateSource({"prompt": "ocean", "model": "models/ltx", "image": "first.png", "reference": ["place"]},
                       project, references=refs)


# ---- from a project file: FILE:LINE errors --------------------------------------------------------------------
PROJECT = """\
compositor: 1
output: {size: [32, 32], fps: 8, file: out}
references:
  place: {image: place.png}
  laptop: {image: laptop.png, exact: true}
shots:
  - id: a
    duration: 1
    background:
      generate:
        prompt: ocean
        model: models/wan_vace
        reference:
          - place
          - {name: laptop, region: [10, 12, 12, 8]}
"""


def _load(project, text):
    from compositor.project.load import load_project

    (project / "p.yaml").write_text(text, encoding="utf-8")
    return load_project(project / "p.yaml")


def _line(text, needle):
    return next(i for i, line in enumerate(text.splitlines(), 1) if needle in line)


def test_project_references_load_into_the_frozen_project(project, refs):
    p = _load(project, PROJECT)
    assert set(p.references) == {"place", "laptop"}
    assert p.references["laptop"].exact and p.references["laptop"].image == (project / "laptop.png").resolve()
    src = p.shots[0].source
    assert [lk.reference.name for lk in src.locks] == ["laptop"]
    assert src.unwrap().routing.how == "reference_images"


@pytest.mark.parametrize("change,needle,what", [
    (("          - place\n", "          - nowhere\n"), "- nowhere", "unknown reference 'nowhere'"),
    (("{image: place.png}", "{image: gone.png}"), "gone.png", "file not found: gone.png"),
    (("{name: laptop, region: [10, 12, 12, 8]}", "laptop"), "          - laptop", "needs a region"),
    (("region: [10, 12, 12, 8]", "region: [24, 12, 12, 8]"), "region: [24", "reaches outside the 32×32 frame"),
    (("          - place\n", "          - {name: place, region: [0, 0, 8, 8]}\n"), "name: place", "not exact"),
    (("{image: place.png}", "{image: place.png, masque: m.png}"), "masque", "masque"),
    (("{image: place.png}", "{image: ../../etc/passwd.png}"), "passwd", "not found"),
    (("        model: models/wan_vace\n", "        model: models/wan_vace\n        start_from: laptop\n"),
     "start_from: laptop", "never given to the generator"),
])
def test_bad_references_exit_2_with_file_and_line(project, refs, change, needle, what):
    text = PROJECT.replace(*change)
    with pytest.raises(UserError) as exc:
        _load(project, text)
    out = str(exc.value)
    assert f"p.yaml:{_line(text, needle)}" in out and what in out, out


def test_a_reference_outside_the_project_is_refused(project, refs, tmp_path_factory):
    outside = tmp_path_factory.mktemp("elsewhere") / "secret.png"
    Image.fromarray(np.zeros((8, 8, 3), np.uint8)).save(outside)
    (project / "link.png").symlink_to(outside)
    text = PROJECT.replace("{image: place.png}", "{image: link.png}")
    with pytest.raises(UserError, match="outside the project"):
        _load(project, text)


def test_cli_validate_exits_2(project, refs):
    from typer.testing import CliRunner

    from compositor.cli import app

    text = PROJECT.replace("          - place\n", "          - nowhere\n")
    (project / "p.yaml").write_text(text, encoding="utf-8")
    res = CliRunner().invoke(app, ["validate", str(project / "p.yaml")])
    assert res.exit_code == 2 and f"p.yaml:{_line(text, '- nowhere')}" in res.output
    assert "Traceback" not in res.output


# ---- product lock ----------------------------------------------------------------------------------------------
def iou(a: np.ndarray, b: np.ndarray) -> float:
    return float((a & b).sum() / max(1, (a | b).sum()))


def rect_mask(shape, x, y, w, h) -> np.ndarray:
    m = np.zeros(shape, bool)
    m[y:y + h, x:x + w] = True
    return m


def product_footprint(frame: np.ndarray) -> np.ndarray:
    """Pixels that are the product's magenta or green."""
    f = frame[..., :3].astype(int)
    magenta = (np.abs(f - (255, 0, 255)).max(-1) <= 2)
    green = (np.abs(f - (0, 255, 0)).max(-1) <= 2)
    return magenta | green


def test_vace_product_lock_sees_a_placeholder_never_the_product(project, refs, received):
    """The generator gets the placeholder in the region (kept on frame 0 by the mask) and the content
    references, never the product's pixels; the output has the product exactly at the region."""
    from compositor.sources import locked

    src = GenerateSource({"prompt": "desk", "model": "models/wan_vace", "seed": 1,
                          "reference": ["place", {"name": "laptop", "region": [10, 12, 12, 8]}]}, project,
                         references=refs)
    shot = locked.LockedSource(src, src.locks)
    shot.prepare(make_ctx(project, size=(32, 32), fps=8.0, n_frames=8, use_cache=False))
    (_, kwargs), = received
    video = np.stack([np.asarray(f) for f in kwargs["video"]])
    mask = np.stack([np.asarray(m) for m in kwargs["mask"]])
    from compositor.diffusion.routing import marker

    assert np.array_equal(video[0, 12:20, 10:22], marker(12, 8))
    assert (mask[0, 12:20, 10:22] == 0).all() and mask[0].sum() == 255 * (32 * 32 - 96) and (mask[1:] == 255).all()
    assert len(kwargs["reference_images"]) == 1                        # place only
    product = product_image()
    for given in [*kwargs["reference_images"], *kwargs["video"]]:
        assert not product_footprint(np.asarray(given)).any()
    region = rect_mask((32, 32), 10, 12, 12, 8)
    for i in range(8):
        f = shot.frame(i)
        assert iou(product_footprint(f), region) >= 0.9
        assert np.array_equal(f[12:20, 10:22], product)                  # pixel-exact where the track holds
    notes = " ".join(shot.notes())         # the wrapper's own line beside the generator's
    assert "product lock laptop: tracked" in notes or "product lock laptop: held" in notes


def test_image_to_video_product_lock_paints_the_placeholder_into_the_first_frame(project, refs, received):
    src = GenerateSource({"prompt": "desk", "model": "models/wan_i2v", "image": "first.png",
                          "reference": [{"name": "laptop", "region": [4, 4, 12, 8]}]}, project, references=refs)
    src.prepare(make_ctx(project, size=(32, 32), fps=8.0, n_frames=4, use_cache=False))
    (_, kwargs), = received
    from compositor.diffusion.routing import marker

    first = np.asarray(kwargs["image"])
    assert np.array_equal(first[4:12, 4:16], marker(12, 8))
    assert np.array_equal(first[20:], np.asarray(Image.open(project / "first.png"))[20:])


class _Footage:
    """Synthetic footage with known motion (tests/tracking/synthetic.py) as a background source."""

    def __init__(self, clip):
        from compositor.sources.base import Source

        class Plate(Source):
            def frame(self, i):
                return clip.frame(i)

            def identity(self):
                return f"synthetic-planar-{clip.n}-{clip.size}"

        self.source = Plate()


def test_product_lands_on_the_tracked_region_of_moving_footage(tmp_path):
    """The region is tracked through footage whose true motion is known: the product covers the true quad
    (IoU >= 0.9) on every frame, and inside it the pixels are the product warped by the track."""
    import sys
    from pathlib import Path

    import cv2

    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tracking"))
    from synthetic import PlanarClip

    from compositor.diffusion.references import Lock, Reference
    from compositor.sources.base import ShotContext
    from compositor.sources.locked import LockedSource
    from compositor.tracking.trackset import homography_rect_to_quad

    clip = PlanarClip(n_frames=12, size=(480, 270), noise=1.0)
    x, y, w, h = 200, 110, 60, 40                 # a rectangle on the card at frame 0
    product = np.kron(product_image(12, 8), np.ones((5, 5, 1), np.uint8))     # 60 x 40
    Image.fromarray(product).save(tmp_path / "product.png")
    lock = Lock(Reference("box", tmp_path / "product.png", None, True), (x, y, w, h), (480, 270))
    shot = LockedSource(_Footage(clip).source, [lock])
    shot.prepare(ShotContext("s", (480, 270), 12.0, 12, tmp_path, tmp_path / "cache", use_cache=False))
    assert shot.report["locks"]["box"]["tracked"]
    quad0 = np.array([[x, y], [x + w, y], [x + w, y + h], [x, y + h]], np.float64)
    H0inv = np.linalg.inv(clip.homography(0))
    ious = []
    for i in range(12):
        truth = cv2.perspectiveTransform(quad0[None], clip.homography(i) @ H0inv)[0]
        want = np.zeros((270, 480), np.uint8)
        cv2.fillPoly(want, [np.round(truth).astype(np.int32)], 1)
        f = shot.frame(i)
        changed = np.abs(f.astype(int) - clip.frame(i).astype(int)).max(-1) > 0     # what the product covers
        ious.append(iou(changed, want.astype(bool)))
        M = homography_rect_to_quad(w, h, shot.corners("box", i))
        inside = cv2.erode(want, np.ones((5, 5), np.uint8)).astype(bool)
        warped = cv2.warpPerspective(product, M, (480, 270), flags=cv2.INTER_LINEAR)
        assert np.abs(f[inside].astype(int) - warped[inside].astype(int)).max() <= 1
    print("moving footage: product-lock IoU min %.3f mean %.3f" % (min(ious), float(np.mean(ious))))
    assert min(ious) >= 0.9, ious


def _doc_example() -> str:
    import re
    from pathlib import Path

    text = (Path(__file__).resolve().parents[2] / "docs" / "generation.md").read_text(encoding="utf-8")
    section = text.split("### References and the product lock", 1)[1].split("\n## ", 1)[0].split("\n### ", 1)[0]
    return re.search(r"```yaml\n(.*?)```", section, re.S).group(1)


def test_doc_example_renders_the_exact_product_in_the_generated_shot(tmp_path, models):
    """docs/generation.md's references example, verbatim, on a tiny Wan VACE folder: the rendered frames carry
    the product image at its region (IoU >= 0.9, pixel-exact), and the model was never shown it."""
    from compositor.project.load import load_project
    from compositor.render import FrameRenderer

    (tmp_path / "models").mkdir()
    (tmp_path / "models" / "wan-vace").symlink_to(models / "wan_vace", target_is_directory=True)
    (tmp_path / "assets").mkdir()
    Image.fromarray(np.full((192, 320, 3), (150, 110, 70), np.uint8)).save(tmp_path / "assets" / "desk.png")
    product = np.kron(product_image(12, 8), np.ones((8, 8, 1), np.uint8))          # 96 x 64
    Image.fromarray(product).save(tmp_path / "assets" / "laptop-ui.png")
    (tmp_path / "project.yaml").write_text(_doc_example(), encoding="utf-8")
    project = load_project(tmp_path / "project.yaml")
    renderer = FrameRenderer(project, use_cache=False)
    region = rect_mask((192, 320), 176, 64, 96, 64)
    ious = []
    for i in (0, 4, 7):
        f = renderer.frame(i)[..., :3]
        ious.append(iou(product_footprint(f), region))
        assert np.array_equal(f[64:128, 176:272], product)
    assert min(ious) >= 0.9, ious
    lock = renderer.prepare(project.shots[0]).source.report["locks"]["laptop"]
    print("doc example: product-lock IoU", [round(v, 3) for v in ious], lock["how"])
    assert lock["region"] == [176, 64, 96, 64]


def test_vace_lands_on_an_end_frame_it_keeps(project, refs, received):
    """Wan VACE's last frame: frame N-1 of `video` kept by a black mask; the shot's last frame is that image."""
    end = np.zeros((32, 32, 3), np.uint8)
    end[:, :16] = (240, 200, 30)
    end[:, 16:] = (20, 140, 90)
    Image.fromarray(end).save(project / "last.png")
    src = run(project, {"prompt": "ocean", "model": "models/wan_vace", "end_on": "last.png", "reference": ["hero"]},
              refs)
    (_, kwargs), = received
    masks = np.stack([np.asarray(m) for m in kwargs["mask"]])
    assert (masks[-1] == 0).all() and (masks[:-1] == 255).all()
    assert np.array_equal(np.asarray(kwargs["video"][-1]), end)
    assert np.abs(src.frame(7)[..., :3].astype(int) - end).max() <= 1


def test_an_exact_reference_with_a_mask_lands_as_its_silhouette(tmp_path):
    """The mask is the product's alpha: outside it the footage shows through."""
    from compositor.diffusion.references import Lock, Reference
    from compositor.sources.base import ShotContext, Source
    from compositor.sources.locked import LockedSource

    class Grey(Source):
        def frame(self, i):
            return np.full((48, 64, 3), 90, np.uint8)

        def identity(self):
            return "grey"

    product = product_image(16, 16)
    mask = np.zeros((16, 16), np.uint8)
    mask[4:12, 2:14] = 255
    Image.fromarray(product).save(tmp_path / "p.png")
    Image.fromarray(mask).save(tmp_path / "m.png")
    lock = Lock(Reference("p", tmp_path / "p.png", tmp_path / "m.png", True), (20, 10, 16, 16), (64, 48))
    shot = LockedSource(Grey(), [lock])
    shot.prepare(ShotContext("s", (64, 48), 8.0, 3, tmp_path, tmp_path / "c", use_cache=False))
    assert not shot.report["locks"]["p"]["tracked"]             # a flat plate: held where it was put, and said so
    f = shot.frame(2)
    assert np.array_equal(f[14:22, 22:34], product[4:12, 2:14])
    assert (f[10:14, 20:36] == 90).all() and (f[22:26, 20:36] == 90).all()


def test_a_variant_keeps_the_region_in_place_and_scales_it_like_a_layer():
    from compositor.diffusion.references import Lock, Reference

    lock = Lock(Reference("p", None, None, True), (880, 460, 160, 160), (1920, 1080))
    assert lock.region_at((1920, 1080)) == (880, 460, 160, 160)
    x, y, w, h = lock.region_at((1080, 1920))           # vertical: centre stays at the centre, scaled by 0.5625
    assert (round(x + w / 2), round(y + h / 2), round(w)) == (540, 960, 90)


@pytest.fixture(scope="module")
def ltx2_folders(tmp_path_factory):
    import json

    from diffusion_helpers import HINTS
    from diffusion_tiny_ltx2 import build_ltx2

    root = tmp_path_factory.mktemp("ltx2-refs")
    build_ltx2(root / "ltx2")
    build_ltx2(root / "ltx2_condition", "LTX2ConditionPipeline")
    for name in ("ltx2", "ltx2_condition"):
        (root / name / "compositor.json").write_text(json.dumps(HINTS))
    return root


@pytest.mark.parametrize("name,cls", [("ltx2", "LTX2ImageToVideoPipeline"), ("ltx2_condition", "LTX2ConditionPipeline")])
def test_ltx2_starts_from_the_reference(project, refs, ltx2_folders, monkeypatch, name, cls):
    import diffusers

    calls = []
    for c in ("LTX2ImageToVideoPipeline", "LTX2ConditionPipeline"):
        klass = getattr(diffusers, c)

        def spy(self, *args, _original=klass.__call__, **kwargs):
            calls.append((type(self).__name__, kwargs))
            return _original(self, *args, **kwargs)

        monkeypatch.setattr(klass, "__call__", spy)
    src = GenerateSource({"prompt": "ocean", "model": str(ltx2_folders / name), "reference": ["place"]}, project,
                         references=refs)
    src.prepare(make_ctx(project, size=(32, 32), fps=8.0, n_frames=8, use_cache=False))
    (got, kwargs), = calls
    place = np.asarray(Image.open(project / "place.png"))
    given = kwargs["image"] if "image" in kwargs else kwargs["conditions"][0].frames
    assert got == cls and np.array_equal(np.asarray(given), place)
    assert np.abs(src._resampler.native[0].astype(int) - place).max() <= 1
