// Issue 3 benchmark: "the client keeps 60 frames/s scrolling 100,000 rows". Ours (the Devices
// table over 100,000 more devices of Café Lumière, the real server and client) beside a
// reference (bench/scroll_reference/reference.html: bare WebGL2, no ImGui, drawing as many
// triangles in as many draw calls as ours did, the same way), in the same browser with the same
// flags, rounds taken in turn. Both are driven by the same wheel (120 events of 1000 px, one
// every 25 ms, as tests/browser/devices-scroll.test.mjs) and measured the same way:
//  - frame time: the time between requestAnimationFrame callbacks (what a page can draw at);
//  - presented frames: Display::DrawAndSwap in Chromium's trace (what reached the screen; with
//    frame-rate limits off, rAF may run far faster than frames are shown);
//  - CPU time inside the frame callback (ours: Emscripten's main-loop iteration, ImGui's new
//    frame, the table, the draw data submitted to WebGL; reference: its frame function), against
//    the 16.7 ms budget of 60 frames/s.
// Goal (the product's reading of 60 frames/s, which software WebGL cannot show): our CPU time
// inside the frame callback, p99 under 8 ms, printed beside the bare WebGL2 page's figures.
// Prints; asserts nothing. Run through bench/scroll_bench.sh (env described there).
// BENCH_QUICK=1 (what make test runs): 2,000 devices, one round of 20 wheel events.
import { createRequire } from 'node:module';
import path from 'node:path';
import {
  ROOT, cleanup, click, find, makeWorkDir, openClient, seedDevicesSql, sqlite, startServer, stopServer, typeInto,
  waitInPage,
} from '../tests/browser/harness.mjs';

const require = createRequire(new URL('../tests/browser/package.json', import.meta.url));
const { chromium } = require('playwright-core');

const QUICK = !!process.env.BENCH_QUICK;
const EXTRA = QUICK ? 2_000 : 100_000;
const WHEEL_EVENTS = QUICK ? 20 : 120;
const WASM_BIN = path.join(process.env.PHONEFLEET_WASM || path.join(ROOT, 'build/wasm'), 'bin');
const ROUNDS = Number(process.env.SCROLL_BENCH_ROUNDS || (QUICK ? 1 : 3));
const [VW, VH] = (process.env.SCROLL_BENCH_VIEWPORT || '1280x800').split('x').map(Number);
const DPR = Number(process.env.SCROLL_BENCH_DPR || 1);
const BUDGET_MS = 1000 / 60;
const CALLBACK_GOAL_MS = 8;  // p99 of our time in a frame
// The browser tests' flags (TOOLCHAIN.md) are the default; SCROLL_BENCH_FLAGS adds to them.
const FLAGS = ['--headless', '--no-sandbox', '--enable-unsafe-swiftshader', '--use-angle=swiftshader',
  '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update',
  '--disable-sync', ...(process.env.SCROLL_BENCH_FLAGS || '').split(/\s+/).filter(Boolean)];


// In both pages before their scripts: the frame-callback timer (ours hooks it into Emscripten's
// main loop, the reference calls it), the rAF frame clock, and a census of what reaches WebGL
// (draw calls, triangles, buffer uploads, the atlas) to size the reference like ours.
function benchInit() {
  const b = window.__bench = {
    on: false, run: 0, t0: 0, cb: [], frames: [], last: 0,
    gl: { draws: 0, indices: 0, uploads: 0, atlas: null, calls: 0 },
    pre() { b.t0 = performance.now(); },
    post() { if (b.on) { b.cb.push(performance.now() - b.t0); b.calls += 1; } },
    tick(run, now) {
      if (!b.on || run !== b.run) return;  // one clock at a time
      b.frames.push(now - b.last);
      b.last = now;
      requestAnimationFrame((t) => b.tick(run, t));
    },
    start() {
      b.cb = []; b.frames = []; b.calls = 0; b.on = true; b.run += 1;
      b.gl0 = { ...b.gl };
      b.last = performance.now();
      const run = b.run;
      requestAnimationFrame((t) => b.tick(run, t));
    },
    stop() {
      b.on = false;
      const n = Math.max(1, b.calls);
      return {
        frames: b.frames.slice(1), cb: b.cb,
        perFrame: {
          tris: Math.round((b.gl.indices - b.gl0.indices) / 3 / n), draws: Math.round((b.gl.draws - b.gl0.draws) / n),
          lists: Math.max(1, Math.round((b.gl.uploads - b.gl0.uploads) / n)), atlas: b.gl.atlas,
        },
      };
    },
  };
  const P = WebGL2RenderingContext.prototype;
  const drawElements = P.drawElements;
  P.drawElements = function (mode, count, type, offset) {
    b.gl.draws += 1; b.gl.indices += count;
    return drawElements.call(this, mode, count, type, offset);
  };
  const bufferSubData = P.bufferSubData;
  P.bufferSubData = function (...args) {
    if (args[0] === this.ARRAY_BUFFER) b.gl.uploads += 1;
    return bufferSubData.apply(this, args);
  };
  const texImage2D = P.texImage2D;
  P.texImage2D = function (...args) {
    if (args.length >= 9 && args[2] === this.RGBA) b.gl.atlas = `${args[3]}x${args[4]}`;
    return texImage2D.apply(this, args);
  };
}

