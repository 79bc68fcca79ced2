"""Line breaking against a real proportional font (Pillow's bundled TrueType face)."""
import pytest
from PIL import ImageFont

from compositor.captions import CaptionsSpec, Cue, Word, best_lines, build_cues, layout_cues

FONT = ImageFont.load_default(size=40)


def measure(text: str) -> float:
    return FONT.getlength(text)


LONG = ("Drag any file into the window and it syncs to every device you own, instantly and securely, "
        "with version history that goes back thirty days and sharing links that expire when you say so.")


def test_short_text_stays_on_one_line():
    assert best_lines("Welcome to the tour.".split(), measure, 900, 2) == ["Welcome to the tour."]


def test_two_lines_are_balanced_and_fit():
    words = "Drag any file into the window, and it syncs everywhere.".split()
    width = measure(" ".join(words)) * 0.7
    lines = best_lines(words, measure, width, 2)
    assert len(lines) == 2 and " ".join(lines).split() == words
    assert all(measure(l) <= width for l in lines)
    # no other single break gives a narrower widest line (beyond the small punctuation preference)
    widest = max(measure(l) for l in lines)
    alternatives = [max(measure(" ".join(words[:k])), measure(" ".join(words[k:]))) for k in range(1, len(words))]
    assert widest <= min(alternatives) + 0.04 * width + 1e-6


def test_too_long_splits_into_timed_cues_of_at_most_two_lines():
    width = 700
    out = layout_cues([Cue(10.0, 22.0, LONG)], measure, width, max_lines=2)
    assert len(out) >= 3
    assert " ".join(c.text for c in out) == LONG
    assert out[0].start == 10.0 and out[-1].end == 22.0
    assert all(a.end == pytest.approx(b.start) for a, b in zip(out, out[1:]))
    for c in out:
        assert 1 <= len(c.lines) <= 2 and all(measure(l) <= width for l in c.lines)
        assert " ".join(c.lines) == c.text
    # time is shared by amount of text
    lengths = [len(c.text) for c in out]
    durations = [c.end - c.start for c in out]
    assert durations[0] / durations[1] == pytest.approx(lengths[0] / lengths[1], rel=0.15)


def test_known_word_times_decide_where_split_cues_start():
    words = LONG.split()
    timed = tuple(Word(1.0 + 0.3 * i, 1.0 + 0.3 * (i + 1), w) for i, w in enumerate(words))
    out = layout_cues([Cue(1.0, timed[-1].end, LONG, words=timed)], measure, 700, 2)
    k = 0
    for c in out:
        assert c.words[0] == timed[k] and c.start == pytest.approx(timed[k].start)
        k += len(c.words)
    assert k == len(words)


def test_build_cues_lays_out_when_given_a_measure():
    spec = CaptionsSpec(lines=[{"text": LONG, "start": 0, "end": 12}], max_lines=2)
    cues = build_cues(spec, [], measure=measure, max_width=800)
    assert len(cues) > 1 and all(len(c.lines) <= 2 for c in cues)
    one = build_cues(CaptionsSpec(lines=[{"text": LONG, "start": 0, "end": 12}], max_lines=3), [],
                     measure=measure, max_width=800)
    assert len(one) < len(cues) and max(len(c.lines) for c in one) == 3


def test_authored_line_breaks_are_kept_when_they_fit():
    authored = Cue(0, 2, "Welcome to the product tour.", ("Welcome", "to the product tour."))
    assert layout_cues([authored], measure, 900, 2)[0].lines == authored.lines
    assert layout_cues([authored], measure, 900, 1)[0].lines == ("Welcome to the product tour.",)
