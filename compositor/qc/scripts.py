"""Which writing systems a string uses, and what that means for reading it back: the tesseract language each
script is read with (`eng+ara` for a Latin and Arabic line), whether that language's data is installed (and the
Debian package that brings it), and the comparison key both the project's string and the OCR are reduced to.

Tesseract reads one script per trained model: English OCR turns a correct Arabic, Hindi or Thai line into Latin
noise, so every text is read with the languages of the scripts its letters belong to, in the order they appear."""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

LATIN = "LATIN"

# Script (the first word of a letter's Unicode name) -> tesseract language. Latin is read as English: eng's
# model reads the Latin alphabet of every language, and accents are not compared (see `normalise`).
OCR_LANGUAGE = {
    LATIN: "eng", "ARABIC": "ara", "DEVANAGARI": "hin", "THAI": "tha", "HEBREW": "heb", "CYRILLIC": "rus",
    "GREEK": "ell", "BENGALI": "ben", "TAMIL": "tam", "TELUGU": "tel", "KANNADA": "kan", "MALAYALAM": "mal",
    "GUJARATI": "guj", "GURMUKHI": "pan", "SINHALA": "sin", "GEORGIAN": "kat", "ARMENIAN": "hye", "LAO": "lao",
    "KHMER": "khm", "MYANMAR": "mya", "ETHIOPIC": "amh", "HANGUL": "kor", "HIRAGANA": "jpn", "KATAKANA": "jpn",
    "CJK": "chi_sim",
}

# Script -> the spelling dictionary its words are checked against (pyspellchecker's languages). Latin words use
# the project's `quality.language`; a script with no entry here is not spell-checked.
SPELLING_LANGUAGE = {"ARABIC": "ar", "CYRILLIC": "ru"}

# Arabic marks that are optional in writing and that OCR drops or adds at will: the short-vowel and other
# harakat, the superscript alef, and the tatweel (kashida) that only stretches a joined word.
ARABIC_OPTIONAL = set(map(chr, range(0x064B, 0x0660))) | {"\u0670", "\u0640"}

# Typography OCR cannot tell from its plain twin: the multiplication sign reads as x.
TYPOGRAPHY = str.maketrans({"\u00d7": "x", "\u2715": "x", "\u2716": "x"})


NOT_SCRIPTS = {"COMBINING", "MODIFIER"}      # generic marks and modifier letters: they belong to no one script


@lru_cache(maxsize=4096)
def script_of(ch: str) -> str | None:
    """The script of a letter or combining mark (`LATIN`, `ARABIC`, `DEVANAGARI` …); None for digits,
    punctuation, spaces and symbols, which every script shares."""
    if not unicodedata.category(ch)[0] in "LM":
        return None
    name = unicodedata.name(ch, "")
    if not name:
        return None
    word = name.split()[0].split("-")[0]
    return None if word in NOT_SCRIPTS else word


def scripts(text: str) -> list[str]:
    """The scripts of `text`'s letters, in order of first appearance."""
    out: list[str] = []
    for ch in text:
        s = script_of(ch)
        if s and s not in out:
            out.append(s)
    return out


def ocr_languages(text: str) -> tuple[str, list[str]]:
    """(tesseract `-l` value, scripts no OCR language is known for). Latin comes last when other scripts are
    present: tesseract leans on its first language, and the models of other scripts also know Latin letters
    (`Welcome مرحبا` reads right as ara+eng, as `Welcome L>)o` as eng+ara). A text of digits alone is `eng`."""
    found = scripts(text)
    langs = [OCR_LANGUAGE[s] for s in found if s in OCR_LANGUAGE]
    unknown = [s for s in found if s not in OCR_LANGUAGE]
    langs = list(dict.fromkeys(langs)) or ["eng"]
    if "eng" in langs:
        langs.remove("eng")
        langs.append("eng")
    return "+".join(langs), unknown


def package_of(lang: str) -> str:
    """The Debian/Ubuntu package that installs tesseract's data for `lang` (`chi_sim` -> tesseract-ocr-chi-sim)."""
    return "tesseract-ocr-" + lang.replace("_", "-").lower()


@lru_cache(maxsize=1)
def installed_languages() -> frozenset[str]:
    """The languages tesseract has data for here (raises OSError when tesseract itself is missing)."""
    import pytesseract

    return frozenset(pytesseract.get_languages(config=""))


def missing_languages(langs: str) -> list[str]:
    """The languages of a `-l` value whose data is not installed."""
    have = installed_languages()
    return [lang for lang in langs.split("+") if lang not in have]


def missing_message(missing: list[str]) -> str:
    pkgs = " ".join(package_of(m) for m in missing)
    return (f"not read back: tesseract has no data for {'+'.join(missing)} — install it "
            f"(`apt-get install {pkgs}`; see docs/qc.md)")


def normalise(s: str) -> str:
    """The comparison key of a string: what OCR can be held to, and nothing looser.

    Unicode NFKC (composed and compatibility forms, Arabic presentation forms, Thai SARA AM all become one
    spelling), lower case, digits of every script as 0-9. Dropped: invisible format characters (zero-width
    joiners and non-joiners, marks of direction) and the optional Arabic harakat and tatweel, which change no
    word. Every other letter and combining mark of a non-Latin script is kept — a Devanagari vowel sign or a
    Thai tone mark changes the word. Latin keeps a-z only, as before: accents, punctuation and typography
    (·, –, —, quotes, non-breaking spaces) are separators; words are joined by one space."""
    s = unicodedata.normalize("NFKC", s).translate(TYPOGRAPHY).lower()
    out = []
    for ch in s:
        cat = unicodedata.category(ch)
        if cat == "Cf" or ch in ARABIC_OPTIONAL:
            continue
        if cat == "Nd":
            out.append(str(unicodedata.digit(ch)))
        elif "a" <= ch <= "z" or (cat[0] in "LM" and script_of(ch) not in (LATIN, None)):
            out.append(ch)
        else:
            out.append(" ")
    return " ".join("".join(out).split())


def visible(s: str) -> str:
    """`s` without invisible format characters (tesseract marks the direction of every right-to-left run)."""
    return "".join(c for c in s if unicodedata.category(c) != "Cf")


SPACE = re.compile(r"\s+")


def matches(want: str, read: str, contains: bool = False) -> bool:
    """Whether OCR's `read` says `want`. Latin text is compared word for word (`contains`: `want` appears among
    the words read). A text with letters of another script is compared with its spaces removed: Thai writes no
    spaces between words and OCR of joined scripts splits and merges words at will, while removing spaces never
    makes two different letter sequences equal — one wrong letter still fails."""
    w, g = normalise(want), normalise(read)
    if any(s != LATIN for s in scripts(w)):
        w, g = SPACE.sub("", w), SPACE.sub("", g)
        return bool(w) and w in g if contains else w == g
    return f" {w} " in f" {g} " if contains else w == g
