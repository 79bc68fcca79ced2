"""The studio's Starlette app: JSON and frames over HTTP, pushes over server-sent events (one-way pushes are all
the page needs, and EventSource reconnects by itself). Rendering runs on one worker thread (worker.py) — a
FrameRenderer is not thread-safe and its caches stay warm — so the event loop never blocks on a frame.

Other web pages must not drive it: every request needs the served Host (DNS rebinding), every state-changing
one the page's own Origin (if sent) and the per-launch token only the page holds (see guards.py), and every
response carries a Content-Security-Policy that forbids inline script."""
from __future__ import annotations

import asyncio
import contextlib
import json
import math
import secrets
import threading
from pathlib import Path
from typing import Iterable, Optional

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import (FileResponse, HTMLResponse, JSONResponse, PlainTextResponse, Response,
                                 StreamingResponse)
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from .frames import encode
from .hit import layer_at, outlines
from .origin import layer_origin
from ..errors import UserError
from ..api import Cancelled, Video, guard_output
from .guards import refusal, with_headers
from .state import StudioState, describe
from . import version as versions
from .worker import Worker

STATIC = Path(__file__).parent / "static"
from brand.kit import KITS_DIR as _KITS  # noqa: E402  (shipped package data)
FONTS = {"sans.ttf": _KITS / "neutral" / "fonts" / "NotoSans-Regular.ttf",
         "sans-bold.ttf": _KITS / "neutral" / "fonts" / "NotoSans-Bold.ttf",
         "mono.ttf": Path(__file__).resolve().parents[2] / "overlays" / "ui" / "fonts" / "DejaVuSansMono.ttf"}
QUERY = {"/api/frame": {"t", "scale", "format", "last_good"}, "/api/hit": {"t", "x", "y"}, "/api/outlines": {"t"},
         "/api/generate": {"shot"}}


class BadRequest(Exception):
    pass


