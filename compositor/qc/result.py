"""One finding of a check: what was checked, where (shot, layer, time), the verdict and the figures."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Optional

PASS, WARN, FAIL = "pass", "warn", "fail"


@dataclass
class Finding:
    check: str
    status: str
    message: str
    shot: Optional[str] = None
    layer: Optional[str] = None
    t: Optional[float] = None
    figures: dict = field(default_factory=dict)
    image: Optional[object] = None          # an RGB crop or thumbnail for the HTML report (not in JSON)

    def line(self, place: str = "") -> str:
        """The one line `compositor qc` prints for a warning or failure; `place`: `FILE:LINE` in the project of what
        it is about (`project_place`)."""
        where = " ".join(x for x in (self.shot, self.layer, f"{self.t:.2f}s" if self.t is not None else None) if x)
        return f"{self.status}: {self.check}: {place + ': ' if place else ''}{where + ': ' if where else ''}" \
               f"{self.message}"

    def to_dict(self) -> dict:
        d = {"check": self.check, "status": self.status, "message": self.message}
        for k in ("shot", "layer"):
            if getattr(self, k) is not None:
                d[k] = getattr(self, k)
        if self.t is not None:
            d["t"] = round(self.t, 3)
        d["figures"] = self.figures
        return d


def project_place(project, finding: Finding) -> str:
    """`FILE:LINE` of what a finding is about: its layer (burned-in captions: the `captions:` block), else its
    shot, else the section its check reads (`audio:`, `output:`, `quality:`)."""
    import re

    shots = {s.id: s for s in project.shots}
    layer = re.fullmatch(r"layers\[(\d+)\]", finding.layer or "")
    shot = shots.get(finding.shot)
    if finding.layer == "captions" or finding.check.startswith("captions."):
        path: tuple = ("captions",)
    elif shot is not None and layer:
        k = int(layer.group(1))
        path = ("captions",) if k >= len(shot.spec.layers) else ("shots", shot.index, "layers", k)
    elif shot is not None:
        path = ("shots", shot.index) + (("background",) if finding.check.startswith("footage.") else ())
    else:
        family = finding.check.split(".", 1)[0]
        path = {"audio": ("audio",), "format": ("output",)}.get(family, ("quality",) if project.spec.quality else ())
    return f"{project.lines.file}:{project.lines.line(path)}"
