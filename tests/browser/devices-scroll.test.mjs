// Browser test of the Devices table with 100,000 devices (issue 3, SPEC 4b: "fluid with 100k
// devices") and of the Line States table with 100,000+ lines (issue 5): the demo database gets
// 100,000 more devices of Café Lumière, each with a line, straight in SQLite, then the real
// mouse wheel scrolls fast through each virtualised table while requestAnimationFrame
// measures frame times. The figures are printed, not asserted (software WebGL on shared cores);
// what is asserted: the table is as tall as the whole list, the rows reached are drawn from the
// pages fetched on demand, and the page stays responsive.
// Run: node tests/browser/devices-scroll.test.mjs   (env PHONEFLEET_SERVER, PHONEFLEET_ROOT optional)
import path from 'node:path';
import {
  check, click, find, grouped, launchBrowser, logIn, main, makeWorkDir, openClient, pageErrors, seedDevicesSql, shot, sqlite,
  startServer, stopServer, waitInPage, widgets,
} from './harness.mjs';

const EXTRA = 100_000;

function stats(deltas) {
  const sorted = [...deltas].sort((a, b) => a - b);
  const at = (q) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
  const mean = deltas.reduce((a, b) => a + b, 0) / deltas.length;
  return {
    frames: deltas.length, mean: mean.toFixed(1), p50: at(0.5).toFixed(1), p95: at(0.95).toFixed(1),
    p99: at(0.99).toFixed(1), max: sorted[sorted.length - 1].toFixed(1), fps: (1000 / mean).toFixed(1),
  };
}

