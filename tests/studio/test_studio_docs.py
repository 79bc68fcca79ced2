"""docs/studio.md runs verbatim: the start command serves the walkthrough project, every curl example answers
what the text says (a POST without the token is refused, one with the token read from the page is served), the
campaign example starts on its variant and row and switches version over HTTP, and Ctrl-C (SIGINT) stops the
server cleanly."""
from __future__ import annotations

import contextlib
import json
import re
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import cv2
import numpy as np

REPO = Path(__file__).resolve().parents[2]


def cli_env() -> dict:
    import os

    return dict(os.environ, PYTHONPATH=str(REPO), NO_COLOR="1")


DOC = REPO / "docs" / "studio.md"


def _blocks():
    return re.findall(r"```sh\n(.*?)```", DOC.read_text(), re.S)


def _up(port: int, timeout: float = 60) -> bool:
    end = time.time() + timeout
    while time.time() < end:
        try:
            socket.create_connection(("127.0.0.1", port), 0.5).close()
            return True
        except OSError:
            time.sleep(0.2)
    return False


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextlib.contextmanager
def _studio(start: str, api: str):
    """Serve the doc's start command on a free port (it replaces the doc's everywhere, so parallel runs and a
    studio the reader left open on that port do not collide); yields the api block with that port."""
    args = start.split()
    assert args[0] == "compositor"
    doc_port = args[args.index("--port") + 1]
    port = _free_port()
    args[args.index("--port") + 1] = str(port)
    assert all(f"127.0.0.1:{doc_port}/" in line for line in api.strip().splitlines())
    proc = subprocess.Popen([sys.executable, "-m", "compositor", *args[1:]], cwd=REPO, env=cli_env(),
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        assert _up(port), proc.stderr.read() if proc.poll() is not None else "studio did not start"
        yield api.replace(f"127.0.0.1:{doc_port}/", f"127.0.0.1:{port}/")
    finally:
        proc.send_signal(signal.SIGINT)
        rc = proc.wait(20)
    err = proc.stderr.read()
    assert rc == 0 and "Traceback" not in err, err


def test_studio_doc_commands_run(tmp_path):
    """The doc's commands verbatim but for the port, each line on its own."""
    start, _, _, api = _blocks()
    with _studio(start, api) as api:
        outs = []
        for line in api.strip().splitlines():
            r = subprocess.run(line, shell=True, cwd=tmp_path, capture_output=True, text=True, timeout=120)
            assert r.returncode == 0, line + r.stderr
            outs.append(r.stdout)
        project = json.loads(outs[0])
        assert project["title"] == "Northwind product walkthrough" and project["size"] == [1920, 1080]
        assert cv2.imread(str(tmp_path / "frame.png")).shape == (1080, 1920, 3)
        assert cv2.imread(str(tmp_path / "small.jpg")).shape == (540, 960, 3)
        hit = json.loads(outs[3])["layer"]
        assert hit["kind"] == "ui.browser" and hit["line"] == project["shots"][0]["layers"][0]["line"]
        assert outs[4] == "403\n"                                   # a POST without the token
        assert json.loads(outs[5]) == {"cancelling": True}           # with the token read from the page
        preview = subprocess.run([sys.executable, "-m", "compositor", "preview",
                                  "projects/product-walkthrough/project.yaml", "--at", "2.5", "-o",
                                  str(tmp_path / "cli.png")], cwd=REPO, env=cli_env(), capture_output=True)
        assert preview.returncode == 0
        assert np.array_equal(cv2.imread(str(tmp_path / "frame.png")), cv2.imread(str(tmp_path / "cli.png")))


def test_studio_doc_versions_run(tmp_path):
    """The campaign example: one shell script (the token is a shell variable), answering what the text says."""
    _, start, api, _ = _blocks()
    with _studio(start, api) as api:
        r = subprocess.run(["bash", "-e", "-c", api], cwd=tmp_path, capture_output=True, text=True, timeout=120)
        assert r.returncode == 0, r.stderr
        first = json.loads((tmp_path / "version.json").read_text())
        assert (first["variant"], first["row"], first["size"]) == ("vertical", 2, [540, 960])
        assert first["output"] == str(REPO / "projects/acme-campaign/renders/acme-Initech-vertical.mp4")
        labels = [row["label"] for row in first["choices"]["rows"]]
        assert labels[1] == "2: Initech · assets/initech.svg · Starter · 12"
        switched, refused = r.stdout.strip().splitlines()
        body, code = switched.rsplit(" ", 1)
        assert code == "200" and {k: v for k, v in json.loads(body).items() if k != "version"} == \
            {"variant": None, "row": 2, "params": {"company": "Hooli"}}
        assert cv2.imread(str(tmp_path / "hooli.png")).shape == (540, 960, 3)
        body, code = refused.rsplit(" ", 1)
        assert code == "409" and json.loads(body)["message"] == (
            f"{REPO / 'projects/acme-campaign/project.yaml'}:43: shots[1].layers[0].text: parameter 'seats': "
            "'many' is not a number — write a number such as 10 or 2.5")
        frame = subprocess.run(["curl", "-s", "-o", "after.png", "-w", "%{http_code}",
                                api.splitlines()[0].split()[2].replace("/api/project", "/api/frame?t=0.5")],
                               cwd=tmp_path, capture_output=True, text=True)
        assert frame.stdout == "200"                                 # the Hooli version keeps serving
        assert np.array_equal(cv2.imread(str(tmp_path / "after.png")), cv2.imread(str(tmp_path / "hooli.png")))


def test_studio_refuses_a_broken_project_like_the_cli(tmp_path, compositor_cli):
    (tmp_path / "project.yaml").write_text("compositor: 1\nshots: 3\n")
    r = compositor_cli("studio", tmp_path / "project.yaml", "--no-open", timeout=60)
    assert r.returncode == 2 and f"{tmp_path / 'project.yaml'}:2:" in r.stderr and "Traceback" not in r.stderr
