"""Spelling of every string the project puts on screen: text layers, the texts of UI mockups, Lottie text layers
and captions, checked against a dictionary of the project's language (pyspellchecker's word-frequency lists).

Exact-text OCR proves the video shows what the project says; this proves what the project says is spelt right —
a typo in a caption file reads back perfectly and would otherwise ship. What the dictionary cannot know is
accepted as written: the kit's `words:` and name, the project title, `quality.words`, and word shapes that are
names by construction (CamelCase, ALL CAPS, with digits, URLs, file names and paths, @handles, #tags, a capitalised word inside a
sentence or a short label). Each unknown word is reported at its shot, layer and time with the dictionary's nearest words.

Each word is checked in the language of its script: Latin words in `quality.language`, Arabic words in Arabic (or
Persian when that is the project's language), Cyrillic in Russian. Words of a script no dictionary is shipped for
(Devanagari, Thai …) are not guessed at: the report says which scripts went unchecked, as a pass, not a warning."""
from __future__ import annotations

import re
from functools import lru_cache

from .result import FAIL, PASS, WARN, Finding
from .scripts import ARABIC_OPTIONAL, LATIN, SPELLING_LANGUAGE, scripts

WORD = re.compile(r"[^\W\d_](?:[^\W\d_]|['’][^\W\d_])*")
SKIP_TOKEN = re.compile(r"(?:https?://|www\.)\S+|\S+@\S+|[@#]\w+|\S*\d\S*|\S+\.[^\W\d_]\S*|\S*[/\\_]\S*")
SENTENCE_END = re.compile(r"[.!?:…]\s*$")
MAX_SUGGESTIONS = 3
INVISIBLE = re.compile("[\u200b-\u200f\u2066-\u2069\u202a-\u202e\u2060\ufeff" + "".join(sorted(ARABIC_OPTIONAL)) + "]")
DICTIONARY_SCRIPT = {"ar": "ARABIC", "fa": "ARABIC", "ru": "CYRILLIC"}     # every other dictionary is Latin


def dictionary_for(script: str, language: str):
    """The dictionary a word of `script` is checked against (the project's `language` when it is written in that
    script), or None when none is shipped for the script."""
    if DICTIONARY_SCRIPT.get(language, LATIN) == script:
        return language
    return SPELLING_LANGUAGE.get(script)


def clean(text: str) -> str:
    """Without joiners, marks of direction and the optional Arabic harakat: the form a dictionary lists."""
    return INVISIBLE.sub("", text)


@lru_cache(maxsize=4)
def _dictionary(language: str):
    from spellchecker import SpellChecker

    return SpellChecker(language=language, distance=2)


def _is_name(word: str, sentence_start: bool) -> bool:
    if len(word) < 2 or word.isupper():
        return True                                    # an initial, an acronym, a shouted label
    if any(c.isupper() for c in word[1:]):
        return True                                    # CamelCase product names: iPhone, PowerPoint
    return word[0].isupper() and not sentence_start    # a proper noun inside a sentence


def unknown_words(text: str, language: str, known: set[str], script: str | None = None) -> list[str]:
    """The words of `text` the dictionary does not know and that are not names or known words (in order);
    only the words written in `script` (default: the dictionary's own script)."""
    spell = _dictionary(language)
    script = script or DICTIONARY_SCRIPT.get(language, LATIN)
    out = []
    cleaned = SKIP_TOKEN.sub(" . ", clean(text))
    sentence = len(WORD.findall(cleaned)) >= 3     # a short label's capitalised words are names (a table cell)
    start = sentence
    pos = 0
    for m in WORD.finditer(cleaned):
        between = cleaned[pos:m.start()]
        if sentence and pos and (SENTENCE_END.search(between) or "\n" in between):
            start = True
        pos = m.end()
        word = m.group(0).replace("’", "'")
        first, start = start, False
        if scripts(word)[:1] != [script]:
            continue
        low = word.lower()
        if low in known or _is_name(word, first):
            continue
        stem = low[:-2] if low.endswith("'s") else low
        if stem in known or not spell.unknown([stem]):
            continue
        if word not in out:
            out.append(word)
    return out


def suggestions(word: str, language: str) -> list[str]:
    spell = _dictionary(language)
    cands = spell.candidates(word.lower()) or set()
    return sorted(cands, key=lambda w: (-spell.word_usage_frequency(w), w))[:MAX_SUGGESTIONS]


def known_words(project, bars) -> set[str]:
    words = list(bars.words) + list(getattr(project.kit.spec, "words", ())) + [project.kit.name, project.spec.title]
    return {w.lower() for phrase in words for w in WORD.findall(phrase.replace("’", "'"))}