def create_app(project: Path, allowed_hosts: Iterable[str] = ("127.0.0.1", "localhost"), watch: bool = True,
               variant: Optional[str] = None, data: Optional[Path] = None, row: Optional[int] = None,
               params: Optional[dict] = None):
    """The app for `project` as one version: `variant`, `row` of the `data` file (the first one when a data file
    is given without a row) and typed `params`. A version that does not load raises UserError."""
    state = StudioState(Path(project).resolve(), data=Path(data).resolve() if data is not None else None)
    state.rows = versions.read(state.data)
    if row is not None and not 1 <= row <= len(state.rows):
        from ..errors import plain_issue
        raise plain_issue(data or "--row", f"there is no row {row} ({len(state.rows)} rows here)",
                          f"pick a row 1 – {len(state.rows)}")
    state.choose(versions.Choice(variant, row if row is not None or data is None else 1, dict(params or {})))
    worker = Worker(state)
    subscribers: set[asyncio.Queue] = set()
    hosts = set(allowed_hosts)
    token = secrets.token_urlsafe(32)       # per launch: only the served page (and local scripts reading it) has it
    render_job: dict = {}
    generating = asyncio.Lock()

    def publish(event: str, data: dict) -> None:
        for q in list(subscribers):
            q.put_nowait((event, data))

    in_worker = worker.run

    # --- guards -------------------------------------------------------------------------------------------
    async def guard(scope, receive, send):
        send = with_headers(send)
        if scope["type"] == "http":
            headers = dict(scope["headers"])
            host = headers.get(b"host", b"").decode("latin-1")
            if host not in hosts:
                resp = PlainTextResponse(f"refused: Host {host!r} is not the studio's address "
                                         f"(DNS-rebinding guard; open http://{sorted(hosts)[0]}/)", 403)
                return await resp(scope, receive, send)
            refused = refusal(scope["method"], headers, host, token)
            if refused is not None:
                return await JSONResponse({"error": refused}, 403)(scope, receive, send)
        return await inner(scope, receive, send)

    def args(request: Request) -> dict:
        allowed = QUERY.get(request.url.path, set())
        unknown = set(request.query_params) - allowed
        if unknown:
            raise BadRequest(f"unknown query parameter(s): {', '.join(sorted(unknown))} "
                             f"(known: {', '.join(sorted(allowed)) or 'none'})")
        return dict(request.query_params)

    def number(q: dict, key: str, lo: float, hi: float, default: Optional[float] = None) -> float:
        if key not in q:
            if default is None:
                raise BadRequest(f"{key} is required")
            return default
        try:
            v = float(q[key])
        except ValueError:
            raise BadRequest(f"{key}={q[key]!r} is not a number")
        if not math.isfinite(v) or v < lo or v > hi:
            raise BadRequest(f"{key}={q[key]} is outside {lo:g} – {hi:g}")
        return v

    def at(project, t: float) -> int:
        """The frame index at t, clamped: a reload between the check and the draw may have shortened the video."""
        return max(0, min(project.timeline.frame_of(min(t, project.timeline.duration)), project.timeline.n_frames - 1))

    def handled(fn):
        async def endpoint(request: Request):
            try:
                return await fn(request)
            except BadRequest as exc:
                return JSONResponse({"error": str(exc)}, 400)
            except UserError as exc:     # found only while preparing (an unreadable asset, a model that fails)
                return JSONResponse(describe(exc), 409)
        return endpoint

    # --- endpoints ----------------------------------------------------------------------------------------
    def project_json() -> dict:
        p, session = state.good.project, state.good.renderer.session
        fps = p.fps
        shots = []
        for shot in p.shots:
            start = shot.span.first / fps
            layers = [{"index": j, **layer_origin(p, shot, j, layer), "start": start + layer.start,
                       "end": start + layer.end}
                      for j, layer in enumerate(shot.layers)]
            shots.append({"id": shot.id, "start": start, "end": (shot.span.first + shot.span.n_frames) / fps,
                          "line": p.lines.line(("shots", shot.index)), "layers": layers,
                          "transition": shot.span.overlap / fps,
                          "placeholder": placeholder(session, shot)})
        return {"title": p.spec.title, "fps": fps, "size": list(p.size), "frames": p.timeline.n_frames,
                "shots": shots, "file": str(p.file), "version": state.good.version, "error": state.error,
                "safe_area": p.kit.safe_area, "alpha": p.has_alpha, "output": str(p.output),
                **versions.choices(p, state.choice, state.rows, state.data)}

    def placeholder(session, shot) -> bool:
        """What the session draws for the shot: only an expensive source can stand in as a placeholder, so
        only those are prepared here (cheap: offline, a cached clip is loaded, a missing one is not made)."""
        return shot.source.expensive and session.prepare(shot).placeholder

    @handled
    async def api_project(request: Request):
        args(request)
        return JSONResponse(await in_worker(project_json))

    @handled
    async def api_frame(request: Request):
        q = args(request)
        if state.error is not None and q.get("last_good") != "1":
            return JSONResponse(state.error, 409)
        t = number(q, "t", 0.0, state.good.project.timeline.duration)
        scale = number(q, "scale", 0.05, 1.0, 1.0)
        fmt = q.get("format", "png")
        if fmt not in ("png", "jpeg"):
            raise BadRequest(f"format={fmt!r}: use png or jpeg")

        def draw():
            good = state.good          # read on the worker, where reloads happen: never a closed renderer
            i = at(good.project, t)
            data = good.frames.get((i, scale, fmt))
            if data is None:
                data = encode(good.renderer.frame(i), scale, fmt)
                good.frames.put((i, scale, fmt), data)
            return data, i, good.version
        data, i, version = await in_worker(draw)
        return Response(data, media_type=f"image/{fmt}", headers={"X-Frame": str(i), "Cache-Control": "no-store",
                                                                  "X-Version": str(version)})

    @handled
    async def api_hit(request: Request):
        q = args(request)
        project = state.good.project
        t = number(q, "t", 0.0, project.timeline.duration)
        w, h = project.size
        x, y = int(number(q, "x", 0, w - 1)), int(number(q, "y", 0, h - 1))
        return JSONResponse({"layer": await in_worker(lambda: layer_at(state.good.renderer,
                                                                       at(state.good.project, t), x, y))})

    @handled
    async def api_outlines(request: Request):
        q = args(request)
        t = number(q, "t", 0.0, state.good.project.timeline.duration)
        return JSONResponse({"layers": await in_worker(lambda: outlines(state.good.renderer,
                                                                        at(state.good.project, t)))})

    @handled
    async def api_generate(request: Request):
        q = args(request)
        project = state.good.project
        try:
            shot = project.shot(q.get("shot", ""))
        except Exception:
            raise BadRequest(f"no shot {q.get('shot')!r}")
        if not shot.source.expensive:
            raise BadRequest(f"shot {shot.id} has no generated footage (its background is drawn, not generated)")
        if generating.locked():
            return JSONResponse({"error": "a generation is running"}, 409)
        async with generating:
            # the real thing, in a session of its own that may generate (the studio's is offline), off the frame
            # worker: scrubbing goes on while the model runs; the cache is what the two sessions share
            await asyncio.to_thread(generate_into_cache, project, shot)
            await in_worker(state.renew)
        publish("project-changed", {"version": state.version})
        return JSONResponse({"generated": shot.id, "version": state.version})

    @handled
    async def api_version(request: Request):
        """Show another version: {variant, row, params}, each key optional (left out: kept). One that does not
        load answers 409 with its FILE:LINE message and the version shown stays."""
        args(request)
        try:
            body = json.loads(await request.body() or b"{}")
        except ValueError:
            raise BadRequest('the body must be JSON, e.g. {"variant": "vertical"}')
        try:
            choice = versions.parse(body, state.choice, state.rows, versions.variant_names(state.good.project))
        except versions.BadChoice as exc:
            raise BadRequest(str(exc))
        await in_worker(state.choose, choice)
        publish("project-changed", {"version": state.version})
        return JSONResponse({"version": state.version, **choice.json()})

    @handled
    async def api_render(request: Request):
        args(request)
        if render_job.get("thread") is not None and render_job["thread"].is_alive():
            return JSONResponse({"error": "a render is running"}, 409)
        if state.error is not None:
            return JSONResponse(state.error, 409)
        project, loop, cancel = state.good.project, asyncio.get_running_loop(), threading.Event()
        video = Video(project)
        guard_output(project, project.output, False)     # as `compositor render`: never over an input (409)

        def tick(n, total):
            if n == total or n % 5 == 0:
                loop.call_soon_threadsafe(publish, "render-progress", {"done": n, "total": total})

        def work():
            # the application service, as the CLI and the Python API: the same gate, guard and file
            try:
                done = video.render(workers=None, progress=tick, cancel=cancel)     # in this process
                loop.call_soon_threadsafe(publish, "render-done", {"output": str(done.path),
                                                                   "warnings": done.warnings})
            except Cancelled:
                loop.call_soon_threadsafe(publish, "render-cancelled", {})
            except Exception as exc:   # a user error found only while rendering: show it like the CLI
                loop.call_soon_threadsafe(publish, "render-failed", {"message": str(exc)})
        render_job.update(cancel=cancel, thread=threading.Thread(target=work, daemon=True))
        render_job["thread"].start()
        return JSONResponse({"started": True, "output": str(project.output)})

    @handled
    async def api_render_cancel(request: Request):
        args(request)
        if render_job.get("cancel") is not None:
            render_job["cancel"].set()
        return JSONResponse({"cancelling": True})

    async def api_events(request: Request):
        q: asyncio.Queue = asyncio.Queue()
        subscribers.add(q)

        async def stream():
            try:
                yield f"event: hello\ndata: {json.dumps({'version': state.version})}\n\n"
                while True:
                    try:
                        event, data = await asyncio.wait_for(q.get(), 15)
                    except asyncio.TimeoutError:
                        yield ": keep-alive\n\n"
                        continue
                    if event == "bye":
                        return
                    yield f"event: {event}\ndata: {json.dumps(data)}\n\n"
            finally:
                subscribers.discard(q)
        return StreamingResponse(stream(), media_type="text/event-stream", headers={"Cache-Control": "no-store"})

    async def index(request: Request):
        """The page, with this launch's token in a <meta> tag: the page's scripts send it back on every POST."""
        page = (STATIC / "index.html").read_text(encoding="utf-8").replace("{{token}}", token)
        return HTMLResponse(page, headers={"Cache-Control": "no-store"})

    async def font(request: Request):
        """The page's own fonts (shipped ones), so it reads the same on a machine without system fonts."""
        name = request.path_params["name"]
        path = FONTS.get(name)
        if path is None or not path.exists():
            return PlainTextResponse(f"no font {name!r}", 404)
        return FileResponse(path, media_type="font/ttf")

    # --- reload on save -----------------------------------------------------------------------------------
    async def watcher(stop: asyncio.Event):
        from .watch import changes
        while not stop.is_set():
            good = state.good
            ignore = [good.project.cache_dir, good.project.output.parent] if good else []
            ignore = [p for p in ignore if Path(p).resolve() != state.path.parent]
            async for _ in changes(state.watched(), ignore, stop):
                ok = await in_worker(state.reload)
                if ok:
                    publish("project-changed", {"version": state.version})
                else:
                    publish("project-error", state.error)
                break   # the watched set may change with the kit: watch again

    @contextlib.asynccontextmanager
    async def lifespan(app):
        stop = asyncio.Event()
        task = asyncio.create_task(watcher(stop)) if watch else None
        try:
            yield
        finally:
            stop.set()
            if render_job.get("cancel") is not None:     # a render still running stops with the server
                render_job["cancel"].set()
            if task is not None:
                task.cancel()
                try:
                    await task
                except (asyncio.CancelledError, Exception):
                    pass
            for q in list(subscribers):
                q.put_nowait(("bye", {}))
            worker.close()
            state.close()

    inner = Starlette(routes=[
        Route("/", index), Route("/font/{name}", font), Route("/api/project", api_project), Route("/api/frame", api_frame),
        Route("/api/hit", api_hit), Route("/api/outlines", api_outlines), Route("/api/events", api_events),
        Route("/api/generate", api_generate, methods=["POST"]), Route("/api/render", api_render, methods=["POST"]),
        Route("/api/render/cancel", api_render_cancel, methods=["POST"]),
        Route("/api/version", api_version, methods=["POST"]),
        Mount("/static", StaticFiles(directory=STATIC), name="static"),
    ], lifespan=lifespan)
    return _Guarded(guard, inner, state, token)


class _Guarded:
    """The ASGI app: the guards in front of Starlette (lifespan passes straight through). `token` is this
    launch's secret, for the tests and the launcher; the page gets it from index.html."""

    def __init__(self, guard, inner, state, token):
        self.guard, self.inner, self.state, self.token = guard, inner, state, token

    async def __call__(self, scope, receive, send):
        if scope["type"] == "lifespan":
            return await self.inner(scope, receive, send)
        return await self.guard(scope, receive, send)


def generate_into_cache(project, shot) -> None:
    """Prepare the shot in an online session: generation runs and its clip lands in the project's cache."""
    from ..session import RenderSession

    session = RenderSession(project, use_cache=True)
    try:
        session.prepare(shot)
    finally:
        session.close()
