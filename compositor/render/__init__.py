"""Rendering: `frame` draws one output frame from a render session, `encoder` streams frames into segment files,
`run` renders a whole project (segments here, on worker processes or on Ray) and publishes the file."""
from .encoder import EncodeSettings, EncoderThread, render_segments
from .frame import PASSES, FrameRenderer
from .run import RenderOptions, RenderResult, render, run

__all__ = ["EncodeSettings", "EncoderThread", "render_segments", "PASSES", "FrameRenderer", "RenderOptions",
           "RenderResult", "render", "run"]
