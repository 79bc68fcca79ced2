// The studio page: scrub, play, overlays, click-to-select, reload on save. No build step.
// Everything from the project (ids, titles, paths, messages) reaches the page as text (textContent), never as
// markup; the server's Content-Security-Policy forbids inline script besides.
"use strict";
const $ = (id) => document.getElementById(id);
// this launch's token (in the served page only): the server refuses a POST without it
const TOKEN = document.querySelector('meta[name="compositor-token"]').content;
const post = (url) => fetch(url, { method: "POST", headers: { "X-Compositor-Token": TOKEN } });
const S = { project: null, frame: 0, playing: false, zoom: 1, inP: null, outP: null, sel: null,
            busy: false, want: null, dir: 1, overlays: new Set(), generating: null };

async function loadProject() {
  const r = await fetch("/api/project");
  S.project = await r.json();
  $("title").textContent = S.project.title;
  buildVersion();
  buildTimeline();
  showError(S.project.error);
  show(S.frame, true);
}

function t() { return S.frame / S.project.fps; }
function clampFrame(f) { return Math.max(0, Math.min(S.project.frames - 1, Math.round(f))); }

function show(f, force) {
  S.frame = clampFrame(f);
  const fps = S.project.fps, secs = Math.floor(S.frame / fps), ff = S.frame % Math.round(fps);
  const p2 = (n) => String(n).padStart(2, "0");
  $("timecode").textContent = `${p2(Math.floor(secs / 60))}:${p2(secs % 60)}:${p2(ff)}`;
  $("frameno").textContent = `frame ${S.frame}`;
  placePlayhead();
  requestFrame(force);
}

// one request in flight; a newer playhead position replaces the queued one (drop frames rather than lag)
function requestFrame(force) {
  S.want = { frame: S.frame, force };
  if (!S.busy) fetchNext();
}
async function fetchNext() {
  if (!S.want) return;
  const { frame } = S.want; S.want = null; S.busy = true;
  const tt = (frame / S.project.fps).toFixed(6);
  const broken = !!S.project.error;
  const url = `/api/frame?t=${tt}&scale=0.5&format=jpeg${broken ? "&last_good=1" : ""}`;
  try {
    const r = await fetch(url);
    if (r.ok) {
      const blob = await r.blob();
      const old = $("frame").src;
      $("frame").src = URL.createObjectURL(blob);
      $("frame").dataset.frame = String(frame);
      if (old.startsWith("blob:")) URL.revokeObjectURL(old);
      await $("frame").decode().catch(() => {});
    } else if (r.status === 409) {
      showError(await r.json());
    }
  } finally { S.busy = false; }
  await loadOutlines(frame);
  drawOverlay();
  placeholderNote();
  if (S.want) fetchNext();
}

function placeholderNote() {
  const shot = S.project.shots.find((s) => t() >= s.start && t() < s.end && s.placeholder);
  const el = $("placeholder");
  el.hidden = !shot;
  if (shot && S.generating === shot.id) {
    el.textContent = `generating shot ${shot.id}…`;
  } else if (shot) {
    const gen = document.createElement("button");
    gen.id = "gen"; gen.textContent = "generate";
    el.replaceChildren(`shot ${shot.id}: generated footage not cached `, gen);
    gen.onclick = async () => {
      S.generating = shot.id;      // scrubbing goes on meanwhile; the note keeps saying so
      el.textContent = `generating shot ${shot.id}…`;
      const r = await post(`/api/generate?shot=${encodeURIComponent(shot.id)}`);
      S.generating = null;
      if (!r.ok) {   // on success a project-changed push redraws the frame with the footage
        const e = await r.json().catch(() => ({}));
        el.textContent = `shot ${shot.id}: generation failed — ${e.message || e.error || r.status}`;
      }
    };
  }
}

function showError(err) {
  S.project.error = err;
  $("error").hidden = !err;
  if (!err) return;
  $("error-message").textContent = err.message;
  $("error-context").textContent = (err.context || [])
    .map((c) => `${c.here ? ">" : " "}${String(c.line).padStart(4)} | ${c.text}`).join("\n");
}

