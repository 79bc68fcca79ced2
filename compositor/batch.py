"""One run, many videos: a project rendered once per row of parameter values (`compositor render --data`).

Why it is shaped this way:
- every row is loaded (and so fully checked) first, in this process; a bad row is reported against its data line
  and column and never stops the others;
- what is expensive and the same for many rows (a generated background, tracks) is prepared once here, before
  the rows fan out: caches are content-keyed, so every row then reads the one result instead of each row
  generating it again at the same time;
- with at least as many rows as cores, rows run side by side on a pool of one-core processes (each row in one
  process, a whole video per task: no segment joins, the pool's imports paid once); with fewer rows, rows run
  one after another, each spread over every core as a single render is. Either way the file of a row is the
  same as the row rendered alone (a render's frames do not depend on its worker count).
"""
from __future__ import annotations

import json
import time
from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path
from typing import Any, Callable, Mapping, Optional, Sequence

from .errors import Issue, UserError
from .rows import Row

PLACEHOLDER_MARK = "{{"


@dataclass
class RowResult:
    """What became of one row: `status` is "ok" or "failed"; `problems` are printed lines."""

    row: int
    line: int
    status: str = "failed"
    file: Optional[str] = None
    seconds: float = 0.0
    problems: list[str] = field(default_factory=list)


@dataclass
class BatchResult:
    rows: list[RowResult]
    summary: Path
    seconds: float

    @property
    def failed(self) -> list[RowResult]:
        return [r for r in self.rows if r.status != "ok"]


@dataclass(frozen=True)
class _Job:
    """A row ready to render: plain data, so a pool process can load it again (projects do not pickle)."""

    number: int
    file: str
    output: str
    variant: Optional[str]
    params: tuple


def render_batch(project_file: Path | str, rows, *, params: Optional[Mapping[str, Any]] = None,
                 variant: Optional[str] = None, pick: Optional[str] = None, workers: int = 0,
                 executor: str = "local", address: Optional[str] = None, use_cache: bool = True,
                 report: Optional[Callable[[str], None]] = None, base: Optional[Mapping[str, Any]] = None
                 ) -> BatchResult:
    """One video per row, as `compositor render --data` (public: `compositor.render_batch`). `rows`: a
    .csv/.json/.jsonl path, a list of dicts (parameter name → value) or of `Row`s; `params` apply under every
    row's values; `pick` chooses rows ("2-5", "1,3"). Never raises for a bad row: the result lists every row
    (status, file, seconds, problems) and is written to `<output folder>/batch.json`."""
    from .rows import pick as pick_rows, read_rows

    project_file = Path(project_file)
    project_file = project_file / "project.yaml" if project_file.is_dir() else project_file
    if isinstance(rows, (str, Path)):
        rows = read_rows(rows)
    rows = [r if isinstance(r, Row) else Row(i + 1, i + 1, dict(r), "rows") for i, r in enumerate(rows)]
    rows = pick_rows(rows, pick)
    base = {**dict(base or {}), **dict(params or {})}
    from .project.load import load_project

    started = time.perf_counter()
    say = report or (lambda _line: None)
    results: dict[int, RowResult] = {}
    jobs: list[tuple[Row, Any]] = []
    outputs: dict[Path, int] = {}
    for row in rows:
        res = results[row.number] = RowResult(row.number, row.line)
        values = {**dict(base or {}), **{k: v for k, v in row.values.items()}}
        try:
            proj = load_project(project_file, variant=variant, params=values)
            proj = row_output(proj, row)
            _check_output(proj, outputs, row)
        except UserError as exc:
            res.problems = [row_problem(row, issue) for issue in exc.issues]
            continue
        outputs[proj.output.resolve()] = row.number
        res.file = str(proj.output)
        jobs.append((row, proj))
    folder = summary_folder(project_file, variant)
    for res in results.values():
        for line in res.problems:
            say(line)
    if jobs:
        _warm_shared([proj for _, proj in jobs], use_cache)
        _render_rows(jobs, results, workers, executor, address, use_cache, say)
    total = time.perf_counter() - started
    ordered = [results[r.number] for r in rows]
    summary = _write_summary(folder, project_file, rows, ordered, total)
    return BatchResult(ordered, summary, total)


