"""Sound for a rendered video: decode clips, place them on the timeline, mix with ducking, bring the mix to a
loudness target under a true-peak ceiling, and mux it beside the picture without re-encoding the video."""
from .decode import SAMPLE_RATE, AudioFileError, audio_duration, decode_audio, write_wav
from .finish import attach_audio
from .loudness import integrated_lufs, true_peak_dbtp
from .mix import has_audio, mix
from .mux import audio_codec_for, codec_margin_db, mux_audio, video_duration
from .spec import AudioSpec, Clip, Duck, Music, parse_db, parse_lufs
from .timing import PlacedClip, auto_shot_duration, check_voice_fit, place_clips, shots_referenced, voice_clip_durations

__all__ = [
    "attach_audio",
    "SAMPLE_RATE", "AudioFileError", "audio_duration", "decode_audio", "write_wav", "integrated_lufs",
    "true_peak_dbtp", "has_audio", "mix", "audio_codec_for", "codec_margin_db", "mux_audio", "video_duration", "AudioSpec", "Clip",
    "Duck", "Music", "parse_db", "parse_lufs", "PlacedClip", "auto_shot_duration", "check_voice_fit",
    "place_clips", "shots_referenced", "voice_clip_durations",
]
