"""Reading SRT/WebVTT, writing sidecars that other libraries accept, and the errors a user sees."""
import html

import pysrt
import pytest
import webvtt

from compositor.captions import (CaptionsSpec, Cue, Word, build_cues, format_srt, format_vtt, parse_srt, parse_vtt,
                                 read_captions, write_sidecars)
from compositor.errors import FieldError

SRT = "\ufeff1\r\n00:00:01,000 --> 00:00:02,500\r\n<i>Welcome</i> to the\r\nproduct tour.\r\n\r\n" \
      "2\r\n00:00:03,000 --> 00:00:05,250\r\nDrag & drop <b>any</b> file.\r\n"

VTT = """WEBVTT - a header comment

NOTE written by hand
over two lines

STYLE
::cue { color: yellow }

intro
00:00:01.000 --> 00:00:02.500 align:center line:85%
<v Narrator>Welcome to the</v>
product tour.

00:03.000 --> 00:05.000
<00:00:03.000>Start <00:00:03.400>your <00:00:03.800>free <00:00:04.300>trial
"""


def test_srt_reads_times_lines_and_drops_tags():
    cues = parse_srt(SRT)
    assert [(c.start, c.end) for c in cues] == [(1.0, 2.5), (3.0, 5.25)]
    assert cues[0].lines == ("Welcome to the", "product tour.") and cues[0].text == "Welcome to the product tour."
    assert cues[1].text == "Drag & drop any file." and cues[1].words is None
    assert cues[0].line == 2 and cues[1].line == 7


def test_vtt_reads_settings_notes_styles_and_word_times():
    cues = parse_vtt(VTT)
    assert len(cues) == 2 and cues[0].text == "Welcome to the product tour."
    assert (cues[1].start, cues[1].end) == (3.0, 5.0)
    assert [w.text for w in cues[1].words] == ["Start", "your", "free", "trial"]
    assert [w.start for w in cues[1].words] == [3.0, 3.4, 3.8, 4.3]
    assert cues[1].words[-1].end == 5.0 and not cues[1].words_estimated
    assert cues[1].active_word(3.5) == 1 and cues[1].active_word(2.0) is None


@pytest.mark.parametrize("bad,line,needle", [
    ("1\n00:00:01,000 -> 00:00:02,000\nHi\n", 2, "timing"),
    ("1\n00:00:03,000 --> 00:00:02,000\nHi\n", 2, "before it starts"),
    ("1\n00:00:01,000 --> 00:00:02,000\nHi\n\nhello there\n", 5, "cue number"),
])
def test_bad_srt_names_file_and_line(tmp_path, bad, line, needle):
    (tmp_path / "subs.srt").write_text(bad)
    with pytest.raises(FieldError) as e:
        build_cues(CaptionsSpec(source="subs.srt"), [], tmp_path)
    assert e.value.path == ("source",)
    assert f"subs.srt:{line}:" in e.value.message and needle in e.value.message


def test_missing_file_and_missing_header(tmp_path):
    with pytest.raises(FieldError, match="file not found: nope.srt"):
        build_cues(CaptionsSpec(source="nope.srt"), [], tmp_path)
    (tmp_path / "a.vtt").write_text("00:00:01.000 --> 00:00:02.000\nhi\n")
    with pytest.raises(FieldError, match="WEBVTT"):
        build_cues(CaptionsSpec(source="a.vtt"), [], tmp_path)


def test_overlapping_captions_are_errors(tmp_path):
    (tmp_path / "o.srt").write_text("1\n00:00:01,000 --> 00:00:03,000\nOne\n\n2\n00:00:02,500 --> 00:00:04,000\nTwo\n")
    with pytest.raises(FieldError) as e:
        build_cues(CaptionsSpec(source="o.srt"), [], tmp_path)
    assert "o.srt:2:" in e.value.message and "line 6" in e.value.message
    spec = CaptionsSpec(lines=[{"text": "One", "start": 0, "end": "00:00:02.000"},
                               {"text": "Two", "start": 1.5, "end": 3}])
    with pytest.raises(FieldError) as e:
        build_cues(spec, [])
    assert e.value.path == ("lines", 0, "end")


def test_spec_rules():
    with pytest.raises(ValueError, match="exactly one"):
        CaptionsSpec(source="a.srt", script=["x"])
    with pytest.raises(ValueError, match="exactly one"):
        CaptionsSpec()
    with pytest.raises(ValueError, match="before it starts"):
        CaptionsSpec(lines=[{"text": "x", "start": 2, "end": 1}])
    s = CaptionsSpec(lines=[{"text": "x", "start": "1.5s", "end": "00:00:02,250"}], export="srt")
    assert (s.lines[0].start, s.lines[0].end, s.export) == (1.5, 2.25, ["srt"])


def _cues():
    return [Cue(0.5, 2.0, "Welcome to the product tour.", ("Welcome to the", "product tour.")),
            Cue(2.0, 4.25, "Fish & chips <3", ("Fish & chips <3",)),
            Cue(4.5, 6.0, "Start your free trial", ("Start your", "free trial"),
                words=(Word(4.5, 4.9, "Start"), Word(4.9, 5.2, "your"), Word(5.2, 5.6, "free"),
                       Word(5.6, 6.0, "trial"))),
            Cue(3661.001, 3662.0, "An hour later.")]


def test_exports_parse_with_pysrt_and_webvtt_py(tmp_path):
    cues = _cues()
    srt_path, vtt_path = write_sidecars(cues, tmp_path / "out.mp4", ["srt", "vtt"])
    assert (srt_path.name, vtt_path.name) == ("out.srt", "out.vtt")
    subs = pysrt.open(str(srt_path))
    assert len(subs) == 4
    assert [s.start.ordinal for s in subs] == [500, 2000, 4500, 3661001]
    assert [s.end.ordinal for s in subs] == [2000, 4250, 6000, 3662000]
    assert subs[0].text == "Welcome to the\nproduct tour." and subs[1].text == "Fish & chips <3"
    vtt = webvtt.read(str(vtt_path))
    assert len(vtt.captions) == 4
    assert [c.start for c in vtt.captions][:2] == ["00:00:00.500", "00:00:02.000"]
    assert vtt.captions[3].start == "01:01:01.001"
    assert vtt.captions[0].lines == ["Welcome to the", "product tour."]
    assert html.unescape(vtt.captions[1].text) == "Fish & chips <3"     # escaped as WebVTT requires
    assert vtt.captions[2].text == "Start your\nfree trial"    # inline word timestamps are valid WebVTT
    back = read_captions(vtt_path)                             # and our reader recovers the word times
    assert [(w.text, w.start) for w in back[2].words] == [(w.text, w.start) for w in cues[2].words]
    assert [c.text for c in read_captions(srt_path)] == [c.text for c in cues]


def test_estimated_word_times_stay_out_of_files():
    c = Cue(1.0, 2.0, "a b", words=(Word(1.0, 1.5, "a"), Word(1.5, 2.0, "b")), words_estimated=True)
    assert "<00:" not in format_vtt([c]) and "a b" in format_srt([c])
