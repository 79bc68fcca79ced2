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

    def line(self) -> str:
        """The one line `compositor qc` prints for a warning or failure."""
        where = " ".join(x for x in (self.shot, self.layer, f"{self.t:.2f}s" if self.t is not None else None) if x)
        return f"{self.status}: {self.check}: {where + ': ' if where else ''}{self.message}"

    def to_dict(self) -> dict:
        d = {"check": self.check, "status": self.status, "message": self.message}
        for k in ("shot", "layer"):
            if getattr(self, k) is not None:
                d[k] = getattr(self, k)
        if self.t is not None:
            d["t"] = round(self.t, 3)
        d["figures"] = self.figures
        return d
