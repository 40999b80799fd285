// Browser test of the kiosk wall display (issue 5, F14) at 1920x1080 with live SIP phones (the
// demo fleet). A customer admin creates a kiosk token; /kiosk#token=... shows the counts per
// state (the server's), per site, the lines that are not Registered, and nothing that can be
// clicked. The server then stops: the display keeps its data and says the connection is lost;
// the server comes back on the same address: the display recovers by itself. Without a token
// /kiosk says how to get one. Screenshots: build/screenshots/kiosk-*.png.
// Run: node tests/browser/kiosk.test.mjs   (env PHONEFLEET_SERVER, PHONEFLEET_ROOT optional)
import path from 'node:path';
import {
  check, find, grouped, launchBrowser, main, makeWorkDir, pageErrors, shot, startFleet, startServer, stopServer,
  waitInPage, widgets,
} from './harness.mjs';

async function api(base, token, method, url, body) {
  const res = await fetch(base + url, {
    method,
    headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json', 'X-PhoneFleet-Request': '1' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, json: await res.json().catch(() => null) };
}

main(async () => {
  const dir = makeWorkDir();
  const db = path.join(dir, 'kiosk.db');
  const flags = ['--sip-min-expires', '2'];
  const base = await startServer(db, flags);
  startFleet(['--vanishing-expires', '2']);

  const login = await fetch(`${base}/api/v1/auth/login`, {
    method: 'POST', headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ username: 'client-admin', password: 'client-demo' }),
  });
  const admin = (await login.json()).token;
  const cid = (await api(base, admin, 'GET', '/api/v1/me')).json.customer_id;
  const created = await api(base, admin, 'POST', `/api/v1/customers/${cid}/kiosk-tokens`, { name: 'Support wall' });
  check(created.status === 201 && created.json.kiosk_url.startsWith('/kiosk#token='), 'a customer admin creates a kiosk token');

  let counts = null;
  for (let i = 0; i < 100; i += 1) {
    counts = (await api(base, admin, 'GET', `/api/v1/customers/${cid}/line-states?site=all`)).json.counts;
    if (counts.registered > 0 && counts.aged > 0) break;
    await new Promise((r) => setTimeout(r, 200));
  }
  check(counts.registered > 0 && counts.aged > 0 && counts.unregistered > 0, 'live lines in all three states', JSON.stringify(counts));

  const browser = await launchBrowser();
  const context = await browser.newContext({ viewport: { width: 1920, height: 1080 }, locale: 'en-US' });
  const page = await context.newPage();
  page.on('pageerror', (e) => { pageErrors.push(e.message); console.error(`page error: ${e.message}`); });

  // Without a token: how to get one, and no login form.
  await page.goto(`${base}/kiosk`);
  await waitInPage(page, 'the client', () => window.phonefleet && window.phonefleet.widgets().length > 0);
  await find(page, { role: 'text', label: 'This wall display needs a kiosk token in its address (/kiosk#token=…). A customer administrator creates one on the Line States page.' });
  check(!(await widgets(page)).some((w) => w.role === 'input'), 'no login form on the kiosk page');

  await page.goto(base + created.json.kiosk_url);
  await page.reload();  // a new fragment alone does not reload the page
  await waitInPage(page, 'the kiosk view', () => window.phonefleet && window.phonefleet.view() === 'kiosk');
  await find(page, { role: 'heading', label: 'Line States — Support wall' });
  for (const [state, n] of [['registered', counts.registered], ['aged', counts.aged], ['unregistered', counts.unregistered]])
    await find(page, { role: 'text', row: state, label: String(n) }, `the ${state} tile showing ${n}`);
  await find(page, { role: 'cell', row: 'Paris', label: 'Paris' }, 'the Paris site row');
  await find(page, { role: 'cell', row: 'Lyon', label: 'Lyon' }, 'the Lyon site row');
  await find(page, { role: 'heading', label: `Lines not registered: ${grouped(counts.aged + counts.unregistered, 'en')}` });
  const ws = await widgets(page);
  const problemRows = new Set(ws.filter((w) => w.role === 'cell' && w.row && w.row.includes('/')).map((w) => w.row));
  check(problemRows.size > 0, 'the lines that are not Registered are listed', String(problemRows.size));
  check(!ws.some((w) => ['button', 'menu-item', 'input', 'combo', 'tab'].includes(w.role)), 'nothing on the kiosk can be clicked',
    JSON.stringify(ws.filter((w) => ['button', 'menu-item', 'input', 'combo', 'tab'].includes(w.role))));
  const updated = ws.find((w) => w.role === 'text' && w.label.startsWith('Updated '));
  check(Boolean(updated), 'the display says when it was updated');
  const big = ws.find((w) => w.role === 'text' && w.row === 'registered' && w.label === String(counts.registered));
  check(big.h >= 60, 'the counts are in large type', `${big.h} px high`);
  await shot(page, 'kiosk-1920x1080');

  // Left alone, the display does not draw the same frame at the browser's refresh rate: a few
  // frames a second keep its timers running (FramePacer). Counted against the browser's own
  // animation frames over the same two seconds.
  const idle = await page.evaluate(() => new Promise((resolve) => {
    const drawnBefore = window.phonefleet.framesDrawn();
    let browserFrames = 0;
    const count = () => { browserFrames += 1; requestAnimationFrame(count); };
    requestAnimationFrame(count);
    setTimeout(() => resolve({ drawn: window.phonefleet.framesDrawn() - drawnBefore, browserFrames }), 2000);
  }));
  console.log(`     idle for 2 s: ${idle.drawn} frames drawn, ${idle.browserFrames} browser frames`);
  check(idle.drawn >= 2 && idle.drawn * 2 < idle.browserFrames, 'idle frames are skipped, a few still drawn',
    JSON.stringify(idle));

  // The server goes away: the last data stays, with the reason, and the display keeps trying.
  const port = new URL(base).port;
  await stopServer();
  const lost = await waitInPage(page, 'the connection loss', () => window.phonefleet.widgets().find((w) =>
    w.role === 'text' && w.label.includes('Showing the last data received; retrying by itself.')), undefined, 30_000);
  console.log(`     ${lost.label}`);
  await find(page, { role: 'text', row: 'registered', label: String(counts.registered) }, 'the last counts still shown');
  await shot(page, 'kiosk-offline');

  // Back on the same address: recovered without anyone touching it.
  await startServer(db, flags, `127.0.0.1:${port}`);
  await waitInPage(page, 'the connection-loss message to go', (label) => !window.phonefleet.widgets().some((w) =>
    w.role === 'text' && w.label === label), lost.label, 40_000);
  await waitInPage(page, 'a fresh update', (before) => window.phonefleet.widgets().some((w) =>
    w.role === 'text' && w.label.startsWith('Updated ') && w.label !== before), updated.label, 40_000);
  await shot(page, 'kiosk-recovered');
  check(pageErrors.length === 0, 'no page errors', pageErrors.join('; '));
}, 200_000);
