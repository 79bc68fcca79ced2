"""The diffusion core: generated background footage from diffusers video pipelines in local folders.

Nothing here imports torch or diffusers at import time; they load only when a clip must be generated.
"""
from compositor.diffusion.spec import GenerateSpec

__all__ = ["GenerateSpec"]
