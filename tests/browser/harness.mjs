// Shared harness of the browser tests (same style as login.test.mjs): the real server on a
// free loopback port with its demo data, Debian's Chromium (headless, SwiftShader WebGL2)
// driven by playwright-core, the real mouse and keyboard aimed at what
// window.phonefleet.widgets() says the ImGui canvas shows.
import { spawn, execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

export const ROOT = process.env.PHONEFLEET_ROOT || path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const SERVER = process.env.PHONEFLEET_SERVER || path.join(ROOT, 'build/bin/phonefleet-server');
export const SHOTS = path.join(ROOT, 'build/screenshots');
export const STEP_TIMEOUT_MS = 20_000;
const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--enable-unsafe-swiftshader', '--use-angle=swiftshader',
  '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update',
  '--disable-sync'];

// A count as the client writes it (format_count in shared/messages): digits grouped by three,
// with "," in English and a narrow no-break space in French.
export function grouped(n, lang) {
  return String(n).replace(/\B(?=(\d{3})+$)/g, lang === 'fr' ? '\u202F' : ',');
}

export const results = { passed: 0, failed: 0 };
export const pageErrors = [];
let server = null;
let browser = null;
let workDir = null;
let currentPage = null;

export function check(condition, what, detail = '') {
  if (condition) {
    results.passed += 1;
    console.log(`ok   ${what}`);
    return;
  }
  results.failed += 1;
  throw new Error(`${what}${detail ? `: ${detail}` : ''}`);
}

export function makeWorkDir() {
  if (!workDir) workDir = mkdtempSync(path.join(tmpdir(), 'phonefleet-browser-'));
  return workDir;
}

export const FLEET = path.join(path.dirname(SERVER), 'phonefleet-demo-fleet');
// Where the running server listens for SIP ("127.0.0.1:PORT"), once startServer resolved.
export const serverInfo = { sip: null };
let fleet = null;

