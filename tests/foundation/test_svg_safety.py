"""SVG files are data, never programs or fetchers: external references (file://, http://) are not loaded and the
render still succeeds, scripts are ignored, inline `data:` images still draw."""
import base64
import http.server
import io
import threading

import numpy as np
import pytest
from PIL import Image

from foundation_media import coverage, render_png_frames, write_project

GREEN, RED = (0, 255, 0), (255, 0, 0)


def red_png(size=40) -> bytes:
    buf = io.BytesIO()
    Image.new("RGB", (size, size), RED).save(buf, format="PNG")
    return buf.getvalue()


@pytest.fixture
def server():
    """A local HTTP server that serves a red PNG and counts requests (nothing should ever ask)."""
    hits = []
    body = red_png()

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self):
            hits.append(self.path)
            self.send_response(200)
            self.send_header("Content-Type", "image/png")
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    srv = http.server.HTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=srv.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{srv.server_address[1]}", hits
    srv.shutdown()
    srv.server_close()


def render_svg(folder, svg: str) -> np.ndarray:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "art.svg").write_text(svg)
    project = write_project(folder, """
        compositor: 1
        output: {size: [200, 200], fps: 10, file: frames}
        shots:
          - id: a
            duration: 0.1
            background: {color: "#FFFFFF"}
            layers:
              - svg: art.svg
                width: 200
                at: center
        """)
    return render_png_frames(project, folder / "frames")[0]


def svg_doc(body: str) -> str:
    return ('<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" '
            'width="100" height="100" viewBox="0 0 100 100">'
            '<rect x="0" y="0" width="100" height="100" fill="#00FF00"/>' + body + "</svg>")


def test_external_references_are_not_fetched_and_the_render_succeeds(tmp_path, server):
    url, hits = server
    local = tmp_path / "secret.png"
    local.write_bytes(red_png())
    frame = render_svg(tmp_path, svg_doc(
        f'<image x="0" y="0" width="50" height="50" href="file://{local}"/>'
        f'<image x="50" y="50" width="50" height="50" xlink:href="{url}/red.png"/>'
        '<image x="0" y="50" width="50" height="50" href="file:///etc/hostname"/>'))
    assert hits == [], "the SVG renderer fetched over HTTP"
    assert not coverage(frame, RED, tol=60).any(), "an external image was drawn"
    assert coverage(frame, GREEN, tol=10).mean() > 0.95


def test_external_references_never_reach_the_network_even_when_refused(tmp_path, server):
    url, hits = server
    try:
        render_svg(tmp_path, svg_doc(f'<image x="50" y="50" width="50" height="50" xlink:href="{url}/red.png"/>'))
    except Exception:
        pass  # refusing loudly is a separate matter (see the test above); fetching is never allowed
    assert hits == []


def test_scripts_are_ignored(tmp_path):
    with_script = render_svg(tmp_path / "a", svg_doc(
        '<script type="text/javascript">document.getElementById("r").setAttribute("fill", "red");</script>'
        '<rect id="r" x="25" y="25" width="50" height="50" fill="#0000FF"/>'
        '<script><![CDATA[ while (true) {} ]]></script>'))
    plain = render_svg(tmp_path / "b", svg_doc('<rect id="r" x="25" y="25" width="50" height="50" fill="#0000FF"/>'))
    assert np.array_equal(with_script, plain)
    assert coverage(with_script, (0, 0, 255), tol=10)[100, 60:140].all()


def test_inline_data_uri_images_still_draw(tmp_path):
    data = base64.b64encode(red_png()).decode()
    frame = render_svg(tmp_path, svg_doc(
        f'<image x="0" y="0" width="50" height="50" href="data:image/png;base64,{data}"/>'))
    assert coverage(frame[:100, :100], RED, tol=30).mean() > 0.9
