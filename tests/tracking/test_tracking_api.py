"""The integration surface: TrackSet per-frame queries, caching, point and camera tracks, pinning a card with
homography_rect_to_quad, exports and the debug video."""
import json

import av
import cv2
import numpy as np
import pytest

from compositor.errors import FieldError
from compositor.tracking import (TrackData, TrackSet, homography_rect_to_quad, pin_matrix, to_ae_corner_pin,
                                 to_json, to_nuke_corner_pin, track_shot, write_exports)
from compositor.tracking.debug import render_track_debug
from tests.tracking.synthetic import PHOTO, PlanarClip

SIZE = (960, 540)


@pytest.fixture(scope="module")
def clip():
    return PlanarClip(40, size=SIZE)


@pytest.fixture(scope="module")
def tracked(clip, tmp_path_factory):
    truth = clip.corners(10)
    centre = truth.mean(0)
    tracks = {"card": {"corners": truth.tolist(), "at": 10 / 30},
              "badge": {"point": centre.tolist(), "at": 10 / 30, "size": 96}}
    cache = tmp_path_factory.mktemp("cache")
    return track_shot(tracks, clip, clip.n, 30, SIZE, cache, "clip-40"), tracks, cache


def test_cache_hit_reads_no_frames_and_spec_changes_retrack(clip, tracked):
    ts, tracks, cache = tracked
    reads = []

    def counting(i):
        reads.append(i)
        return clip(i)

    again = track_shot(tracks, counting, clip.n, 30, SIZE, cache, "clip-40")
    assert reads == []
    assert np.array_equal(again.corners("card", 25), ts.corners("card", 25))
    track_shot({**tracks, "card": {**tracks["card"], "smooth": 0.2}}, counting, clip.n, 30, SIZE, cache, "clip-40")
    assert reads == list(range(clip.n))               # one ordered pass for the changed track only
    reads.clear()
    track_shot(tracks, counting, clip.n, 30, SIZE, cache, "other-footage")
    assert len(reads) == clip.n


def test_a_damaged_cache_entry_is_recomputed(clip, tracked):
    ts, tracks, cache = tracked
    for f in (cache / "tracks").glob("*.npz"):
        f.write_bytes(b"not a zip")
    again = track_shot(tracks, clip, clip.n, 30, SIZE, cache, "clip-40")
    assert np.allclose(again.corners("card", 30), ts.corners("card", 30))


def test_point_follows_the_surface_and_follow_matrix_moves_the_anchor(clip, tracked):
    ts, tracks, _ = tracked
    p0 = np.array(tracks["badge"]["point"])
    for i in (0, 20, 39):
        H = clip.homography(i) @ np.linalg.inv(clip.homography(10))
        v = H @ [p0[0], p0[1], 1.0]
        assert np.linalg.norm(ts.point("badge", i) - v[:2] / v[2]) < 1.0
        M = ts.follow_matrix("badge", i)
        assert np.allclose((M @ [p0[0], p0[1], 1])[:2], ts.point("badge", i))
        assert np.allclose(M[:2, :2], np.eye(2))        # translation only unless asked
    # with rotation and scale, a point 40 px away from the anchor rides along with the card too
    q = p0 + (40.0, 0.0)
    H = clip.homography(30) @ np.linalg.inv(clip.homography(10))
    v = H @ [q[0], q[1], 1.0]
    M = ts.follow_matrix("badge", 30, rotate=True, scale=True)
    assert np.linalg.norm((M @ [q[0], q[1], 1])[:2] - v[:2] / v[2]) < 2.5


def test_planar_follow_and_point_use_the_quad_centre(clip, tracked):
    ts, _, _ = tracked
    c10 = clip.corners(10)
    G = cv2.getPerspectiveTransform(c10.astype(np.float32), clip.corners(35).astype(np.float32))
    v = G @ [*c10.mean(0), 1.0]
    assert np.linalg.norm(ts.point("card", 35) - v[:2] / v[2]) < 0.5
    M = ts.follow_matrix("card", 35)
    assert np.allclose((M @ [*c10.mean(0), 1.0])[:2], ts.point("card", 35))
    assert ts.kind("card") == "planar" and ts.names() == ["card", "badge"]
    half = ts.corners("card", 20.5)     # sub-frame samples (motion blur) interpolate
    assert np.allclose(half, (ts.corners("card", 20) + ts.corners("card", 21)) / 2)
    with pytest.raises(KeyError, match="no track named"):
        ts.corners("nope", 0)
    with pytest.raises(KeyError, match="planar"):
        ts.corners("badge", 0)


