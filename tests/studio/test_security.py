"""Other web pages cannot drive the studio, and project files cannot script it: a cross-origin or token-less POST
is refused (403) and renders nothing, the page carries a Content-Security-Policy without inline script, project
strings reach the page only as text, a markup id is refused at load, and Render never writes over an input."""
from __future__ import annotations

import re
import time
from pathlib import Path

import pytest
from starlette.testclient import TestClient

from compositor.studio.server import create_app

from .project import PROJECT

STATIC = Path(__file__).resolve().parents[2] / "compositor" / "studio" / "static"
EVIL = "http://evil.example"
POSTS = ("/api/render", "/api/render/cancel", "/api/generate?shot=intro")


@pytest.fixture
def studio(tmp_path):
    (tmp_path / "project.yaml").write_text(PROJECT)
    with TestClient(create_app(tmp_path / "project.yaml", allowed_hosts=["testserver"], watch=False)) as c:
        yield c, tmp_path


def _nothing_rendered(folder: Path) -> None:
    time.sleep(1.5)     # a render the server had started would have written (or begun writing) by now
    assert sorted(p.name for p in folder.iterdir()) == ["project.yaml"]


def test_a_cross_origin_text_plain_post_is_refused_and_renders_nothing(studio):
    c, tmp = studio
    for path in POSTS:     # what a form or a no-preflight fetch on another site sends; with the right token too
        for headers in ({}, {"X-Compositor-Token": c.app.token}):
            r = c.post(path, content=b"{}", headers={"Origin": EVIL, "Content-Type": "text/plain", **headers})
            assert r.status_code == 403, (path, r.text)
            assert "evil.example" in r.json()["error"]
            assert "access-control-allow-origin" not in r.headers
    _nothing_rendered(tmp)


def test_a_post_without_the_token_is_refused_and_renders_nothing(studio):
    c, tmp = studio
    for path in POSTS:
        for headers in ({}, {"X-Compositor-Token": "guess"}, {"X-Compositor-Token": ""},
                        {"Origin": "http://testserver"}):
            r = c.post(path, headers=headers)
            assert r.status_code == 403, (path, headers, r.text)
            assert "X-Compositor-Token" in r.json()["error"]
    _nothing_rendered(tmp)


def test_the_page_origin_with_the_token_is_served(studio):
    c, _ = studio
    r = c.post("/api/render/cancel", headers={"Origin": "http://testserver", "X-Compositor-Token": c.app.token})
    assert r.status_code == 200 and r.json() == {"cancelling": True}
    assert c.post("/api/render/cancel", headers={"X-Compositor-Token": c.app.token}).status_code == 200  # a script


def test_the_page_has_a_csp_without_inline_script_and_the_token_in_a_meta_tag(studio, tmp_path):
    c, _ = studio
    r = c.get("/")
    csp = r.headers["content-security-policy"]
    directives = dict(d.strip().split(" ", 1) for d in csp.split(";"))
    assert directives["script-src"] == "'self'" and directives["object-src"] == "'none'"
    assert directives["base-uri"] == "'none'" and directives["frame-ancestors"] == "'none'"
    assert "unsafe-inline" not in csp and "unsafe-eval" not in csp
    assert "access-control-allow-origin" not in r.headers and r.headers["x-content-type-options"] == "nosniff"
    assert c.get("/api/project").headers["content-security-policy"] == csp
    token = re.search(r'<meta name="compositor-token" content="([^"]+)">', r.text).group(1)
    assert token == c.app.token and len(token) >= 32
    assert re.search(r"<script(?![^>]*\bsrc=)", r.text) is None          # no inline script
    assert re.search(r"\son[a-z]+\s*=", r.text) is None                  # no inline handlers
    (tmp_path / "other").mkdir()
    (tmp_path / "other" / "project.yaml").write_text(PROJECT)
    other = create_app(tmp_path / "other" / "project.yaml", allowed_hosts=["testserver"], watch=False)
    assert other.token != c.app.token                                    # one per launch


