"""The example project's voice-over: projects/northwind-launch/assets/vo/*.wav, spoken by espeak-ng.

The clips are committed, so rendering the example never needs espeak-ng; this script is how they were made and
how to remake them after the lines change (keep `captions.script` in project.yaml the same words).
`python scripts/example_voice.py`
"""
from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VO = ROOT / "projects" / "northwind-launch" / "assets" / "vo"
LINES = {                                   # file stem -> the words (captions.script lists the same lines)
    "01-open": "Northwind keeps your compliance work on record.",
    "02-wall": "Every change is tracked, right where it happens.",
    "03-close": "Start your audit today.",
}


def main() -> None:
    espeak = shutil.which("espeak-ng")
    if espeak is None:
        sys.exit("espeak-ng is not installed (bash install.sh, or apt-get install espeak-ng)")
    VO.mkdir(parents=True, exist_ok=True)
    for stem, words in LINES.items():
        out = VO / f"{stem}.wav"
        # en-us, 165 words a minute, a lower pitch than the default; 22.05 kHz mono 16-bit as espeak-ng writes it
        subprocess.run([espeak, "-v", "en-us", "-s", "165", "-p", "40", "-w", str(out), words], check=True)
        print(f"wrote {out.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
