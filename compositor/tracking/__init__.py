"""Tracking and match-move: planar corner pins, point follows and camera stabilization for a shot.

The entry point is `track_shot(...) -> TrackSet`; specs come from a shot's `tracks:` mapping (spec.py).
"""
from .export import to_ae_corner_pin, to_ae_position, to_json, to_nuke_corner_pin, write_exports
from .shot import track_shot
from .spec import CameraTrack, PlanarTrack, PointTrack, TracksSection, TrackSpec, parse_track, parse_tracks
from .trackset import LOW_CONFIDENCE, TrackData, TrackSet, homography_rect_to_quad, pin_matrix

__all__ = [
    "track_shot", "TrackSet", "TrackData", "homography_rect_to_quad", "pin_matrix", "LOW_CONFIDENCE",
    "PlanarTrack", "PointTrack", "CameraTrack", "TrackSpec", "TracksSection", "parse_track", "parse_tracks",
    "to_json", "to_ae_corner_pin", "to_ae_position", "to_nuke_corner_pin", "write_exports",
]