def test_no_markup_is_written_into_the_page_from_script():
    """Project strings reach the page through textContent only: no HTML sinks in the page's scripts."""
    for js in STATIC.glob("*.js"):
        text = js.read_text()
        for sink in ("innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval(", "new Function"):
            assert sink not in text, f"{js.name} uses {sink}"


PAYLOAD = '"<img src=x onerror=window.__pwned=1>"'


@pytest.mark.parametrize("text, line, field", [
    (PROJECT.replace("  - id: intro\n", f"  - id: {PAYLOAD}\n"), 8, "shots[0].id"),
    (PROJECT.replace("fill: black}\n", f"fill: black}}\n        id: {PAYLOAD}\n"), 13, "shots[0].layers[0].id"),
], ids=["shot", "layer"])
def test_validate_refuses_a_markup_id_with_its_line(tmp_path, compositor_cli, text, line, field):
    f = tmp_path / "project.yaml"
    f.write_text(text)
    r = compositor_cli("validate", f)
    assert r.returncode == 2 and "Traceback" not in r.stderr
    assert f"{f}:{line}: {field}: " in r.stderr, r.stderr
    assert "letters, digits" in r.stderr


def test_ids_and_track_names_are_plain_names(tmp_path):
    from compositor.errors import UserError
    from compositor.project.load import load_project

    f = tmp_path / "project.yaml"
    for bad in ("closing.title", "two words", "-lead", "ｆｕｌｌ", "x" * 65, "", "a<b>"):
        for text, line, field in ((PROJECT.replace("  - id: outro\n", f"  - id: {bad!r}\n"), 17, "shots[1].id"),
                                  (PROJECT.replace("fill: white}\n", f"fill: white}}\n        id: {bad!r}\n"),
                                   23, "shots[1].layers[0].id")):
            f.write_text(text)
            with pytest.raises(UserError) as exc:
                load_project(f)
            assert str(exc.value.issues[0]).startswith(f"{f}:{line}: {field}: "), (bad, str(exc.value))
    f.write_text(PROJECT.replace("fill: black}\n", "fill: black}\n        id: Title_2-b\n"))
    assert load_project(f).shots[0].spec.layers[0].id == "Title_2-b"
    f.write_text(PROJECT.replace("  - id: outro\n", "  - id: \"<b>\"\n    tracks: {\"a.b\": {corners: [[0, 0], "
                                 "[10, 0], [10, 10], [0, 10]], at: 0}}\n"))
    with pytest.raises(UserError) as exc:
        load_project(f)
    assert [i.line for i in exc.value.issues] == [17, 18] and "track name 'a.b'" in str(exc.value)


def _video(path: Path, frames: int = 10) -> None:
    import av
    import numpy as np

    with av.open(str(path), "w") as out:
        s = out.add_stream("libx264", rate=10)
        s.width, s.height, s.pix_fmt = 320, 180, "yuv420p"
        for i in range(frames):
            img = np.full((180, 320, 3), (i * 20) % 255, np.uint8)
            out.mux(s.encode(av.VideoFrame.from_ndarray(img, format="rgb24")))
        out.mux(s.encode())


def test_render_button_refuses_to_overwrite_its_input_like_the_cli(tmp_path, compositor_cli):
    _video(tmp_path / "bg.mp4")
    f = tmp_path / "project.yaml"
    f.write_text(PROJECT.replace("file: out.mp4", "file: bg.mp4").replace("background: {color: white}",
                                                                          "background: {video: bg.mp4}"))
    before = (tmp_path / "bg.mp4").read_bytes()
    cli = compositor_cli("render", f)
    assert cli.returncode == 2 and "would overwrite the input file 'bg.mp4'" in cli.stderr, cli.stderr
    with TestClient(create_app(f, allowed_hosts=["testserver"], watch=False)) as c:
        r = c.post("/api/render", headers={"X-Compositor-Token": c.app.token})
        assert r.status_code == 409, r.text
        assert r.json()["message"] == cli.stderr.strip()
        time.sleep(1.5)
    assert (tmp_path / "bg.mp4").read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir() if not p.name.startswith(".")) == ["bg.mp4", "project.yaml"]
