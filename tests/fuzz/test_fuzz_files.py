"""Hostile and malformed project files and brand kits, generated in bulk: `compositor validate` answers each with
exit 0 or exit 2 and `FILE:LINE: …` lines (or a whole-file message), never a traceback, never a hang.

Hypothesis runs a fixed, derandomized profile so CI sees the same cases every time; COMPOSITOR_FUZZ_EXAMPLES
raises the count per class for a long run. Per-class case counts and the distinct messages are printed at the
end of the module (run with -s to see them)."""
from __future__ import annotations

import collections
import math
import os
import re
import resource
import signal
import time
from pathlib import Path

import pytest
import yaml

hypothesis = pytest.importorskip("hypothesis")
from hypothesis import HealthCheck, given, settings, strategies as st  # noqa: E402

EXAMPLES = int(os.environ.get("COMPOSITOR_FUZZ_EXAMPLES", "12"))
settings.register_profile("compositor-fuzz", derandomize=True, max_examples=EXAMPLES, deadline=None,
                          database=None, suppress_health_check=list(HealthCheck), print_blob=False)
FUZZ = settings.get_profile("compositor-fuzz")
CASE_SECONDS = 20          # a case that takes longer is a hang
CASE_MEMORY = 4 << 30      # address space the cases may add while the module runs (a bomb fails to allocate)

SEEN: dict[str, collections.Counter] = collections.defaultdict(collections.Counter)
WORST: dict[str, float] = collections.defaultdict(float)
CASES: collections.Counter = collections.Counter()
LINE = re.compile(r"^.+?:\d+: ")

BASE = {
    "compositor": 1,
    "title": "fuzz",
    "output": {"size": [320, 180], "fps": 30, "file": "out.mp4"},
    "shots": [
        {"id": "a", "duration": 1, "background": {"color": "primary"},
         "layers": [{"text": "hello", "style": "body", "at": [160, 90], "enter": {"fade": 0.3}},
                    {"rect": {"size": [100, 40], "radius": 4, "fill": "accent"}, "at": [60, 40]}]},
        {"id": "b", "duration": 1, "background": {"color": "#112233"}, "transition": {"crossfade": 0.2}},
    ],
}
KIT = {
    "name": "Fuzz",
    "colors": {"primary": "#2563EB", "ink": "#111827", "paper": "#FFFFFF", "accent": "#F59E0B"},
    "fonts": {"display": "fonts/NotoSans-Bold.ttf", "body": "fonts/NotoSans-Regular.ttf"},
    "styles": {"headline": {"font": "display", "size": 96, "color": "ink"},
               "body": {"font": "body", "size": 44, "color": "ink"}},
    "safe_area": 0.05,
    "lock": "off",
}
NEUTRAL_FONTS = Path(__file__).resolve().parents[2] / "brand" / "kits" / "neutral" / "fonts"

weird_text = st.sampled_from(["", " ", "\u202e\u202dabc", "a\u0000b", "\ud7ff", "\U0001F600" * 50, "e\u0301" * 30,
                              "\u200b", "%s%n{}", "\\x00", "NaN", "~", "null", "off", "<<", "*a", "&a", "1:30",
                              "\t\r\n", "\ufeff", "\U000E0001", "ｆｕｌｌ"])
scalars = st.one_of(st.none(), st.booleans(), st.integers(-2**70, 2**70),
                    st.floats(allow_nan=True, allow_infinity=True), st.just(1e308), st.just(-1e-320),
                    weird_text, st.text(max_size=40))
values = st.recursive(scalars, lambda kids: st.one_of(st.lists(kids, max_size=4),
                                                      st.dictionaries(st.text(max_size=8), kids, max_size=4)),
                      max_leaves=12)


def _paths(data, prefix=()):
    yield prefix
    if isinstance(data, dict):
        for k, v in data.items():
            yield from _paths(v, prefix + (k,))
    elif isinstance(data, list):
        for i, v in enumerate(data):
            yield from _paths(v, prefix + (i,))


def _set(data, path, value, delete=False):
    import copy

    data = copy.deepcopy(data)
    if not path:
        return value
    node = data
    for key in path[:-1]:
        node = node[key]
    if delete:
        del node[path[-1]]
    else:
        node[path[-1]] = value
    return data


def _dump(data) -> str:
    try:
        return yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=10**9)
    except Exception:
        return repr(data)           # not representable as YAML: the file is then garbage, which is a case too


