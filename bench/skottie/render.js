// Skia's Skottie (canvaskit-wasm) renders Lottie frames for bench/lottie_corpus.py: the independent reference.
// Reads jobs as JSON lines on stdin: {"file": path, "frames": [f, ...] (relative to the file's ip), "w": W,
// "h": H, "out": prefix}; writes premultiplied RGBA bytes to `${out}-${i}.rgba` and prints one JSON line per job
// ({"ok": true} or {"ok": false, "error": "..."}).
const fs = require("fs");
const path = require("path");
const readline = require("readline");
const CanvasKitInit = require("canvaskit-wasm/bin/full/canvaskit.js");

function assetsOf(doc, dir) {
  // external image files next to the animation, by asset path; data: URIs are decoded by Skottie itself
  const assets = {};
  for (const a of doc.assets || []) {
    if (typeof a.p !== "string" || a.layers || a.p.startsWith("data:")) continue;
    const file = path.join(dir, (a.u || "") + a.p);
    if (fs.existsSync(file)) {
      const b = fs.readFileSync(file);
      assets[a.p] = b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength);
    }
  }
  return assets;
}

CanvasKitInit({locateFile: (f) => path.join(path.dirname(require.resolve("canvaskit-wasm/bin/full/canvaskit.js")), f)})
  .then((CK) => {
    const rl = readline.createInterface({input: process.stdin});
    rl.on("line", (line) => {
      if (!line.trim()) return;
      const job = JSON.parse(line);
      try {
        const text = fs.readFileSync(job.file, "utf8");
        const doc = JSON.parse(text);
        const anim = CK.MakeManagedAnimation(text, assetsOf(doc, path.dirname(job.file)));
        if (!anim) throw new Error("Skottie refused the file");
        const surface = CK.MakeSurface(job.w, job.h);
        const canvas = surface.getCanvas();
        const info = {width: job.w, height: job.h, colorType: CK.ColorType.RGBA_8888,
                      alphaType: CK.AlphaType.Premul, colorSpace: CK.ColorSpace.SRGB};
        job.frames.forEach((f, i) => {
          canvas.clear(CK.TRANSPARENT);
          anim.seekFrame(f);
          // Stretched to w x h as the layer draws it (fit: fill): Skottie's own dst rect keeps the aspect and
          // centres the picture, leaving sub-pixel bands where w/h rounds the file's aspect.
          canvas.save();
          canvas.scale(job.w / doc.w, job.h / doc.h);
          anim.render(canvas, CK.LTRBRect(0, 0, doc.w, doc.h));
          canvas.restore();
          surface.flush();
          const px = canvas.readPixels(0, 0, info);
          fs.writeFileSync(`${job.out}-${i}.rgba`, Buffer.from(px.buffer, px.byteOffset, px.byteLength));
        });
        anim.delete();
        surface.delete();
        console.log(JSON.stringify({ok: true}));
      } catch (e) {
        console.log(JSON.stringify({ok: false, error: String(e && e.message || e)}));
      }
    });
  });