// --- version: the cut, the data row and typed parameter values -----------------------------------------------
// A change posts the whole choice's changed part to /api/version; the project-changed push then redraws, as a
// save does. A choice that does not load answers 409 with its FILE:LINE message, shown like a broken save,
// over the version still shown.
function option(value, text) {
  const o = document.createElement("option"); o.value = value; o.textContent = text; return o;
}
function buildVersion() {
  const p = S.project, ch = p.choices;
  $("variant").replaceChildren(option("", "main cut"), ...ch.variants.map((v) => option(v, v)));
  $("variant").value = p.variant ?? "";
  $("row-box").hidden = !ch.rows.length;
  $("row").replaceChildren(...ch.rows.map((r) => option(String(r.number), r.label)));
  if (p.row !== null) $("row").value = String(p.row);
  $("kit-colors").replaceChildren(...ch.colors.map((c) => option(c, c)));
  const focused = document.activeElement?.dataset?.param, typing = focused && document.activeElement.value;
  $("params").replaceChildren(...ch.params.map(paramField));
  if (focused) {      // a push while typing: keep the field and what is in it
    const el = $("params").querySelector(`[data-param="${CSS.escape(focused)}"]`);
    if (el) { el.value = typing; el.focus(); }
  }
  $("render").title = `renders ${p.output}`;
}
function paramField(f) {
  const label = document.createElement("label"), name = document.createElement("span");
  label.className = "param" + (f.name in S.project.params ? " typed" : "");
  label.title = f.description || `${f.type} parameter`;
  name.textContent = f.name;
  let input;
  if (f.type === "choice") {
    input = document.createElement("select");
    input.append(...f.options.map((o) => option(o, o)));
  } else {
    input = document.createElement("input");
    input.type = f.type === "number" ? "number" : "text";
    if (f.type === "number") input.step = "any";
    if (f.type === "color") input.setAttribute("list", "kit-colors");
    if (f.type === "file") input.placeholder = "path from the project file";
  }
  input.value = String(f.value ?? "");
  input.dataset.param = f.name; input.dataset.type = f.type;
  input.onchange = () => {
    const n = Number(input.value);
    const v = f.type === "number" && input.value !== "" && isFinite(n) ? n : input.value;
    chooseVersion({ params: { ...S.project.params, [f.name]: v } });
  };
  label.append(name, input);
  if (f.type === "color") {        // a picker beside the token field: writes #RRGGBB into it
    const pick = document.createElement("input");
    pick.type = "color";
    if (/^#[0-9a-fA-F]{6}$/.test(input.value)) pick.value = input.value;
    pick.onchange = () => { input.value = pick.value; input.onchange(); };
    label.append(pick);
  }
  return label;
}
async function chooseVersion(change) {
  const r = await fetch("/api/version", { method: "POST", body: JSON.stringify(change),
    headers: { "X-Compositor-Token": TOKEN, "Content-Type": "application/json" } });
  if (r.ok) return;                // the project-changed push shows the new version
  const j = await r.json().catch(() => ({ error: `HTTP ${r.status}` }));
  showError(r.status === 409 ? j : { message: j.error, context: [] });
}
$("variant").onchange = () => chooseVersion({ variant: $("variant").value || null });
$("row").onchange = () => chooseVersion({ row: Number($("row").value), params: {} });   // the row's own values

// --- timeline ------------------------------------------------------------------------------------------
function pxPerSec() { return ($("timeline").clientWidth - 2) / (S.project.frames / S.project.fps) * S.zoom; }
function buildTimeline() {
  const rows = $("rows"); rows.replaceChildren();
  const k = pxPerSec();
  const width = (S.project.frames / S.project.fps) * k;
  $("ruler").style.width = width + "px";
  for (const shot of S.project.shots) {
    rows.appendChild(row("shot", shot.id, shot.start, shot.end, shot.line, k, shot.transition, { shot: shot.id }));
    for (const l of shot.layers) {
      rows.appendChild(row("layer", l.kind, l.start, l.end, l.line, k, 0, { shot: shot.id, index: l.index }));
    }
  }
  markSelected();
  placePlayhead();
}
function row(cls, label, start, end, line, k, tr, key) {
  const r = document.createElement("div");
  r.className = "row " + cls;
  r.dataset.shot = key.shot;
  if (key.index !== undefined) r.dataset.index = key.index;
  r.dataset.line = line;
  const b = document.createElement("div");
  b.className = "bar";
  b.style.left = start * k + "px"; b.style.width = Math.max(2, (end - start) * k) + "px";
  b.textContent = `${label} (line ${line})`;
  if (tr > 0) { const x = document.createElement("div"); x.className = "tr"; x.style.width = tr * k + "px"; b.prepend(x); }
  r.appendChild(b);
  r.onclick = () => { if (key.index !== undefined) select({ shot: key.shot, index: key.index, kind: label, line }); };
  return r;
}
function placePlayhead() {
  if (!S.project) return;
  $("playhead").style.left = t() * pxPerSec() + "px";
  const fps = S.project.fps;
  if (S.inP !== null || S.outP !== null) {
    const a = (S.inP ?? 0) / fps, b = (S.outP ?? S.project.frames - 1) / fps;
    $("inout").style.left = a * pxPerSec() + "px"; $("inout").style.width = (b - a) * pxPerSec() + "px";
  }
}
function scrubAt(ev) {
  const box = $("ruler").getBoundingClientRect();
  show((ev.clientX - box.left) / pxPerSec() * S.project.fps);
}
$("ruler").addEventListener("pointerdown", (ev) => {
  scrubAt(ev);
  const move = (e) => scrubAt(e);
  const up = () => { window.removeEventListener("pointermove", move); window.removeEventListener("pointerup", up); };
  window.addEventListener("pointermove", move); window.addEventListener("pointerup", up);
});

// --- selection -----------------------------------------------------------------------------------------
function select(layer) {
  S.sel = layer;
  $("sel-none").hidden = !!layer; $("sel").hidden = !layer;
  if (layer) {
    const file = S.project.file;
    $("sel-kind").textContent = layer.kind; $("sel-shot").textContent = layer.shot;
    $("sel-link").textContent = `${file}:${layer.line}`;
    $("sel-link").href = `vscode://file/${file}:${layer.line}`;
  }
  markSelected(); loadOutlines(S.frame).then(drawOverlay);
}
function markSelected() {
  for (const r of document.querySelectorAll(".row")) {
    r.classList.toggle("selected", !!S.sel && r.dataset.shot === S.sel.shot && r.dataset.index === String(S.sel.index));
  }
}
$("sel-copy").onclick = () => navigator.clipboard?.writeText($("sel-link").textContent);
$("frame").addEventListener("click", async (ev) => {
  const img = $("frame"), box = img.getBoundingClientRect();
  const x = Math.floor((ev.clientX - box.left) / box.width * S.project.size[0]);
  const y = Math.floor((ev.clientY - box.top) / box.height * S.project.size[1]);
  const r = await fetch(`/api/hit?t=${t().toFixed(6)}&x=${x}&y=${y}`);
  if (r.ok) select((await r.json()).layer);
});

async function loadOutlines(frame) {
  if (!S.overlays.has("outlines") && !S.sel) { S.boxes = []; return; }
  const r = await fetch(`/api/outlines?t=${(frame / S.project.fps).toFixed(6)}`);
  S.boxes = r.ok ? (await r.json()).layers : [];
}
// --- overlays ------------------------------------------------------------------------------------------
for (const cb of document.querySelectorAll("[data-overlay]")) {
  cb.onchange = async () => {
    cb.checked ? S.overlays.add(cb.dataset.overlay) : S.overlays.delete(cb.dataset.overlay);
    await loadOutlines(S.frame); drawOverlay();
  };
}
function drawOverlay() {
  const c = $("overlay"), img = $("frame");
  c.width = img.clientWidth; c.height = img.clientHeight;
  const g = c.getContext("2d"), w = c.width, h = c.height;
  $("frame-box").classList.toggle("checker", S.overlays.has("checker"));
  g.lineWidth = 1;
  const rect = (m, color) => { g.strokeStyle = color; g.strokeRect(w * m, h * m, w * (1 - 2 * m), h * (1 - 2 * m)); };
  if (S.overlays.has("safe")) { rect(0.05, "#0f0"); rect(0.1, "#ff0"); }    // action-safe 90%, title-safe 80%
  if (S.overlays.has("kit")) rect(S.project.safe_area, "#0ff");
  const sx = w / S.project.size[0], sy = h / S.project.size[1];
  for (const b of S.boxes || []) {
    const chosen = S.sel && b.shot === S.sel.shot && b.index === S.sel.index;
    if (!chosen && !S.overlays.has("outlines")) continue;
    g.strokeStyle = chosen ? "#f4f" : "#f80"; g.lineWidth = chosen ? 2 : 1;
    g.strokeRect(b.box[0] * sx, b.box[1] * sy, b.box[2] * sx, b.box[3] * sy);
  }
  g.lineWidth = 1;
  if (S.overlays.has("thirds")) {
    g.strokeStyle = "#fff8";
    for (const f of [1 / 3, 2 / 3]) { g.beginPath(); g.moveTo(w * f, 0); g.lineTo(w * f, h); g.moveTo(0, h * f); g.lineTo(w, h * f); g.stroke(); }
  }
}

// --- playback and keys ---------------------------------------------------------------------------------
let last = 0;
function tick(now) {
  if (!S.playing) return;
  if (!last) last = now;
  const adv = (now - last) / 1000 * S.project.fps * S.dir;
  if (Math.abs(adv) >= 1) {
    last = now;
    let f = S.frame + Math.round(adv);
    const lo = S.inP ?? 0, hi = S.outP ?? S.project.frames - 1;
    if (f > hi) f = lo; if (f < lo) f = hi;
    show(f);
  }
  requestAnimationFrame(tick);
}
function play(dir) {
  S.dir = dir; S.playing = true; last = 0; $("play").textContent = "❚❚"; requestAnimationFrame(tick);
}
function pause() { S.playing = false; $("play").textContent = "▶"; }
$("play").onclick = () => (S.playing ? pause() : play(1));
$("help-close").onclick = () => $("help").close();
window.addEventListener("keydown", (ev) => {
  if (!S.project || ["INPUT", "SELECT"].includes(ev.target.tagName)) return;
  const fps = Math.round(S.project.fps), step = ev.shiftKey ? fps : 1;
  const keys = {
    " ": () => (S.playing ? pause() : play(1)),
    ArrowLeft: () => show(S.frame - step), ArrowRight: () => show(S.frame + step),
    Home: () => show(0), End: () => show(S.project.frames - 1),
    j: () => play(-1), k: () => pause(), l: () => play(1),
    i: () => { S.inP = S.frame; placePlayhead(); }, o: () => { S.outP = S.frame; placePlayhead(); },
    "+": () => { S.zoom *= 1.5; buildTimeline(); }, "=": () => { S.zoom *= 1.5; buildTimeline(); },
    "-": () => { S.zoom = Math.max(1, S.zoom / 1.5); buildTimeline(); }, "0": () => { S.zoom = 1; buildTimeline(); },
    "?": () => $("help").showModal(),
  };
  const fn = keys[ev.key.length === 1 ? ev.key.toLowerCase() : ev.key] || keys[ev.key];
  if (fn) { ev.preventDefault(); fn(); }
});

// --- render --------------------------------------------------------------------------------------------
$("render").onclick = async () => {
  const r = await post("/api/render");
  const j = await r.json();
  if (r.ok) { $("progress").hidden = false; $("cancel").hidden = false; $("render-status").textContent = "rendering…"; }
  else $("render-status").textContent = j.error || j.message;
};
$("cancel").onclick = () => post("/api/render/cancel");
function renderEnded(text) { $("progress").hidden = true; $("cancel").hidden = true; $("render-status").textContent = text; }

// --- pushes --------------------------------------------------------------------------------------------
const es = new EventSource("/api/events");
es.addEventListener("project-changed", async () => {
  const keep = S.frame;
  const r = await fetch("/api/project");
  S.project = await r.json();
  S.frame = keep;
  showError(null); buildVersion(); buildTimeline(); show(keep, true);
});
es.addEventListener("project-error", (ev) => showError(JSON.parse(ev.data)));
es.addEventListener("render-progress", (ev) => {
  const d = JSON.parse(ev.data); $("progress").max = d.total; $("progress").value = d.done;
  $("render-status").textContent = `${d.done}/${d.total}`;
});
es.addEventListener("render-done", (ev) => renderEnded("wrote " + JSON.parse(ev.data).output));
es.addEventListener("render-cancelled", () => renderEnded("cancelled — the previous file is untouched"));
es.addEventListener("render-failed", (ev) => renderEnded(JSON.parse(ev.data).message));
window.addEventListener("resize", () => { if (S.project) { buildTimeline(); drawOverlay(); } });
loadProject();
