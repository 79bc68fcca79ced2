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


# ---- fewest lines, no orphans, balanced cards -------------------------------------------------------------------
import itertools
import random

from compositor.captions.layout import _lines_needed
from compositor.captions.timing import enforce_min_duration

PITCH = "Meet Ledgerline, invoice reconciliation on autopilot."


def _all_splits(words, n):
    for cuts in itertools.combinations(range(1, len(words)), n - 1):
        b = (0,) + cuts + (len(words),)
        yield [words[x:y] for x, y in zip(b, b[1:])]


def test_three_lines_allowed_still_uses_the_fewest():
    words = PITCH.split()
    width = measure(PITCH) * 0.62           # two lines hold it, three would be narrower
    lines = best_lines(words, measure, width, 3)
    assert lines == ["Meet Ledgerline, invoice", "reconciliation on autopilot."]


def test_random_texts_fewest_lines_then_no_orphan_then_balanced():
    rng = random.Random(7)
    vocab = LONG.replace(",", "").replace(".", "").split() + ["a", "to", "reconciliation", "autopilot"]
    for _ in range(60):
        words = [rng.choice(vocab) for _ in range(rng.randint(3, 14))]
        width = rng.uniform(0.35, 0.9) * measure(" ".join(words))
        width = max(width, max(measure(w) for w in words))
        lines = best_lines(words, measure, width, 3)
        fewest = _lines_needed(words, measure, width)
        if fewest > 3:
            assert lines is None
            continue
        assert len(lines) == fewest and " ".join(lines).split() == words
        assert all(measure(x) <= width for x in lines)
        feasible = [s for s in _all_splits(words, fewest) if all(measure(" ".join(r)) <= width for r in s)]
        least_orphans = min(sum(len(r) <= 2 for r in s) for s in feasible)
        assert sum(len(x.split()) <= 2 for x in lines) == least_orphans, (words, lines)


def test_text_for_two_cards_leaves_no_orphan_card():
    text = "When a payment does not match, Ledgerline shows you why and your team only reviews the exceptions."
    width = 420
    greedy_last = []          # what filling each card to the brim would leave on the last card
    words, i = text.split(), 0
    while i < len(words):
        j = i + 1
        while j < len(words) and _lines_needed(words[i:j + 1], measure, width) <= 2:
            j += 1
        greedy_last, i = words[i:j], j
    assert len(greedy_last) <= 2              # the case the balancing is for
    out = layout_cues([Cue(0.0, 6.0, text)], measure, width, 2)
    assert " ".join(c.text for c in out) == text
    assert all(len(c.text.split()) > 2 for c in out), [c.text for c in out]
    assert all(len(c.lines) <= 2 and all(measure(x) <= width for x in c.lines) for c in out)
    fills = [measure(c.text) for c in out]
    assert max(fills) / min(fills) < 1.6      # shared out, not one full card and a scrap


def test_short_card_takes_free_time_after_then_before():
    cues = [Cue(0.0, 1.5, "First words here."), Cue(2.0, 2.4, "Blink"), Cue(2.8, 5.0, "Last words here.")]
    out = enforce_min_duration(cues, 1.0, end=6.0)
    assert [(c.start, c.end) for c in out] == [(0.0, 1.5), (pytest.approx(1.8), 2.8), (2.8, 5.0)]
    last = enforce_min_duration([Cue(0.0, 0.3, "Bye now friends")], 1.0, end=0.8)
    assert (last[0].start, last[0].end) == (0.0, 0.8)        # never past the end of the video


def test_short_cards_without_room_merge_when_the_words_fit():
    cues = [Cue(0.0, 0.5, "Save time."), Cue(0.5, 1.0, "Close faster."), Cue(1.0, 3.0, "Every month, on time.")]

    def relayout(text):
        got = best_lines(text.split(), measure, 600, 2)
        return tuple(got) if got else None
    out = enforce_min_duration(cues, 1.0, end=3.0, relayout=relayout)
    assert [c.text for c in out] == ["Save time. Close faster.", "Every month, on time."]
    assert [(c.start, c.end) for c in out] == [(0.0, 1.0), (1.0, 3.0)]
    assert all(c.end - c.start >= 1.0 for c in out)


def test_short_card_that_cannot_merge_borrows_from_a_long_neighbour():
    cues = [Cue(0.0, 3.0, LONG[:80]), Cue(3.0, 3.4, LONG[80:150]), Cue(3.4, 6.0, LONG[150:])]
    out = enforce_min_duration(cues, 1.0, end=6.0, relayout=lambda text: None)
    assert [c.text for c in out] == [c.text for c in cues]
    assert all(c.end - c.start >= 1.0 - 1e-9 for c in out)
    assert all(a.end == pytest.approx(b.start) for a, b in zip(out, out[1:]))