def _mapped_bytes() -> int:
    """The process's current virtual size (Linux /proc; 0 where it cannot be read)."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmSize:"):
                return int(line.split()[1]) * 1024
    except OSError:
        pass
    return 0


@pytest.fixture(scope="module", autouse=True)
def _report():
    soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    # above what the process already maps (earlier tests in a full run load torch, skia, Ray: gigabytes of address
    # space), so only what the cases themselves allocate is capped
    ceiling = _mapped_bytes() + CASE_MEMORY
    resource.setrlimit(resource.RLIMIT_AS, (min(ceiling, hard) if hard > 0 else ceiling, hard))
    yield
    resource.setrlimit(resource.RLIMIT_AS, (soft, hard))
    total = sum(CASES.values())
    print(f"\nfuzz: {total} cases")
    for name, counter in sorted(SEEN.items()):
        print(f"  {name}: {CASES[name]} cases, {len(counter)} distinct messages, "
              f"slowest {WORST[name]:.2f}s")
    print(f"  distinct messages overall: {len(set().union(*[set(c) for c in SEEN.values()]))}")


def _shape(message: str) -> str:
    """A message with its file and numbers taken out, so 'distinct' counts kinds of answer, not values."""
    return re.sub(r"-?\d[\d.e+,-]*", "N", message.split(": ", 1)[-1])[:160]


def _alarm(signum, frame):
    raise TimeoutError(f"case ran over {CASE_SECONDS} s")


def check(name: str, folder: Path, project_text: str | bytes, kit_text: str | None = None):
    """Write the case, run `compositor validate` in-process, and hold the contract."""
    from typer.testing import CliRunner

    from compositor.cli import app

    import shutil

    if folder.exists():
        shutil.rmtree(folder)
    folder.mkdir(parents=True)
    project = folder / "project.yaml"
    (project.write_bytes if isinstance(project_text, bytes) else
     lambda t: project.write_text(t, encoding="utf-8", errors="surrogatepass"))(project_text)
    if kit_text is not None:
        kit = folder / "kit"
        kit.mkdir()
        shutil.copytree(NEUTRAL_FONTS, kit / "fonts")
        (kit / "brand.yaml").write_text(kit_text, encoding="utf-8", errors="surrogatepass")
    old = signal.signal(signal.SIGALRM, _alarm)
    signal.alarm(CASE_SECONDS)
    start = time.perf_counter()
    try:
        result = CliRunner().invoke(app, ["validate", str(project)])
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, old)
    WORST[name] = max(WORST[name], time.perf_counter() - start)
    CASES[name] += 1
    err = result.stderr
    assert result.exception is None or isinstance(result.exception, SystemExit), \
        f"{name}: {type(result.exception).__name__}: {result.exception}\n{project_text[:400]!r}"
    assert "Traceback" not in err + result.stdout and "internal error" not in err, f"{name}: {err[:800]}"
    assert result.exit_code in (0, 2), f"{name}: exit {result.exit_code}: {err[:800]}"
    if result.exit_code == 2:
        lines = [l for l in err.splitlines() if l.strip()]
        assert lines, f"{name}: exit 2 with nothing said"
        for line in lines:
            assert LINE.match(line) or line.startswith(str(folder)) or line.startswith("Usage") \
                or line.startswith(("Error", "Try", "╭", "│", "╰")), f"{name}: no FILE:LINE in {line[:300]!r}"
            SEEN[name][_shape(line)] += 1
    else:
        SEEN[name]["ok"] += 1


def _project_with_kit(data=None):
    data = dict(data or BASE)
    data["brand"] = "kit"
    return data


# ---- project files -------------------------------------------------------------------------------------------

@FUZZ
@given(st.data())
def test_wrong_types_anywhere(tmp_path_factory, data):
    paths = list(_paths(BASE))[1:]
    path = data.draw(st.sampled_from(paths))
    value = data.draw(values)
    check("wrong_types", tmp_path_factory.mktemp("wt"), _dump(_set(BASE, path, value)))


@FUZZ
@given(st.data())
def test_missing_keys(tmp_path_factory, data):
    paths = [p for p in _paths(BASE) if p and isinstance(p[-1], str)]
    chosen = data.draw(st.lists(st.sampled_from(paths), min_size=1, max_size=3, unique=True))
    doc = BASE
    for p in sorted(chosen, key=len, reverse=True):
        try:
            doc = _set(doc, p, None, delete=True)
        except (KeyError, IndexError, TypeError):
            pass
    check("missing_keys", tmp_path_factory.mktemp("mk"), _dump(doc))


numbers = st.one_of(st.floats(allow_nan=True, allow_infinity=True), st.integers(-2**64, 2**64),
                    st.sampled_from([0, -1, -0.0, 1e-300, 1e300, 2**63, -2**63, float("nan"), float("inf")]))
NUMERIC = [("shots", 0, "duration"), ("shots", 1, "duration"), ("output", "fps"), ("output", "size", 0),
           ("output", "size", 1), ("shots", 0, "layers", 0, "at", 0), ("shots", 0, "layers", 0, "enter", "fade"),
           ("shots", 1, "transition", "crossfade"), ("shots", 0, "layers", 1, "rect", "radius"),
           ("shots", 0, "layers", 1, "rect", "size", 0)]


@FUZZ
@given(st.sampled_from(NUMERIC), numbers)
def test_huge_negative_nan_numbers(tmp_path_factory, path, value):
    check("numbers", tmp_path_factory.mktemp("nm"), _dump(_set(BASE, path, value)))


@FUZZ
@given(weird_text | st.text(min_size=1, max_size=60), st.sampled_from([("shots", 0, "id"), ("title",),
       ("shots", 0, "layers", 0, "text"), ("shots", 0, "layers", 0, "style"), ("output", "file"),
       ("shots", 0, "background", "color")]))
def test_unicode_oddities(tmp_path_factory, text, path):
    check("unicode", tmp_path_factory.mktemp("uc"), _dump(_set(BASE, path, text)))


@FUZZ
@given(st.integers(50, 3000), st.sampled_from(["[", "{a: "]))
def test_deep_nesting(tmp_path_factory, depth, opener):
    closer = "]" if opener == "[" else "}"
    body = opener * depth + "1" + closer * depth
    check("deep_nesting", tmp_path_factory.mktemp("dn"),
          f"compositor: 1\nshots:\n  - id: a\n    layers: {body}\n")


@FUZZ
@given(st.lists(st.sampled_from(["a", "b", "A", "a ", "ａ"]), min_size=2, max_size=6))
def test_duplicate_ids_and_keys(tmp_path_factory, ids):
    shots = "".join(f"  - id: {i!r}\n    duration: 1\n" for i in ids)
    check("duplicates", tmp_path_factory.mktemp("dup"), f"compositor: 1\ncompositor: 1\nshots:\n{shots}")


@FUZZ
@given(st.integers(3, 12), st.integers(2, 12))
def test_alias_bombs(tmp_path_factory, levels, width):
    lines = ["compositor: 1", 'a0: &a0 ["lol"]']
    for i in range(1, levels):
        lines.append(f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * width) + "]")
    lines.append(f"shots:\n  - id: x\n    layers: *a{levels - 1}")
    check("alias_bombs", tmp_path_factory.mktemp("ab"), "\n".join(lines) + "\n")


@pytest.mark.parametrize("where", ["title", "text", "id", "key", "comment"])
def test_ten_megabyte_strings(tmp_path, where):
    big = "x" * (10 << 20)
    text = {"title": f"compositor: 1\ntitle: {big}\nshots: [{{id: a}}]\n",
            "text": f"compositor: 1\nshots:\n  - id: a\n    layers: [{{text: {big}}}]\n",
            "id": f"compositor: 1\nshots:\n  - id: {big}\n",
            "key": f"compositor: 1\n{big}: 1\nshots: [{{id: a}}]\n",
            "comment": f"compositor: 1\n# {big}\nshots: [{{id: a}}]\n"}[where]
    check("ten_mb_strings", tmp_path / where, text)


@FUZZ
@given(st.binary(max_size=400))
def test_binary_garbage(tmp_path_factory, blob):
    check("binary_garbage", tmp_path_factory.mktemp("bg"), blob)


# ---- brand kits ----------------------------------------------------------------------------------------------

@FUZZ
@given(st.data())
def test_kit_wrong_types_and_missing_keys(tmp_path_factory, data):
    paths = list(_paths(KIT))[1:]
    path = data.draw(st.sampled_from(paths))
    if data.draw(st.booleans()):
        kit = _set(KIT, path, data.draw(values))
    else:
        kit = _set(KIT, path, None, delete=True)
    check("kit_mutations", tmp_path_factory.mktemp("kit"), _dump(_project_with_kit()), _dump(kit))


@FUZZ
@given(st.integers(3, 12), st.integers(2, 12))
def test_kit_alias_bombs(tmp_path_factory, levels, width):
    lines = ['name: Bomb', 'a0: &a0 {primary: "#000000"}']
    for i in range(1, levels):
        lines.append(f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * width) + "]")
    lines.append(f"colors: *a{levels - 1}")
    check("kit_alias_bombs", tmp_path_factory.mktemp("kab"), _dump(_project_with_kit()), "\n".join(lines) + "\n")
