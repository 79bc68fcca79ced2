"""Read SubRip (.srt) and WebVTT (.vtt) files into cues, with the line of every cue for error messages.

Written here rather than through pysrt/webvtt-py so a bad file is reported as FILE:LINE with what to fix, and
so WebVTT's inline timestamps (`<00:00:01.200>word`, karaoke-style) become per-word times for highlighting.
Styling tags (<i>, <b>, <c.x>, <v Name>, <font>) are dropped: the brand style decides the look.
"""
from __future__ import annotations

import re
from pathlib import Path

from .cue import Cue, Word

_TS = r"(?:(\d+):)?(\d{1,2}):(\d{2})[.,](\d{1,3})"
_TIMING = re.compile(rf"^\s*{_TS}\s*-->\s*{_TS}(?:\s+.*)?$")
_INLINE_TS = re.compile(r"<((?:\d+:)?\d{1,2}:\d{2}[.,]\d{1,3})>")
_TAG = re.compile(r"</?[^>]*>")


class CaptionFileError(Exception):
    def __init__(self, file: Path | str, line: int, message: str, fix: str = ""):
        self.file, self.line, self.message, self.fix = str(file), line, message, fix
        super().__init__(f"{file}:{line}: {message}")


def _seconds(h, m, s, ms) -> float:
    return int(h or 0) * 3600 + int(m) * 60 + int(s) + int(ms.ljust(3, "0")) / 1000


def _clock(text: str) -> float:
    m = re.fullmatch(_TS, text.strip())
    return _seconds(*m.groups())


def _unescape(text: str) -> str:
    return (text.replace("&lt;", "<").replace("&gt;", ">").replace("&nbsp;", " ").replace("&lrm;", "")
            .replace("&rlm;", "").replace("&amp;", "&"))


def _plain(text: str) -> str:
    return " ".join(_unescape(_TAG.sub("", text)).split())


def _words(payload: str, start: float, end: float) -> tuple[Word, ...] | None:
    """Per-word times from inline timestamps; None when the cue has none."""
    if not _INLINE_TS.search(payload):
        return None
    pieces: list[tuple[float, str]] = []
    t = start
    pos = 0
    for m in _INLINE_TS.finditer(payload):
        pieces.append((t, payload[pos:m.start()]))
        t = _clock(m.group(1))
        pos = m.end()
    pieces.append((t, payload[pos:]))
    timed = []
    for t0, chunk in pieces:
        for w in _plain(chunk).split():
            timed.append((t0, w))
    words = []
    for i, (t0, w) in enumerate(timed):
        nxt = timed[i + 1][0] if i + 1 < len(timed) else end
        words.append(Word(t0, max(t0, nxt if nxt > t0 else end), w))
    # words sharing one timestamp split its span evenly
    out, i = [], 0
    while i < len(words):
        j = i
        while j + 1 < len(words) and words[j + 1].start == words[i].start:
            j += 1
        span_end = words[j + 1].start if j + 1 < len(words) else end
        step = (span_end - words[i].start) / (j - i + 1)
        for k in range(i, j + 1):
            out.append(Word(words[i].start + step * (k - i), words[i].start + step * (k - i + 1), words[k].text))
        i = j + 1
    return tuple(out)


def _blocks(lines: list[str], first: int):
    """(line number of the block's first line, its lines) for runs of non-blank lines."""
    block, start = [], 0
    for n, raw in enumerate(lines, start=first):
        if raw.strip():
            if not block:
                start = n
            block.append(raw.rstrip("\r"))
        elif block:
            yield start, block
            block = []
    if block:
        yield start, block


def _cue(file, n: int, timing_line: str, payload: list[str]) -> Cue:
    m = _TIMING.match(timing_line)
    start = _seconds(*m.groups()[:4])
    end = _seconds(*m.groups()[4:8])
    if end <= start:
        raise CaptionFileError(file, n, f"the cue ends ({timing_line.split('-->')[1].split()[0]}) before it starts",
                               "make the second time later than the first")
    joined = "\n".join(payload)
    shown = tuple(p for p in (_plain(x) for x in payload) if p)
    text = " ".join(shown)
    if not text:
        raise CaptionFileError(file, n, "the cue has no text", "write the words or remove the cue")
    return Cue(start, end, text, shown, _words(joined, start, end), line=n)


def parse_srt(text: str, file: Path | str = "<srt>") -> list[Cue]:
    lines = text.lstrip("\ufeff").splitlines()
    cues = []
    for start, block in _blocks(lines, 1):
        k = 0
        if not _TIMING.match(block[0]):
            if not block[0].strip().isdigit():
                raise CaptionFileError(file, start, f"expected a cue number or a timing line, found {block[0]!r}",
                                       "each SRT cue is: a number, `00:00:01,000 --> 00:00:02,500`, then text")
            k = 1
        if k >= len(block) or not _TIMING.match(block[k]):
            raise CaptionFileError(file, start + k, "expected a timing line like 00:00:01,000 --> 00:00:02,500",
                                   "fix the times of this cue")
        cues.append(_cue(file, start + k, block[k], block[k + 1:]))
    return cues


def parse_vtt(text: str, file: Path | str = "<vtt>") -> list[Cue]:
    lines = text.lstrip("\ufeff").splitlines()
    if not lines or not re.match(r"^WEBVTT(?:[ \t].*)?$", lines[0]):
        raise CaptionFileError(file, 1, "a WebVTT file must start with the line WEBVTT",
                               "add WEBVTT as the first line (or rename the file to .srt if it is SubRip)")
    cues = []
    for start, block in _blocks(lines[1:], 2):
        if start == 2 and not any("-->" in b for b in block):
            continue                                     # header text right after WEBVTT
        head = block[0].split(None, 1)[0] if block[0].split() else ""
        if head in ("NOTE", "STYLE", "REGION"):
            continue
        k = 0 if "-->" in block[0] else 1                # optional cue identifier
        if k >= len(block) or not _TIMING.match(block[k]):
            raise CaptionFileError(file, start + k, "expected a timing line like 00:00:01.000 --> 00:00:02.500",
                                   "fix the times of this cue (WebVTT uses a dot before the milliseconds)")
        cues.append(_cue(file, start + k, block[k], block[k + 1:]))
    return cues


def read_captions(path: Path | str) -> list[Cue]:
    """Cues of an .srt or .vtt file (chosen by extension, else by a WEBVTT first line)."""
    p = Path(path)
    try:
        raw = p.read_bytes()
    except FileNotFoundError:
        raise CaptionFileError(p, 1, "the file does not exist", "check the path (relative to the project file)")
    except OSError as exc:
        raise CaptionFileError(p, 1, f"the file cannot be read ({exc.strerror})")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = raw.decode("cp1252", errors="replace")    # old SRT files are often Windows-1252
    if p.suffix.lower() == ".vtt" or text.lstrip("\ufeff").startswith("WEBVTT"):
        return parse_vtt(text, p)
    return parse_srt(text, p)
