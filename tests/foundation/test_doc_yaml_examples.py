"""Every YAML example in README.md and docs/ parses verbatim with the loader projects use, and no documented word
turns into a boolean or a sexagesimal number behind the user's back (the YAML 1.1 trap)."""
from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from brand.kit import default_kit, load_kit
from compositor.errors import UserError
from compositor.vocab.yamlmarks import read_marked

ROOT = Path(__file__).resolve().parents[2]
DOCS = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
BLOCKS = [(doc, i, m.group(1)) for doc in DOCS
          for i, m in enumerate(re.finditer(r"```ya?ml\n(.*?)```", doc.read_text(encoding="utf-8"), re.S))]
TRUE_WORDS = re.compile(r":\s+(true|false|True|False|TRUE|FALSE)\b")


def _bools(data):
    if isinstance(data, bool):
        yield data
    elif isinstance(data, dict):
        for value in data.values():
            yield from _bools(value)
    elif isinstance(data, list):
        for value in data:
            yield from _bools(value)


@pytest.mark.parametrize("doc,index,text", BLOCKS, ids=[f"{d.name}#{i}" for d, i, _ in BLOCKS])
def test_doc_example_parses_and_keeps_its_words(doc, index, text, tmp_path):
    # a block of one-line alternatives for the same key (`transition: ...` four ways) is read line by line
    rows = [r for r in text.splitlines() if r.strip() and not r.lstrip().startswith("#")]
    keys = [r.split(":", 1)[0] for r in rows]
    alternatives = all(not r[0].isspace() for r in rows) and len(set(keys)) < len(keys)
    data = []
    for n, piece in enumerate(rows if alternatives else [text]):
        file = tmp_path / f"example{n}.yaml"
        file.write_text(piece, encoding="utf-8")
        data.append(read_marked(file)[0])
    # a boolean may only come from an explicit true/false in the text
    assert len(list(_bools(data))) <= len(TRUE_WORDS.findall(text)), f"{doc.name} block {index}: a word became a bool"


def test_yaml12_core_schema_words(tmp_path):
    file = tmp_path / "p.yaml"
    file.write_text("lock: off\ncountry: no\nanswer: yes\nlight: on\nbig: 1e3\nat: 1:30\nflag: true\n", encoding="utf-8")
    data, lines = read_marked(file)
    assert data == {"lock": "off", "country": "no", "answer": "yes", "light": "on", "big": 1000.0, "at": "1:30",
                    "flag": True}
    assert lines.line(("at",)) == 6


def test_lock_off_unquoted_as_the_docs_write_it(tmp_path):
    kit = tmp_path / "kit"
    shutil.copytree(ROOT / "brand" / "kits" / "neutral", kit)
    assert "lock: off\n" in (kit / "brand.yaml").read_text(encoding="utf-8")
    assert load_kit(kit).lock == "off"
    assert default_kit().lock == "off"
    text = (kit / "brand.yaml").read_text(encoding="utf-8").replace("lock: off", "lock: strict")
    (kit / "brand.yaml").write_text(text, encoding="utf-8")
    assert load_kit(kit).lock == "strict"


def test_wrong_lock_word_names_its_line(tmp_path):
    kit = tmp_path / "kit"
    shutil.copytree(ROOT / "brand" / "kits" / "neutral", kit)
    text = (kit / "brand.yaml").read_text(encoding="utf-8")
    line = text.splitlines().index("lock: off") + 1
    (kit / "brand.yaml").write_text(text.replace("lock: off", "lock: no"), encoding="utf-8")
    with pytest.raises(UserError) as err:
        load_kit(kit)
    assert f"brand.yaml:{line}" in str(err.value) and "'no'" in str(err.value)


def test_alias_bomb_stops_at_a_named_cap(tmp_path):
    rows = ['a: &a ["x","x","x","x","x","x","x","x","x","x"]']
    for i in range(1, 9):
        rows.append(f"{'abcdefghi'[i]}: &{'abcdefghi'[i]} [" + ",".join(["*" + "abcdefghi"[i - 1]] * 10) + "]")
    file = tmp_path / "bomb.yaml"
    file.write_text("\n".join(rows) + "\n", encoding="utf-8")
    with pytest.raises(UserError) as err:
        read_marked(file)
    assert "expands to more than" in str(err.value)