def row_problem(row: Row, issue: Issue) -> str:
    """`rows.csv:LINE: column: what — fix` for a problem with a row's value; a problem the row's values led to
    elsewhere in the project keeps the project's FILE:LINE after the row's."""
    param = getattr(issue, "param", "")
    if param:
        what = issue.message.split(": ", 1)[1] if issue.message.startswith("parameter ") else issue.message
        if issue.message.startswith("unknown parameter"):
            what = "unknown column (no parameter of that name)"
            fix = issue.fix.replace("declare it under params:", "remove the column or declare the parameter under "
                                                                 "params:")
        else:
            what = f"{what} (used at {Path(issue.file).name}:{issue.line})"
            fix = issue.fix
        return f"{row.source}:{row.line}: {param}: {what}" + (f" — {fix}" if fix else "")
    return f"{row.source}:{row.line}: {issue}"


def row_output(proj, row: Row):
    """A row's file: output.file with its `{{…}}` filled in, or `<stem>-<row number>.<ext>` when it has none."""
    raw = _raw_output(proj)
    if raw is not None and PLACEHOLDER_MARK in raw:
        return proj
    out = proj.output
    name = f"{out.stem}-{row.number}{out.suffix}" if out.suffix else f"{out.name}-{row.number}"
    return replace(proj, output=out.with_name(name))


def _raw_output(proj) -> Optional[str]:
    """output.file (or the variant's file) as written, before its parameters were filled in."""
    from .vocab.yamlmarks import read_marked

    data, _ = read_marked(proj.file)
    output = data.get("output") if isinstance(data, dict) else None
    if not isinstance(output, dict):
        return None
    if proj.variant:
        v = (output.get("variants") or {}).get(proj.variant) or {}
        if isinstance(v, dict) and isinstance(v.get("file"), str):
            return v["file"]
    return output.get("file") if isinstance(output.get("file"), str) else None


def _check_output(proj, outputs: dict, row: Row) -> None:
    from .confine import overwrite_victim

    target = proj.output.resolve()
    if target in outputs:
        raise UserError(proj.lines.issue(("output", "file"), f"row {row.number} would write {proj.output} again "
                                         f"(row {outputs[target]} writes it)",
                                         "put a parameter that differs per row in output.file, e.g. "
                                         "renders/{{company}}.mp4"))
    victim = overwrite_victim(proj, proj.output)
    if victim:
        raise UserError(proj.lines.issue(("output", "file"), f"the output {proj.output} would overwrite {victim}",
                                         "write the videos to another file name (output.file)"))


def summary_folder(project_file: Path | str, variant: Optional[str] = None) -> Path:
    """Where batch.json goes: the folder of output.file up to its first `{{…}}` part (relative to the project)."""
    from .vocab.yamlmarks import read_marked

    file = Path(project_file)
    if file.is_dir():
        file = next((file / n for n in ("project.yaml", "project.yml", "project.json") if (file / n).exists()),
                    file / "project.yaml")
    try:
        data, _ = read_marked(file)
        raw = ((data or {}).get("output") or {}).get("file") or "renders/out.mp4"
    except (UserError, AttributeError):
        raw = "renders/out.mp4"
    parts = []
    for part in Path(str(raw)).parent.parts:
        if PLACEHOLDER_MARK in part:
            break
        parts.append(part)
    return file.resolve().parent.joinpath(*parts)


def _warm_shared(projects: list, use_cache: bool) -> None:
    """Prepare every expensive source once (the first row that has it), before any row renders."""
    from .render.executors import warm_caches
    from .session import needs_warming

    seen: set = set()
    for proj in projects:
        keys = set()
        for shot in proj.shots:
            if needs_warming(shot):
                try:
                    keys.add((shot.source.identity(), repr(shot.spec.tracks)))
                except Exception:       # a source that cannot say what it is: warm it with its project
                    keys.add((id(proj), shot.index))
        if keys - seen:
            warm_caches(proj, use_cache)
            seen |= keys