def _subpixel_corners(contour: np.ndarray) -> np.ndarray:
    """Corners of a quad-shaped blob: a line fitted to each side's boundary pixels, moved out half a pixel
    (boundary pixel centres sit half a pixel inside the edge), intersected with its neighbours."""
    pts = contour.reshape(-1, 2).astype(float)
    centre = pts.mean(0)
    approx = cv2.approxPolyDP(contour, 3, True).reshape(-1, 2).astype(float)
    assert len(approx) == 4
    lines = []
    for k in range(4):
        a, b = approx[k], approx[(k + 1) % 4]
        e, r = b - a, pts - a
        d = np.abs(e[0] * r[:, 1] - e[1] * r[:, 0]) / np.linalg.norm(e)
        t = (pts - a) @ (b - a) / np.dot(b - a, b - a)
        side = pts[(d < 2) & (t > 0.1) & (t < 0.9)]
        vx, vy, x0, y0 = cv2.fitLine(side.astype(np.float32), cv2.DIST_L2, 0, 0.01, 0.01).ravel()
        normal = np.array([-vy, vx])
        if normal @ (np.array([x0, y0]) - centre) < 0:
            normal = -normal
        x0, y0 = np.array([x0, y0]) + 0.5 * normal
        lines.append(np.cross([x0, y0, 1.0], [x0 + vx, y0 + vy, 1.0]))
    out = [np.cross(lines[k - 1], lines[k]) for k in range(4)]
    return np.array([p[:2] / p[2] for p in out])


def test_pinned_solid_card_has_its_corners_at_the_tracked_positions(clip, tracked):
    """The compositing path a `pin:` layer takes: warp a w x h card with pin_matrix onto the frame, then find
    the card's corners in the output pixels."""
    ts, _, _ = tracked
    for i in (0, 22, 39):
        frame = clip(i).copy()
        card = np.zeros((300, 400, 3), np.uint8)
        card[:] = (255, 0, 255)
        H = pin_matrix(400, 300, ts.corners("card", i))
        warped = cv2.warpPerspective(card, H, SIZE)
        mask = cv2.warpPerspective(np.full((300, 400), 255, np.uint8), H, SIZE)
        frame[mask > 127] = warped[mask > 127]
        magenta = ((frame[..., 0] > 127) & (frame[..., 1] < 15) & (frame[..., 2] > 127)).astype(np.uint8)
        contour = max(cv2.findContours(magenta, cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_NONE)[0], key=cv2.contourArea)
        found = _subpixel_corners(contour)
        truth = clip.corners(i)
        for p in truth:          # every true corner has an output corner within 1 px
            assert np.linalg.norm(found - p, axis=1).min() < 1.0


def test_camera_stabilize_warps_frames_onto_the_reference():
    photo = cv2.cvtColor(cv2.imread(str(PHOTO)), cv2.COLOR_BGR2RGB)
    big = cv2.resize(photo, (1000, 1170), interpolation=cv2.INTER_CUBIC)
    n, size = 24, (640, 360)

    def motion(i):
        a = np.deg2rad(1.5 * np.sin(i / 5))
        s = 1 + 0.03 * np.sin(i / 7)
        return np.array([[s * np.cos(a), -s * np.sin(a), -150 - 3 * i], [s * np.sin(a), s * np.cos(a), -300 + 2 * i],
                         [0, 0, 1]])

    frames = [cv2.warpPerspective(big, motion(i), size, flags=cv2.INTER_LINEAR) for i in range(n)]
    ts = track_shot({"cam": {"stabilize": True}}, lambda i: frames[i], n, 24, size, None, "cam")
    corners = np.array([[0, 0], [640, 0], [640, 360], [0, 360]], np.float64).reshape(-1, 1, 2)
    for i in (5, 23):
        truth = motion(0) @ np.linalg.inv(motion(i))         # frame i -> reference
        found = ts.stabilize_matrix(i)
        a = cv2.perspectiveTransform(corners, truth)
        b = cv2.perspectiveTransform(corners, found)
        assert np.abs(a - b).max() < 0.5
    steady = cv2.warpPerspective(frames[23], ts.stabilize_matrix(23), size)
    diff = np.abs(steady[60:300, 100:540].astype(int) - frames[0][60:300, 100:540].astype(int)).mean()
    assert diff < 4.0