// Frame times (ms between animation frames) during `action`, and the time spent inside our own
// frame callback (Emscripten's main-loop iteration: ImGui's frame, the table, the draw data
// handed to WebGL), apart from what the browser does between frames (bench/scroll_bench.sh
// puts both beside a bare WebGL2 page).
async function measure(page, action) {
  await page.evaluate(() => {
    window.__frames = [];
    window.__callbacks = [];
    window.__measuring = true;
    let start = 0;
    Module.preMainLoop = () => { start = performance.now(); };
    Module.postMainLoop = () => { if (window.__measuring) window.__callbacks.push(performance.now() - start); };
    let last = performance.now();
    const tick = (now) => {
      window.__frames.push(now - last);
      last = now;
      if (window.__measuring) requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  });
  await action();
  const [frames, callbacks] = await page.evaluate(() => {
    window.__measuring = false;
    return [window.__frames.slice(1), window.__callbacks];
  });
  return Object.assign(frames, { callbacks });
}

function describe(frames) {
  const cb = frames.callbacks.length ? stats(frames.callbacks) : null;
  return `${JSON.stringify(stats(frames))}; in our frame callback `
    + (cb ? JSON.stringify({ p50: cb.p50, p95: cb.p95, p99: cb.p99, max: cb.max }) : 'no frame');
}

const firstMacRow = async (page) => {
  const macs = (await widgets(page)).filter((w) => w.role === 'cell' && /^([0-9A-F]{2}:){5}[0-9A-F]{2}$/.test(w.label));
  macs.sort((a, b) => a.y - b.y);
  return macs[0]?.label.replace(/:/g, '') ?? null;
};

await main(async () => {
  const db = path.join(makeWorkDir(), 'phonefleet.db');
  // Once with --demo to create and seed the database, then stopped to write into it.
  await startServer(db);
  await stopServer();
  const t0 = Date.now();
  const count = Number(sqlite(db, seedDevicesSql(EXTRA, { lines: true })).trim());
  console.log(`     inserted ${EXTRA} devices with sqlite3 in ${Date.now() - t0} ms; Café Lumière has ${count}`);
  check(count >= EXTRA, `the database holds ${count} devices of Café Lumière`);

  const base = await startServer(db);
  const browser = await launchBrowser();
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'en-US' });
  const page = await openClient(context, base);
  await logIn(page, { username: 'User name', password: 'Password', button: 'Log in' }, 'client-admin', 'client-demo');
  await find(page, { role: 'text', label: `${grouped(count, 'en')} devices` });
  check(true, `the count says ${grouped(count, 'en')} devices`);
  await find(page, { role: 'button', label: 'Actions' });
  await shot(page, 'scroll-100k-top');

  const idle = await measure(page, () => page.waitForTimeout(2000));
  console.log(`     idle frames:      ${describe(idle)}`);

  // Fast wheel scrolling over the table: 120 wheel events of 10 notches, one every 25 ms.
  const header = await find(page, { role: 'column-header', label: 'Device type' });
  await page.mouse.move(header.x + header.w / 2, 450);
  let requests = 0;
  page.on('request', (r) => { if (r.url().includes('/devices?')) requests += 1; });
  const scrolling = await measure(page, async () => {
    for (let i = 0; i < 120; i += 1) {
      await page.mouse.wheel(0, 1000);
      await page.waitForTimeout(25);
    }
  });
  console.log(`     scrolling frames: ${describe(scrolling)}`);
  console.log(`     page requests while scrolling: ${requests}`);

  // Where the wheel took us, once the pages of the rows on screen have arrived.
  const settled = Date.now();
  const mac = await waitInPage(page, 'rows drawn after scrolling', () => {
    const macs = window.phonefleet.widgets().filter((w) => w.role === 'cell' && /^02(:[0-9A-F]{2}){5}$/.test(w.label));
    return macs.length > 10 ? macs.sort((a, b) => a.y - b.y)[0].label.replace(/:/g, '') : null;
  });
  const row = parseInt(mac.slice(2), 16);
  console.log(`     first row on screen: ${mac} (about row ${row} of ${count}); drawn ${Date.now() - settled} ms after the last wheel event`);
  check(row > 1000, `fast wheel scrolling went deep into the list (row ${row})`);
  await shot(page, 'scroll-100k-deep');

  // The end of the list: the scrollbar's height is the whole list's.
  const toEnd = await measure(page, async () => {
    for (let i = 0; i < 5; i += 1) {
      await page.keyboard.press('End');
      await page.mouse.wheel(0, 1_000_000);
      await page.waitForTimeout(100);
    }
  });
  console.log(`     jump-to-end frames: ${describe(toEnd)}`);
  const last = await waitInPage(page, 'the last rows', () => {
    const labels = window.phonefleet.widgets().filter((w) => w.role === 'cell').map((w) => w.label);
    return labels.includes('80:5E:C0:0C:01:02') ? labels : null;  // the last demo MAC sorts last
  });
  check(last.includes('80:5E:C0:0C:01:02'), 'the last device of the list is reachable (805EC00C0102)');
  await shot(page, 'scroll-100k-end');
  console.log(`     first row now: ${await firstMacRow(page)}`);

  // The Line States page over the same 100,000+ lines: the same fast wheel, then the end.
  const lines = Number(sqlite(db, `SELECT count(*) FROM lines l JOIN devices d ON d.mac = l.device_mac
    JOIN customers c ON c.id = d.customer_id WHERE c.name = 'Café Lumière';`).trim());
  await page.mouse.click(10, 10);  // away from the table
  // Held over a few frames (harness click): a press and release within one frame can be lost.
  await click(page, { role: 'tab', label: 'Line States' });
  await find(page, { role: 'text', label: `${grouped(lines, 'en')} lines` }, `the count of ${lines} lines`);
  const column = await find(page, { role: 'column-header', label: 'Device type' });
  await page.mouse.move(column.x + column.w / 2, 450);
  let lineRequests = 0;
  page.on('request', (r) => { if (r.url().includes('/line-states?')) lineRequests += 1; });
  const lineScrolling = await measure(page, async () => {
    for (let i = 0; i < 120; i += 1) {
      await page.mouse.wheel(0, 1000);
      await page.waitForTimeout(25);
    }
  });
  console.log(`     line states, scrolling frames: ${describe(lineScrolling)}`);
  console.log(`     line-state page requests while scrolling: ${lineRequests}`);
  const deepLine = await waitInPage(page, 'line rows drawn after scrolling', () => {
    const numbers = window.phonefleet.widgets().filter((w) => w.role === 'cell' && /^339\d{8}$/.test(w.label));
    return numbers.length > 10 ? numbers.sort((a, b) => a.y - b.y)[0].label : null;
  });
  const lineRow = Number(deepLine.slice(3));
  console.log(`     first line on screen: ${deepLine} (about line ${lineRow} of ${lines})`);
  check(lineRow > 1000, `fast wheel scrolling went deep into the line states (line ${lineRow})`);
  await shot(page, 'line-states-100k-deep');
  check(pageErrors.length === 0, 'no uncaught error in the page', pageErrors.join(' | '));
});
