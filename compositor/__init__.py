"""Compositor: turn AI-generated footage into finished, on-brand product videos."""
import os as _os

__version__ = "0.1.0"

# Type is set only from font files Compositor loads itself; keep skia's fontconfig off the system configuration.
_os.environ.setdefault("FONTCONFIG_FILE", _os.path.join(_os.path.dirname(__file__), "data", "fonts.conf"))