def test_low_confidence_spans_are_in_seconds():
    conf = np.array([1, 1, 0.2, 0.1, 1, 1, 1, 0.3, 0.3, 0.3])
    ts = TrackSet({"x": TrackData("planar", conf, 0, corners=np.zeros((10, 4, 2)))}, fps=10, size=(10, 10),
                  n_frames=10)
    assert ts.low_confidence_spans("x") == [(0.2, 0.4), (0.7, 1.0)]
    assert ts.summary()["x"]["min_confidence"] == 0.1
    assert "low confidence 0.70s - 1.00s" in ts.summary_text()


def test_homography_rect_to_quad_maps_corners():
    quad = [[812, 402], [1104, 398], [1110, 566], [816, 572]]
    H = homography_rect_to_quad(1280, 720, quad)
    out = cv2.perspectiveTransform(np.array([[[0, 0]], [[1280, 0]], [[1280, 720]], [[0, 720]]], np.float64), H)
    assert np.allclose(out.reshape(-1, 2), quad, atol=1e-6)


def test_a_quad_with_nothing_to_track_is_a_field_error():
    grey = np.full((180, 320, 3), 128, np.uint8)
    with pytest.raises(FieldError) as e:
        track_shot({"screen": {"corners": [[50, 50], [250, 50], [250, 150], [50, 150]]}}, lambda i: grey, 5, 30,
                   (320, 180), None, "grey")
    assert e.value.path == ("screen", "corners") and "trackable" in e.value.message


def test_exports_carry_the_tracked_numbers(tracked, tmp_path):
    ts, _, _ = tracked
    data = json.loads(json.dumps(to_json(ts)))
    assert np.allclose(data["tracks"]["card"]["corners"][17], ts.corners("card", 17), atol=1e-3)
    assert len(data["tracks"]["badge"]["point"]) == ts.n_frames
    ae = to_ae_corner_pin(ts, "card")
    assert ae.startswith("Adobe After Effects 8.0 Keyframe Data") and ae.rstrip().endswith("End of Keyframe Data")
    section = ae.split("Lower Right #5")[1].splitlines()[2:2 + ts.n_frames]
    frame, x, y = section[12].split()
    assert int(frame) == 12 and np.allclose([float(x), float(y)], ts.corners("card", 12)[2], atol=1e-3)
    nk = to_nuke_corner_pin(ts, "card")
    to4 = [line for line in nk.splitlines() if line.startswith(" to4")][0]   # Nuke's to4 is top-left, y up
    xs, ys = [part.split()[1:] for part in to4.split("{curve")[1:]]
    ys = [float(v.rstrip("}")) for v in ys]
    assert len(xs) == ts.n_frames and np.isclose(ys[5], ts.size[1] - ts.corners("card", 5)[0, 1], atol=1e-3)
    written = write_exports(ts, tmp_path, "shot1")
    assert {p.name for p in written} == {"shot1.json", "shot1.card.ae.txt", "shot1.card.nk", "shot1.badge.ae.txt"}


def test_debug_video_draws_the_quad_where_it_was_tracked(clip, tracked, tmp_path):
    ts, _, _ = tracked
    out = render_track_debug(ts, clip, clip.n, 30, tmp_path / "debug.mp4")
    with av.open(str(out)) as c:
        frames = [f.to_ndarray(format="rgb24") for f in c.decode(video=0)]
    assert len(frames) == clip.n
    i = 25
    q = ts.corners("card", i)
    mid = (q[0] + q[1]) / 2                      # the middle of the top edge: drawn in confidence green
    x, y = np.round(mid).astype(int)
    patch = frames[i][y - 2:y + 3, x - 2:x + 3].reshape(-1, 3).astype(int)
    assert (patch[:, 1] - patch[:, 0]).max() > 80   # green dominates red on the drawn line
    plain = clip(i)[y - 2:y + 3, x - 2:x + 3].reshape(-1, 3).astype(int)
    assert (plain[:, 1] - plain[:, 0]).max() < 60   # and it was not green in the footage