// Starts the server on `db` (demo data seeded if missing), with `extra` flags; resolves to its
// base URL. `http` picks the address (a restart on the same port: the kiosk's recovery).
export function startServer(db, extra = [], http = '127.0.0.1:0') {
  // A side build's client (PHONEFLEET_WASM_BIN, e.g. build/wv/bin) instead of build/wasm/bin.
  const wasmBin = process.env.PHONEFLEET_WASM_BIN;
  const files = wasmBin ? ['--static', path.join(ROOT, 'web'), '--static', path.resolve(ROOT, wasmBin)] : [];
  const proc = spawn(SERVER, ['--demo', '--db', db, '--http', http, '--sip', '127.0.0.1:0', ...files, ...extra],
    { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  server = proc;
  let output = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not say "listening on" within 20 s:\n${output}`)), 20_000);
    const onData = (chunk) => {
      output += chunk;
      const m = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(output);
      const sip = /sip listening on udp:(127\.0\.0\.1:\d+)/.exec(output);
      if (sip) serverInfo.sip = sip[1];
      if (m) { clearTimeout(timer); resolve(m[1]); }
    };
    proc.stdout.on('data', onData);
    proc.stderr.on('data', (chunk) => { output += chunk; });
    proc.on('error', (e) => { clearTimeout(timer); reject(new Error(`cannot start ${SERVER}: ${e.message}`)); });
    proc.on('exit', (code) => { clearTimeout(timer); reject(new Error(`server exited (${code}) before listening:\n${output}`)); });
  });
}

// The demo's simulated phones (real SIP on loopback) registering to the running server;
// `extra` flags such as ['--vanishing-expires', '2'] (those phones turn Aged that soon).
export function startFleet(extra = []) {
  fleet = spawn(FLEET, ['--sip', serverInfo.sip, ...extra], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  fleet.stderr.on('data', (chunk) => process.stderr.write(`fleet: ${chunk}`));
  return fleet;
}

export async function stopFleet() {
  const proc = fleet;
  fleet = null;
  if (!proc || proc.exitCode !== null) return;
  const exited = new Promise((resolve) => proc.once('exit', resolve));
  proc.kill('SIGTERM');
  const timer = setTimeout(() => proc.kill('SIGKILL'), 5000);
  await exited;
  clearTimeout(timer);
}

export async function stopServer() {
  const proc = server;
  server = null;
  if (!proc || proc.exitCode !== null) return;
  const exited = new Promise((resolve) => proc.once('exit', resolve));
  proc.kill('SIGTERM');
  // A server that does not stop within 5 s is killed: a test never leaves one behind.
  const timer = setTimeout(() => { console.log('     server ignored SIGTERM for 5 s: SIGKILL'); proc.kill('SIGKILL'); }, 5000);
  await exited;
  clearTimeout(timer);
}

export function sqlite(db, sql) {
  return execFileSync('sqlite3', [db], { input: sql, encoding: 'utf8' });
}

// SQL that gives the demo's Café Lumière `extra` more devices (MACs 02000000000..., a third at
// Lyon, types cycling through each site's approved types), each with a line on port 1 when
// `lines`, then prints the customer's device count. For the 100,000-row scroll test and bench.
export function seedDevicesSql(extra, { lines = false } = {}) {
  const numbers = `WITH RECURSIVE n(x) AS (SELECT 0 UNION ALL SELECT x + 1 FROM n WHERE x < ${extra - 1})`;
  return `
PRAGMA foreign_keys = ON;
BEGIN;
${numbers},
approved AS (
  SELECT site_id, device_type_id,
         row_number() OVER (PARTITION BY site_id ORDER BY device_type_id) - 1 AS k,
         count(*) OVER (PARTITION BY site_id) AS cnt
  FROM site_device_types)
INSERT INTO devices(mac, customer_id, site_id, device_type_id, created_at)
SELECT printf('02%010X', n.x), c.id, s.id, a.device_type_id, CAST(strftime('%s', 'now') AS INTEGER)
FROM n
JOIN customers c ON c.name = 'Café Lumière'
JOIN sites s ON s.customer_id = c.id AND s.name = (CASE WHEN n.x % 3 = 0 THEN 'Lyon' ELSE 'Paris' END)
JOIN approved a ON a.site_id = s.id AND a.k = n.x % a.cnt;
${lines ? `INSERT INTO lines(device_mac, port, phone_number, extension, sip_ha1_md5, sip_ha1_sha256)
${numbers}
SELECT printf('02%010X', n.x), 1, printf('339%08d', n.x), printf('%d', 1000 + n.x % 9000), '-', '-' FROM n;` : ''}
COMMIT;
SELECT count(*) FROM devices WHERE customer_id = (SELECT id FROM customers WHERE name = 'Café Lumière');
`;
}

export async function launchBrowser() {
  mkdirSync(SHOTS, { recursive: true });
  browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
  return browser;
}

export async function cleanup() {
  if (browser) await browser.close().catch(() => {});
  browser = null;
  await stopFleet().catch(() => {});
  await stopServer().catch(() => {});
  if (workDir) rmSync(workDir, { recursive: true, force: true });
  workDir = null;
}

// Polls `probe` (run in the page) until it returns a truthy value.
export async function waitInPage(page, what, probe, arg, timeout = STEP_TIMEOUT_MS) {
  try {
    const handle = await page.waitForFunction(probe, arg, { timeout, polling: 50 });
    return await handle.jsonValue();
  } catch (e) {
    const widgets = await page.evaluate(() => window.phonefleet && window.phonefleet.widgets()).catch(() => null);
    throw new Error(`timed out waiting for ${what}; widgets: ${JSON.stringify(widgets)?.slice(0, 2500)}`);
  }
}

export const widgets = (page) => page.evaluate(() => window.phonefleet.widgets());

// The first widget matching every given key ({role, label, dialog, row}); `dialog: null`
// means "not in a dialog". Waits until the client draws it (`timeout` ms at most).
export async function find(page, query, what = JSON.stringify(query), timeout = STEP_TIMEOUT_MS) {
  return waitInPage(page, what, (q) => window.phonefleet && window.phonefleet.widgets().find((w) =>
    Object.entries(q).every(([k, v]) => (v === null ? w[k] === undefined : w[k] === v))), query, timeout);
}

// Waits until no widget matches `query`.
export async function gone(page, query, what = JSON.stringify(query)) {
  return waitInPage(page, `${what} to disappear`, (q) => !window.phonefleet.widgets().some((w) =>
    Object.entries(q).every(([k, v]) => (v === null ? w[k] === undefined : w[k] === v))), query);
}

// Waits until the widget is there and enabled (as a person waits for a request to finish),
// then clicks its middle.
export async function click(page, query, what = JSON.stringify(query)) {
  // The same rectangle over a few frames: a dialog that resizes moves its buttons.
  let w = await find(page, { ...query, enabled: true }, `${what} enabled`);
  for (let i = 0; i < 10; i += 1) {
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
    const again = await find(page, { ...query, enabled: true }, `${what} enabled`);
    const same = ['x', 'y', 'w', 'h'].every((k) => Math.abs(again[k] - w[k]) < 0.5);
    w = again;
    if (same) break;
  }
  check(w.enabled, `${w.role} "${w.label}"${w.row ? ` (row ${w.row})` : ''} is enabled`);
  await clickMiddle(page, w);
  return w;
}

// Move, then hold the button over a few frames: software-rendered frames take ~100 ms, and
// ImGui samples the mouse once per frame (a press and release between two frames can be lost).
export async function clickMiddle(page, w) {
  await page.mouse.move(w.x + w.w / 2, w.y + w.h / 2);
  await page.waitForTimeout(60);
  await page.mouse.down();
  await page.waitForTimeout(150);
  await page.mouse.up();
}

// Clicks a field, replaces what it holds with `text` typed on the keyboard. Characters outside
// the US layout (é) go as the keypress a real keyboard sends (TOOLCHAIN.md).
export async function typeInto(page, query, text) {
  await click(page, query);
  await page.keyboard.press('Control+A');
  await page.keyboard.press('Backspace');
  for (const ch of text) {
    if (ch.charCodeAt(0) < 128) {
      await page.keyboard.type(ch, { delay: 10 });
    } else {
      await page.evaluate((c) => window.dispatchEvent(new KeyboardEvent('keypress', { key: c, charCode: c.charCodeAt(0), bubbles: true })), ch);
      await page.waitForTimeout(40);
    }
  }
  await keysTaken(page);
}

// The client takes one change per key and frame: waits until every typed key is taken (and
// drawn) before the caller moves on, or the rest would land in the next field.
export async function keysTaken(page) {
  await waitInPage(page, 'the typed keys taken', () => window.phonefleet.pendingInput() === 0);
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
}

// A CSV file for a file chooser or a drop, from its text.
export const csvFile = (name, text) => ({ name, mimeType: 'text/csv', buffer: Buffer.from(text, 'utf8') });

// Drops `file` onto the page, as a person dragging it from their file manager.
// The file's bytes as they are (a Windows-1252 file stays Windows-1252).
export async function dropFile(page, file) {
  await page.evaluate(({ name, base64 }) => {
    const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
    const transfer = new DataTransfer();
    transfer.items.add(new File([bytes], name, { type: 'text/csv' }));
    const canvas = document.getElementById('canvas');
    canvas.dispatchEvent(new DragEvent('dragover', { dataTransfer: transfer, bubbles: true, cancelable: true }));
    canvas.dispatchEvent(new DragEvent('drop', { dataTransfer: transfer, bubbles: true, cancelable: true }));
  }, { name: file.name, base64: file.buffer.toString('base64') });
}

export async function shot(page, name) {
  const file = path.join(SHOTS, `${name}.png`);
  await page.screenshot({ path: file });
  console.log(`     screenshot ${path.relative(ROOT, file)}`);
}

export async function openClient(context, base) {
  const page = await context.newPage();
  currentPage = page;
  page.on('pageerror', (e) => { pageErrors.push(e.message); console.error(`page error: ${e.message}`); });
  // A CSP violation (issue 17) is logged, not thrown: count it as an error of the page.
  page.on('console', (m) => {
    if (m.type() === 'error' && /Content Security Policy/i.test(m.text())) {
      pageErrors.push(m.text());
      console.error(`csp violation: ${m.text()}`);
    }
  });
  if (process.env.PHONEFLEET_DEBUG_API) {
    page.on('response', (r) => {
      if (r.url().includes('/api/')) console.log(`     ${r.request().method()} ${r.url().replace(base, '')} -> ${r.status()}`);
    });
  }
  await page.goto(base + '/');
  await waitInPage(page, 'the login view', () => window.phonefleet && window.phonefleet.view() === 'login');
  await waitInPage(page, 'a drawn frame', () => window.phonefleet.widgets().length > 0);
  return page;
}

export async function logIn(page, labels, username, password) {
  await typeInto(page, { role: 'input', label: labels.username }, username);
  await typeInto(page, { role: 'input', label: labels.password }, password);
  await click(page, { role: 'button', label: labels.button });
  await waitInPage(page, 'the devices view', () => window.phonefleet.view() === 'devices');
}

// Runs `body` under a global watchdog, reports and exits with the test's status.
export async function main(body, timeoutMs = 120_000) {
  const watchdog = setTimeout(async () => {
    console.error(`FAIL: global timeout of ${timeoutMs / 1000} s`);
    if (currentPage) await currentPage.screenshot({ path: path.join(SHOTS, 'failure.png') }).catch(() => {});
    await cleanup();
    process.exit(1);
  }, timeoutMs);
  let code = 0;
  try {
    await body();
  } catch (e) {
    if (results.failed === 0) results.failed = 1;
    console.error(`FAIL: ${e.message}`);
    if (currentPage) await currentPage.screenshot({ path: path.join(SHOTS, 'failure.png') }).catch(() => {});
    code = 1;
  } finally {
    clearTimeout(watchdog);
    await cleanup();
  }
  console.log(`${results.passed} passed, ${results.failed} failed`);
  process.exit(code);
}