def _render_rows(jobs, results, workers: int, executor: str, address, use_cache: bool, say) -> None:
    from .chunks import resolve_workers
    from .cores import core_budget

    budget = resolve_workers(workers)
    loaded = {row.number: proj for row, proj in jobs}
    plain = [_Job(row.number, str(proj.file), str(proj.output), proj.variant,
                  tuple((k, p.default) for k, p in proj.spec.params.items())) for row, proj in jobs]
    rows = {row.number: row for row, _ in jobs}
    if executor == "local" and len(jobs) >= budget > 1:
        with core_budget(budget):
            _in_pool(plain, results, rows, loaded, budget, use_cache, say)
        return
    for (row, proj), job in zip(jobs, plain):
        opts = dict(use_cache=use_cache, executor=executor, address=address,
                    workers=workers if executor == "local" else None)
        _finish(results[row.number], row, _render_one(job, opts, proj), say)


#: row number -> its loaded project, set right before the pool forks (the rows' processes inherit them and skip
#: loading); empty in spawned processes, which load the file
_INHERITED: dict = {}


def _in_pool(plain, results, rows, loaded, processes: int, use_cache: bool, say) -> None:
    from .render.executors.local import _context

    opts = dict(use_cache=use_cache, executor="local", address=None, workers=None)
    ctx = _context()
    if ctx.get_start_method() == "fork":
        _INHERITED.update(loaded)
    try:
        _pool(ctx, plain, results, rows, processes, opts, say)
    finally:
        _INHERITED.clear()


def _pool(ctx, plain, results, rows, processes: int, opts: dict, say) -> None:
    with ProcessPoolExecutor(max_workers=processes, mp_context=ctx) as pool:
        pending = {pool.submit(_render_one, job, opts): job.number for job in plain}
        while pending:
            done, _ = wait(pending, return_when=FIRST_COMPLETED)
            for f in done:
                number = pending.pop(f)
                try:
                    outcome = f.result()
                except Exception as exc:        # a pool process died: the row failed, the others go on
                    outcome = {"seconds": 0.0, "problems": [f"internal error: {type(exc).__name__}: {exc}"]}
                _finish(results[number], rows[number], outcome, say)


def _render_one(job: _Job, opts: dict, proj=None) -> dict:
    """Render one row (in this process or a pool process); returns plain data: seconds and problems."""
    from .api import Video
    from .project.load import load_project

    started = time.perf_counter()
    try:
        proj = proj or _INHERITED.get(job.number)
        if proj is None:
            proj = load_project(job.file, output=Path(job.output), variant=job.variant, params=dict(job.params))
        # through the application service, as a single render: the output guard and the quality gate apply
        done = Video(proj).render(**opts)
        return {"seconds": time.perf_counter() - started, "problems": [], "warnings": list(done.warnings)}
    except UserError as exc:
        return {"seconds": time.perf_counter() - started, "problems": [str(i) for i in exc.issues]}
    except Exception as exc:
        return {"seconds": time.perf_counter() - started,
                "problems": [f"internal error: {type(exc).__name__}: {exc}"]}


def _finish(res: RowResult, row: Row, outcome: dict, say) -> None:
    res.seconds = round(outcome["seconds"], 3)
    if outcome["problems"]:
        res.problems = [f"{row.source}:{row.line}: {p}" for p in outcome["problems"]]
        res.status = "failed"
        for line in res.problems:
            say(line)
        return
    res.status = "ok"
    say(f"row {row.number} ({row.source}:{row.line}): wrote {res.file} ({res.seconds:.1f}s)")


def _write_summary(folder: Path, project_file, rows: Sequence[Row], results: list[RowResult], total: float) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    out = folder / "batch.json"
    data = {"project": str(Path(project_file)), "data": rows[0].source if rows else None,
            "seconds": round(total, 3), "ok": sum(r.status == "ok" for r in results),
            "failed": sum(r.status != "ok" for r in results), "rows": [asdict(r) for r in results]}
    tmp = out.with_name(".batch.json.tmp")
    tmp.write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    tmp.replace(out)
    return out
