"""Compositor: turn AI-generated footage into finished, on-brand product videos.

The public Python API is what this module exports (everything else may change between versions):

    import compositor
    video = compositor.load("project.yaml", params={"company": "Globex"}, variant="vertical")
    video.render("out.mp4", workers=2)

`load` → `Video` (render, frame, preview, sheet, check, qc, track, timeline), `render_batch` for one video per
data row, `UserError` for every problem a project file can have (its `issues` carry FILE:LINE).
"""
import os as _os

__version__ = "0.1.0"

# Type is set only from font files Compositor loads itself; keep skia's fontconfig off the system configuration.
_os.environ.setdefault("FONTCONFIG_FILE", _os.path.join(_os.path.dirname(__file__), "data", "fonts.conf"))

__all__ = ["load", "render_batch", "Video", "Rendered", "Cancelled", "UserError", "Issue", "__version__"]

# Exports resolve on first use, so `import compositor` (and the CLI's start) stays light: torch, skia and the
# renderer load only when a project does.
_EXPORTS = {"load": "api", "render_batch": "batch", "Video": "api", "Rendered": "api", "Cancelled": "api",
            "UserError": "errors", "Issue": "errors"}


def __getattr__(name):
    if name in _EXPORTS:
        import importlib

        value = getattr(importlib.import_module(f"{__name__}.{_EXPORTS[name]}"), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'compositor' has no attribute {name!r}")


def __dir__():
    return sorted(list(globals()) + list(_EXPORTS))
