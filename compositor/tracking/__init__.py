"""Tracking and match-move: planar corner pins, point follows and camera stabilization for a shot.

The entry point is `track_shot(...) -> TrackSet`; specs come from a shot's `tracks:` mapping (spec.py).
Names load lazily so that reading a project (which imports spec.py) does not pay for scipy/OpenCV tracking code.
"""
import importlib

_WHERE = {
    "to_ae_corner_pin": "export", "to_ae_position": "export", "to_json": "export", "to_nuke_corner_pin": "export",
    "write_exports": "export", "track_shot": "shot", "CameraTrack": "spec", "PlanarTrack": "spec",
    "PointTrack": "spec", "TracksSection": "spec", "TrackSpec": "spec", "TrackField": "spec", "parse_track": "spec",
    "parse_tracks": "spec", "LOW_CONFIDENCE": "trackset", "TrackData": "trackset", "TrackSet": "trackset",
    "homography_rect_to_quad": "trackset", "pin_matrix": "trackset",
}
__all__ = list(_WHERE)


def __getattr__(name):
    if name in _WHERE:
        return getattr(importlib.import_module(f"{__name__}.{_WHERE[name]}"), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