function stats(deltas) {
  const sorted = [...deltas].sort((a, b) => a - b);
  const at = (q) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN;
  const mean = deltas.reduce((a, b) => a + b, 0) / Math.max(1, deltas.length);
  return { n: deltas.length, fps: 1000 / mean, p50: at(0.5), p95: at(0.95), p99: at(0.99) };
}

// Swap intervals of Chromium's display compositor (what was presented) from a trace.
function presented(traceBuffer) {
  const events = JSON.parse(traceBuffer.toString()).traceEvents || [];
  const swaps = events.filter((e) => e.name === 'Display::DrawAndSwap' && e.ph === 'X').map((e) => e.ts / 1000)
    .sort((a, b) => a - b);
  const deltas = swaps.slice(1).map((t, i) => t - swaps[i]);
  return stats(deltas);
}

// The wheel over (x, y): 120 events of 1000 px, one every 25 ms; down, or up on odd rounds
// (ours never reaches the end of 100,000 rows, and each round scrolls as far).
async function scroll(page, x, y, round) {
  await page.mouse.move(x, y);
  for (let i = 0; i < WHEEL_EVENTS; i += 1) {
    await page.mouse.wheel(0, round % 2 ? -1000 : 1000);
    await page.waitForTimeout(25);
  }
}

async function measure(browser, page, action) {
  await browser.startTracing(page, { categories: ['viz'] });
  await page.evaluate(() => window.__bench.start());
  await action();
  const m = await page.evaluate(() => window.__bench.stop());
  m.presented = presented(await browser.stopTracing());
  return m;
}

const merge = (runs) => ({
  frames: runs.flatMap((r) => r.frames), cb: runs.flatMap((r) => r.cb),
  swaps: runs.map((r) => r.presented), perFrame: runs[runs.length - 1].perFrame,
});

function line(name, m) {
  const f = stats(m.frames), c = stats(m.cb);
  const presentedFps = m.swaps.reduce((a, s) => a + s.fps, 0) / m.swaps.length;
  const swapP50 = m.swaps.map((s) => s.p50).sort((a, b) => a - b)[Math.floor(m.swaps.length / 2)];
  console.log(`   ${name.padEnd(30)} ${f.fps.toFixed(1).padStart(6)} fps  frame p50 ${f.p50.toFixed(1).padStart(6)}`
    + `  p95 ${f.p95.toFixed(1).padStart(6)}  p99 ${f.p99.toFixed(1).padStart(6)} ms  | presented ${presentedFps.toFixed(1).padStart(5)}/s`
    + ` (p50 ${swapP50.toFixed(1)} ms) | in callback p50 ${c.p50.toFixed(2).padStart(6)}  p99 ${c.p99.toFixed(2).padStart(6)} ms`
    + `  (${m.perFrame.tris} tris, ${m.perFrame.draws} draws)`);
  return { f, c, presentedFps };
}

