"""The `tracks:` section: kinds inferred from keys, strict validation with messages that say how to fix."""
import pytest
from pydantic import ValidationError

from compositor.tracking.spec import CameraTrack, PlanarTrack, PointTrack, parse_track, parse_tracks

QUAD = [[812, 402], [1104, 398], [1110, 566], [816, 572]]


def _message(exc: ValidationError) -> str:
    return " | ".join(e["msg"] for e in exc.errors())


def test_kinds_are_inferred_from_keys():
    tracks = parse_tracks({"screen": {"corners": QUAD, "at": 1.2}, "badge": {"point": [1400, 300], "at": 0},
                           "camera": {"stabilize": True}})
    assert isinstance(tracks["screen"], PlanarTrack) and tracks["screen"].at == 1.2
    assert isinstance(tracks["badge"], PointTrack) and tracks["badge"].point == (1400.0, 300.0)
    assert isinstance(tracks["camera"], CameraTrack) and tracks["camera"].stabilize


def test_keyframes_alone_anchor_a_planar_track_and_are_sorted():
    t = parse_track({"keyframes": [[2.0, QUAD], [0.5, QUAD]]})
    assert [k[0] for k in t.keyframes] == [0.5, 2.0]
    assert t.reference()[0] == 0.5


@pytest.mark.parametrize("corners, words", [
    (QUAD[:3], "exactly 4"),
    ([[812, 402], [1110, 566], [1104, 398], [816, 572]], "convex"),          # crossed (bow-tie)
    (list(reversed(QUAD)), "counter-clockwise"),
    ([[0, 0], [2, 0], [2, 2], [0, 2]], "closer than"),
    ([[812, 402], [1104, "x"], [1110, 566], [816, 572]], "top-right corner"),
])
def test_bad_quads_say_what_is_wrong(corners, words):
    with pytest.raises(ValidationError) as e:
        parse_track({"corners": corners, "at": 0})
    assert words in _message(e.value)


def test_unknown_keys_and_unknown_kinds_are_errors():
    with pytest.raises(ValidationError) as e:
        parse_track({"corners": QUAD, "smoth": 0.2})
    assert e.value.errors()[0]["type"] == "extra_forbidden"
    with pytest.raises(ValidationError) as e:
        parse_track({"at": 1})
    assert "cannot tell what to track" in _message(e.value)


def test_negative_times_and_two_cameras_are_refused():
    with pytest.raises(ValidationError) as e:
        parse_track({"point": [1, 2], "at": -1})
    assert "before the shot starts" in _message(e.value)
    with pytest.raises(ValidationError) as e:
        parse_tracks({"a": {"stabilize": True}, "b": {"stabilize": False}})
    assert "more than one camera track" in _message(e.value)


def test_duplicate_keyframe_times_are_refused():
    with pytest.raises(ValidationError) as e:
        parse_track({"corners": QUAD, "keyframes": [[1.0, QUAD], [1.0, QUAD]]})
    assert "share a time" in _message(e.value)
