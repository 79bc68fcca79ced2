"""Sound for a rendered video: decode clips, place them on the timeline, mix with ducking, bring the mix to a
loudness target under a true-peak ceiling, and mux it beside the picture without re-encoding the video.

Names load lazily: the project schema imports `compositor.audio.spec` on every command, and the mixer's scipy
imports should cost nothing until a soundtrack is actually mixed."""
import importlib

_WHERE = {
    "SAMPLE_RATE": "decode", "AudioFileError": "decode", "audio_duration": "decode", "decode_audio": "decode",
    "write_wav": "decode", "attach_audio": "finish", "integrated_lufs": "loudness", "true_peak_dbtp": "loudness",
    "has_audio": "mix", "mix": "mix", "audio_codec_for": "mux", "codec_margin_db": "mux", "mux_audio": "mux",
    "video_duration": "mux", "AudioSpec": "spec", "Clip": "spec", "Duck": "spec", "Music": "spec",
    "parse_db": "spec", "parse_lufs": "spec", "PlacedClip": "timing", "auto_shot_duration": "timing",
    "check_voice_fit": "timing", "place_clips": "timing", "shots_referenced": "timing",
    "voice_clip_durations": "timing",
}
__all__ = list(_WHERE)


def __getattr__(name):
    if name in _WHERE:
        return getattr(importlib.import_module(f"{__name__}.{_WHERE[name]}"), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
