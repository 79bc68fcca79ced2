"""Family detection from real pipeline folders, and the rules read from their configs."""
import json

import pytest

from compositor.diffusion.families import detect
from compositor.errors import FieldError


def test_wan_text_to_video_rules(models):
    info = detect(models / "wan_t2v")
    fam = info.family
    assert info.class_name == "WanPipeline"
    assert (fam.name, fam.temporal, fam.size_multiple) == ("wan", 4, 16)   # VAE 4x time, 8x space * patch 2
    assert fam.t2v_class == "WanPipeline" and fam.anchor      # first frame pinned in latent space
    plain = detect(models / "wan_plain").family
    assert not plain.can_i2v and not plain.anchor
    assert fam.native_size == (32, 32) and fam.native_fps == 8 and fam.window == 9   # from compositor.json


def test_wan_image_to_video_needs_image(models):
    fam = detect(models / "wan_i2v").family
    assert fam.t2v_class is None and fam.i2v_class == "WanImageToVideoPipeline"


def test_wan_ti2v_does_both(models):
    fam = detect(models / "wan_ti2v").family
    assert fam.label == "Wan 2.2 TI2V" and fam.size_multiple == 32     # VAE 16x space * patch 2
    assert (fam.t2v_class, fam.i2v_class) == ("WanPipeline", "WanImageToVideoPipeline")


@pytest.mark.parametrize("name,t2v,i2v", [("ltx", "LTXPipeline", "LTXImageToVideoPipeline"),
                                         ("ltx_condition", "LTXConditionPipeline", "LTXConditionPipeline")])
def test_ltx_both_directions_from_one_folder(models, name, t2v, i2v):
    fam = detect(models / name).family
    assert (fam.t2v_class, fam.i2v_class) == (t2v, i2v)
    assert fam.temporal == 4            # tiny VAE: two temporal downsamplings (real LTX: 8)
    assert fam.size_multiple == 32      # LTX refuses anything else
    assert fam.passes_fps


def test_defaults_without_hints(models, tmp_path):
    folder = tmp_path / "wan"
    folder.mkdir()
    for f in ("model_index.json",):
        (folder / f).write_text((models / "wan_t2v" / f).read_text())
    fam = detect(folder).family
    assert fam.native_size == (832, 480) and fam.native_fps == 16 and fam.window == 81


def test_frame_rule():
    from compositor.diffusion.families import Family

    fam = Family("x", "X", 8, 32, 24, (768, 512), 121, 40, 3.0, "A", "B", ())
    assert [fam.frames_at_least(n) for n in (1, 2, 9, 10, 121)] == [1, 9, 9, 17, 121]


def test_errors(tmp_path):
    with pytest.raises(FieldError) as e:
        detect(tmp_path / "missing")
    assert e.value.path == ("generate", "model") and "not found" in e.value.message
    with pytest.raises(FieldError) as e:
        detect(tmp_path)
    assert "model_index.json" in e.value.message
    (tmp_path / "model_index.json").write_text(json.dumps({"_class_name": "StableDiffusionPipeline"}))
    with pytest.raises(FieldError) as e:
        detect(tmp_path)
    assert "StableDiffusionPipeline" in e.value.message and "WanPipeline" in e.value.fix