let browser = null;
let code = 0;
const watchdog = setTimeout(async () => {
  console.error('scroll bench: global timeout of 15 min');
  await cleanup();
  process.exit(1);
}, 15 * 60_000);
try {
  const db = path.join(makeWorkDir(), 'phonefleet.db');
  await startServer(db);
  await stopServer();
  const count = Number(sqlite(db, seedDevicesSql(EXTRA)).trim());
  const base = await startServer(db, ['--static', path.join(ROOT, 'web'), '--static', WASM_BIN,
    '--static', path.join(ROOT, 'bench/scroll_reference')]);

  browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: FLAGS });
  // Ours twice, each page in its own context: with web/bridge.js's GL state shadow off (ImGui's
  // per-frame state reads go to the GPU process) and on.
  // At DPR > 1 under software WebGL the client draws at ratio 1; `full` lifts that cap.
  const openOurs = async (shadow, full = false) => {
    const context = await browser.newContext({ viewport: { width: VW, height: VH }, deviceScaleFactor: DPR, locale: 'en-US' });
    await context.addInitScript(benchInit);
    await context.addInitScript((on) => { window.phonefleetGlStateShadow = on; }, shadow);
    if (full) await context.addInitScript(() => { window.phonefleetFullResolution = true; });
    const page = await openClient(context, base);
    // Each field's keys taken before the next field is clicked (the client takes one change
    // per key and frame; with its frames no longer held, typing runs ahead of it).
    const frames = async (n) => {
      for (let i = 0; i < n; i += 1) await page.evaluate(() => new Promise((r) => requestAnimationFrame(r)));
    };
    await typeInto(page, { role: 'input', label: 'User name' }, 'client-admin');
    await frames(30);
    await typeInto(page, { role: 'input', label: 'Password' }, 'client-demo');
    await frames(30);
    await click(page, { role: 'button', label: 'Log in' });
    await waitInPage(page, 'the devices view', () => window.phonefleet.view() === 'devices');
    await find(page, { role: 'text', label: `${count.toLocaleString('en-US')} devices` });
    await find(page, { role: 'button', label: 'Actions' });
    await page.evaluate(() => { Module.preMainLoop = window.__bench.pre; Module.postMainLoop = window.__bench.post; });
    const info = await page.evaluate(() => ({
      canvas: [Module.canvas.width, Module.canvas.height], attributes: Module.ctx.getContextAttributes(),
      shadowed: !!Module.ctx.phonefleetStateShadow,
    }));
    const name = `${info.shadowed ? 'ours, GL state shadowed' : 'ours, GL state read back'}`
      + (DPR > 1 ? `, ${info.canvas[0]}x${info.canvas[1]}` : '');
    return { page, context, info, name };
  };
  // At DPR > 1: the client as a software-WebGL browser gets it (ratio 1) and at full ratio.
  const variants = [await openOurs(false), await openOurs(true), ...(DPR > 1 ? [await openOurs(true, true)] : [])];
  const ours = variants[0].page;
  const oursInfo = variants[0].info;
  const header = await find(ours, { role: 'column-header', label: 'Device type' });
  const at = { x: header.x + header.w / 2, y: Math.min(450, VH - 50) };

  const reference = await variants[0].context.newPage();
  const openReference = async (perFrame, readback) => {
    const q = `tris=${perFrame.tris}&draws=${perFrame.draws}&lists=${perFrame.lists}&atlas=${perFrame.atlas || '512x512'}`
      + `&alpha=${+oursInfo.attributes.alpha}&depth=${+oursInfo.attributes.depth}&stencil=${+oursInfo.attributes.stencil}`
      + `&readback=${readback ? 1 : 0}`;
    await reference.goto(`${base}/reference.html?${q}`);
    await waitInPage(reference, 'the reference page', () => window.reference && window.reference.ready);
    await reference.bringToFront();
  };
  // One page draws at a time: the main loops of the others are paused, and the reference is
  // closed while ours run.
  const only = async (current) => {
    for (const v of variants) {
      await v.page.evaluate((run) => (run ? Module.resumeMainLoop() : Module.pauseMainLoop()), v === current);
    }
    if (current) {
      await reference.goto('about:blank');
      await current.page.bringToFront();
      await current.page.mouse.move(at.x, at.y);
    }
  };

  console.log(`   Chromium ${browser.version()}; flags: ${FLAGS.slice(1).join(' ')}`);
  console.log(`   viewport ${VW}x${VH} CSS px at devicePixelRatio ${DPR}: our canvas ${oursInfo.canvas.join('x')}`
    + ` (context ${JSON.stringify(oursInfo.attributes)}); ${count} devices of Café Lumière; ${ROUNDS} rounds in turn`);
  const runs = { refIdle: [], ref: [], refReadback: [] };
  for (const v of variants) Object.assign(v, { idle: [], scroll: [] });
  for (let round = 0; round < ROUNDS; round += 1) {
    for (const v of variants) {
      await only(v);
      v.idle.push(await measure(browser, v.page, () => v.page.waitForTimeout(2000)));
      v.scroll.push(await measure(browser, v.page, () => scroll(v.page, at.x, at.y, round)));
    }
    const perFrame = variants[0].scroll[round].perFrame;
    await only(null);
    await openReference(perFrame, false);
    runs.refIdle.push(await measure(browser, reference, () => reference.waitForTimeout(2000)));
    runs.ref.push(await measure(browser, reference, () => scroll(reference, at.x, at.y, round)));
    await openReference(perFrame, true);
    runs.refReadback.push(await measure(browser, reference, () => scroll(reference, at.x, at.y, round)));
  }
  for (const v of variants) {
    await only(v);
    const shown = await v.page.evaluate(() => {
      const macs = window.phonefleet.widgets().filter((w) => w.role === 'cell' && /^02(:[0-9A-F]{2}){5}$/.test(w.label));
      return macs.length ? macs.sort((a, b) => a.y - b.y)[0].label.replace(/:/g, '') : null;
    });
    console.log(`   ${v.name}: rows on screen from ${shown} (row ${shown ? parseInt(shown.slice(2), 16) : '?'} of ${count})`);
  }

  console.log('   -- idle (no input, 2 s a round)');
  for (const v of variants) line(`${v.name}, idle`, merge(v.idle));
  line('reference, idle', merge(runs.refIdle));
  console.log(`   -- scrolling ${count} rows (${WHEEL_EVENTS} wheel events of 1000 px, 25 ms apart, a round)`);
  const results = variants.map((v) => [v.name, line(v.name, merge(v.scroll))]);
  const r = line('reference (bare WebGL2)', merge(runs.ref));
  line('reference + ImGui state reads', merge(runs.refReadback));
  for (const [name, o] of results) {
    console.log(`   ${name} / reference: frames/s ${(o.f.fps / r.f.fps).toFixed(2)}, presented ${(o.presentedFps / r.presentedFps).toFixed(2)},`
      + ` frame time p50 ${(o.f.p50 / r.f.p50).toFixed(2)} p95 ${(o.f.p95 / r.f.p95).toFixed(2)} p99 ${(o.f.p99 / r.f.p99).toFixed(2)};`
      + ` CPU in the callback p50 ${o.c.p50.toFixed(2)} ms, p99 ${o.c.p99.toFixed(2)} ms against the ${BUDGET_MS.toFixed(1)} ms`
      + ` budget (${o.c.p99 <= BUDGET_MS ? 'within' : 'OVER'}); goal p99 < ${CALLBACK_GOAL_MS} ms:`
      + ` ${o.c.p99 < CALLBACK_GOAL_MS ? 'met' : 'NOT met'}`);
  }
  const best = Math.max(...results.map(([, o]) => o.f.fps));
  console.log(`   goal 60 frames/s scrolling: ours ${best.toFixed(1)} (${best >= 59 ? 'met' : 'NOT met'}); the bare WebGL2 reference`
    + ` ${r.f.fps.toFixed(1)} in this browser with these flags (${r.f.fps >= 59 ? 'it reaches 60: the gap is ours'
      : 'it does not reach 60 either: the ceiling here is the browser\'s'})`);
} catch (e) {
  console.error(`scroll bench failed: ${e.stack || e.message}`);
  code = 1;
} finally {
  clearTimeout(watchdog);
  if (browser) await browser.close().catch(() => {});
  await cleanup();
}
process.exit(code);