PROSE = ("title", "subtitle", "label", "labels", "text", "done_label", "placeholder", "columns", "rows", "tabs",
         "items")     # the UI nodes' attributes that hold words (not urls, numbers or code)


def _texts(value, depth: int = 0):
    if isinstance(value, str):
        if value.strip():
            yield value
    elif isinstance(value, (list, tuple)) and depth < 3:
        for v in value:
            yield from _texts(v, depth + 1)
    elif depth < 3 and value is not None and not isinstance(value, (int, float, bool, dict)):
        for name in ("label", "text", "title"):          # nav items, tabs, list entries
            yield from _texts(getattr(value, name, None), 3)


def ui_prose(overlay) -> list[str]:
    """Every string a UI mockup writes, from each node of its tree (whatever it shows at a given moment: a done
    label, every table row), code blocks excepted."""
    from overlays.ui.code import Code

    out = []
    for node in overlay.root.walk():
        if isinstance(node, Code):
            continue
        for name in PROSE:
            for text in _texts(getattr(node, name, None)):
                if text not in out:
                    out.append(text)
    return out


def strings(project):
    """(shot id, layer path, shot-local time, string) of everything the project writes on screen."""
    from overlays.lottie import LottieOverlay
    from overlays.text import TextOverlay
    from overlays.ui.overlay import UiOverlay

    from .captions import _where
    from .uitext import lottie_strings

    for shot in project.shots:
        for k, layer in enumerate(shot.layers):
            ov, mid = layer.overlay, (layer.start + layer.end) / 2
            path = f"layers[{k}]"
            if isinstance(ov, TextOverlay):
                yield shot.id, path, mid, ov.block_args["text"]
            elif isinstance(ov, UiOverlay):
                for text in ui_prose(ov):
                    yield shot.id, path, mid, text
            elif isinstance(ov, LottieOverlay):
                seen = set()
                for f in (0.1, 0.3, 0.5, 0.7, 0.9):       # a Lottie's text layers change over its lifetime
                    t = layer.start + (layer.end - layer.start) * f
                    for text in lottie_strings(ov, t):
                        if text not in seen:
                            seen.add(text)
                            yield shot.id, path, t, text
    fps = project.fps
    for cue in project.captions or []:
        g = min(project.timeline.n_frames - 1, int(((cue.start + cue.end) / 2) * fps))
        at = _where(project, g) or _first_shot(project, g)
        if at is not None:
            shot, _, local = at
            yield shot.id, "captions", local / fps, cue.text


def _first_shot(project, g):
    at = project.timeline.at(g)
    if not at:
        return None
    span, local = at[0]
    return project.shots[span.index], None, local


def findings(project, bars) -> list[Finding]:
    mode = bars.spelling
    if mode == "off":
        return []
    language, known = bars.language, known_words(project, bars)
    out, checked, used = [], 0, []
    unchecked: dict[str, int] = {}
    for shot, layer, t, text in strings(project):
        checked += 1
        bad, langs = [], {}
        for script in scripts(clean(text)):
            lang = dictionary_for(script, language)
            if lang is None:
                unchecked[script] = unchecked.get(script, 0) + 1
                continue
            used += [lang] if lang not in used else []
            for w in unknown_words(text, lang, known, script):
                bad.append(w)
                langs[w] = lang
        if not bad:
            continue
        hints = {w: suggestions(w, langs[w]) for w in bad}
        shown = "; ".join(f"{w!r}" + (f" (did you mean {', '.join(h)}?)" if h else "") for w, h in hints.items())
        where = " and ".join(dict.fromkeys(langs.values()))
        out.append(Finding("text.spelling", FAIL if mode == "fail" else WARN,
                           f"{text!r}: not in the {where} dictionary: {shown} — fix the spelling, or add the "
                           "word to `quality.words` (or the kit's `words:`)", shot, layer, t,
                           {"text": text, "unknown": bad, "suggestions": hints, "language": where}))
    skipped = ", ".join(f"{s.title()} ({n} string{'s' if n != 1 else ''})" for s, n in unchecked.items())
    note = f"; not spell-checked, no dictionary for the script: {skipped}" if unchecked else ""
    figures = {"unchecked_scripts": {s.title(): n for s, n in unchecked.items()}} if unchecked else {}
    if not out:
        names = " and ".join(used or [language])
        out.append(Finding("text.spelling", PASS, f"{checked} on-screen strings spelt as the {names} "
                           f"dictionar{'ies' if len(used) > 1 else 'y'} and the known words say{note}",
                           figures={"strings": checked, "language": names, **figures}))
    elif unchecked:
        out.append(Finding("text.spelling", PASS, f"not spell-checked, no dictionary for the script: {skipped}",
                           figures=figures))
    return out
