// Browser test of the Line States page (issue 5; F11, F12, F13) with live data: the server and
// the demo's simulated phones (real SIP on loopback, some of them turning Aged after 2 s).
// An admin opens Devices > Line States, sees the counts per state (the server's), filters by
// state and site and sees only those rows, exports the filtered view while the server's queue
// is busy (waiting at position 1, then done, the CSV downloaded and checked against the API),
// gets an export refused with when to retry when the queue is full, creates a wall display
// (kiosk token) and revokes it, and sees Export turned
// off with its reason when the operator switches the provider's export off; then the page in
// French. Screenshots in build/screenshots/line-states-*.png.
// Run: node tests/browser/line-states.test.mjs   (env PHONEFLEET_SERVER, PHONEFLEET_ROOT optional)
import { readFileSync } from 'node:fs';
import path from 'node:path';
import {
  check, click, find, grouped, launchBrowser, logIn, main, makeWorkDir, openClient, shot, startFleet, startServer,
  typeInto, waitInPage, widgets,
} from './harness.mjs';

const EN = {
  login: { username: 'User name', password: 'Password', button: 'Log in' },
  tab: 'Line States', state: 'State', site: 'Site', export: 'Export device state', refresh: 'Refresh',
  aged: 'Aged', registered: 'Registered', unregistered: 'Unregistered',
  count: (s, n) => `${s}: ${n}`,
};
const FR = { tab: 'États des lignes', export: "Exporter l'état de l'appareil", registered: 'Enregistré', count: (s, n) => `${s} : ${n}` };

const EXPORT_DELAY_MS = 4000;  // FAULT INJECTION: each export takes this long, so the queue shows

// The API as a script would use it: a bearer session per login.
async function api(base, token, method, url, body) {
  const res = await fetch(base + url, {
    method,
    headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json', 'X-PhoneFleet-Request': '1' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, headers: res.headers, text, json: () => JSON.parse(text) };
}
async function login(base, username, password) {
  const res = await fetch(`${base}/api/v1/auth/login`, {
    method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ username, password }),
  });
  check(res.status === 200, `API login of ${username}`);
  return (await res.json()).token;
}

// Exports started by other sessions, on the other demo customer (never a cache hit for ours):
// each holds a running slot or a queue place for EXPORT_DELAY_MS.
function busyExports(base, tokens, customer) {
  const filters = ['state=registered', 'state=aged', 'state=unregistered', 'q=3314', 'q=Nantes', 'q=T33G'];
  return tokens.map((t, i) => api(base, t, 'GET', `/api/v1/customers/${customer}/line-states/export.csv?site=all&${filters[i]}`));
}

const stateCells = (ws, names) => ws.filter((w) => w.role === 'cell' && w.row && w.row.includes('/') && names.includes(w.label));

main(async () => {
  const dir = makeWorkDir();
  const base = await startServer(path.join(dir, 'line-states.db'), [
    '--fault-export-delay-ms', String(EXPORT_DELAY_MS), '--export-concurrency', '2', '--export-queue', '1',
    '--export-session-spacing-s', '1', '--export-cache-ttl-s', '1', '--sip-min-expires', '2']);
  startFleet(['--vanishing-expires', '2']);

  const admin = await login(base, 'client-admin', 'client-demo');
  const me = (await api(base, admin, 'GET', '/api/v1/me')).json();
  const cid = me.customer_id;
  // Wait for the phones: some registered, and the vanishing ones lapsed into Aged.
  let counts = null;
  for (let i = 0; i < 100; i += 1) {
    const page = (await api(base, admin, 'GET', `/api/v1/customers/${cid}/line-states?site=all`)).json();
    counts = page.counts;
    if (counts.registered > 0 && counts.aged > 0) break;
    await new Promise((r) => setTimeout(r, 200));
  }
  check(counts.registered > 0 && counts.aged > 0 && counts.unregistered > 0,
    'the demo fleet gives lines in all three states', JSON.stringify(counts));

  const browser = await launchBrowser();
  const context = await browser.newContext({ viewport: { width: 1400, height: 860 }, locale: 'en-US', acceptDownloads: true });
  const page = await openClient(context, base);
  await logIn(page, EN.login, 'client-admin', 'client-demo');

  // Devices > Line States, as the guide says.
  await click(page, { role: 'tab', label: EN.tab });
  await waitInPage(page, 'the Line States page', () => window.phonefleet.view() === 'line-states');
  for (const [name, n] of [[EN.registered, counts.registered], [EN.aged, counts.aged], [EN.unregistered, counts.unregistered]])
    await find(page, { role: 'text', label: EN.count(name, n) }, `the count "${EN.count(name, n)}"`);
  const colours = stateCells(await widgets(page), [EN.registered, EN.aged, EN.unregistered]);
  check(new Set(colours.map((w) => w.label)).size === 3, 'the table shows rows of all three states');
  await shot(page, 'line-states-en');

  // A wall display from this page: its address shown once, working, then revoked.
  await click(page, { role: 'button', label: 'Wall display…' });
  await find(page, { role: 'text', label: 'No wall display yet.', dialog: 'Wall displays' });
  await typeInto(page, { role: 'input', label: 'Name of the display', dialog: 'Wall displays' }, 'Hall');
  await click(page, { role: 'button', label: 'Create', dialog: 'Wall displays' });
  const address = await waitInPage(page, 'the new display address', (b) => window.phonefleet.widgets().find((w) =>
    w.role === 'text' && w.label.startsWith(`${b}/kiosk#token=`)), base);
  const kioskToken = new URL(address.label).hash.replace('#token=', '');
  check((await api(base, kioskToken, 'GET', `/api/v1/customers/${cid}/line-states`)).status === 200,
    'the address shown opens the line states');
  await find(page, { role: 'cell', label: 'Hall', row: 'Hall', dialog: 'Wall displays' });
  await shot(page, 'line-states-wall-display');
  await click(page, { role: 'button', label: 'Revoke', row: 'Hall', dialog: 'Wall displays' });
  await find(page, { role: 'text', label: 'No wall display yet.', dialog: 'Wall displays' }, 'the display revoked');
  check((await api(base, kioskToken, 'GET', `/api/v1/customers/${cid}/line-states`)).status === 401,
    'a revoked display is refused');
  await click(page, { role: 'button', label: 'Close', dialog: 'Wall displays' });

  // Filter: Aged only, then Lyon only.
  await click(page, { role: 'combo', label: EN.state });
  await click(page, { role: 'menu-item', label: EN.aged });
  await waitInPage(page, 'only Aged rows', (names) => {
    const cells = window.phonefleet.widgets().filter((w) => w.role === 'cell' && w.row && w.row.includes('/') && names.includes(w.label));
    return cells.length > 0 && cells.every((w) => w.label === 'Aged');
  }, [EN.registered, EN.aged, EN.unregistered]);
  await click(page, { role: 'combo', label: EN.site });
  await click(page, { role: 'menu-item', label: 'Lyon' });
  const lyon = (await api(base, admin, 'GET', `/api/v1/customers/${cid}/sites`)).json().items.find((s) => s.name === 'Lyon');
  const filtered = (await api(base, admin, 'GET', `/api/v1/customers/${cid}/line-states?site=${lyon.id}&state=aged&per_page=500`)).json();
  check(filtered.total > 0, 'Lyon has Aged lines in the demo', String(filtered.total));
  await waitInPage(page, 'only the Aged lines of Lyon', (n) => {
    const rows = new Set(window.phonefleet.widgets().filter((w) => w.role === 'cell' && w.row && w.row.includes('/')).map((w) => w.row));
    const paris = window.phonefleet.widgets().some((w) => w.role === 'cell' && w.label === 'Paris');
    return rows.size === n && !paris;
  }, filtered.total);
  await find(page, { role: 'text', label: filtered.total === 1 ? '1 line' : `${grouped(filtered.total, 'en')} lines` });

  // Export while the server is busy: two other sessions hold both running slots, ours waits.
  const others = [];
  for (let i = 0; i < 5; i += 1) others.push(await login(base, 'other-admin', 'other-demo'));
  const other = (await api(base, others[0], 'GET', '/api/v1/me')).json().customer_id;
  const running = busyExports(base, others.slice(0, 2), other);
  await new Promise((r) => setTimeout(r, 300));
  const [download] = await Promise.all([
    page.waitForEvent('download', { timeout: 3 * EXPORT_DELAY_MS + 10_000 }),
    (async () => {
      await click(page, { role: 'button', label: EN.export });
      await find(page, { role: 'text', label: "Waiting in the server's export queue: position 1." }, 'the queue position');
      await shot(page, 'line-states-export-queued');
      await find(page, { role: 'text', label: 'The server is producing the file…' }, 'the export running');
    })(),
  ]);
  await Promise.all(running);
  const csv = readFileSync(await download.path(), 'utf8');
  const lines = csv.trim().split(/\r\n/);
  check(download.suggestedFilename() === `line-states-${cid}-${lyon.id}.csv`, 'the file is named after the customer and site',
    download.suggestedFilename());
  check(lines.length === 1 + filtered.total, 'the CSV holds the filtered rows, nothing else', `${lines.length - 1} vs ${filtered.total}`);
  check(lines.slice(1).every((l) => l.includes('Lyon') && /aged/i.test(l)), 'every exported row is an Aged line of Lyon');
  await find(page, { role: 'text', label: `Done: ${download.suggestedFilename()} downloaded.` }, 'the export done');

  // A full server: 2 running and 1 waiting (the queue holds one here): ours is refused at once.
  const full = busyExports(base, others.slice(2, 5), other);
  await new Promise((r) => setTimeout(r, 500));
  await click(page, { role: 'button', label: EN.export });
  const refused = await waitInPage(page, 'the refusal', () => window.phonefleet.widgets().find((w) =>
    w.role === 'text' && w.label.startsWith('Export refused: ') && w.label.includes('You can try again in')));
  check(/Too many exports/.test(refused.label), 'the refusal says why', refused.label);
  await find(page, { role: 'button', label: EN.export, enabled: false }, 'Export waiting for the retry time');
  await shot(page, 'line-states-export-refused');
  await Promise.all(full);

  // The operator turns the provider's export off: the page says so and Export is off.
  const operator = await login(base, 'operator', 'operator-demo');
  const customers = (await api(base, operator, 'GET', '/api/v1/customers')).json().items;
  const pid = customers.find((c) => c.id === cid).provider_id;
  check((await api(base, operator, 'PATCH', `/api/v1/providers/${pid}`, { line_state_export: false })).status === 200,
    'the operator turns the export off');
  await click(page, { role: 'button', label: EN.refresh });
  await find(page, { role: 'text', label: 'The line-state export is not enabled for this service provider. The platform operator can turn it on.' },
    'why Export is off');
  await find(page, { role: 'button', label: EN.export, enabled: false }, 'Export turned off');
  await shot(page, 'line-states-export-off');

  // In French, with accents.
  await click(page, { role: 'button', label: 'FR' });
  await find(page, { role: 'tab', label: FR.tab });
  await find(page, { role: 'button', label: FR.export, enabled: false });
  await find(page, { role: 'text', label: FR.count('Âgé', filtered.counts.aged) }, 'the French count of Aged lines');
  await shot(page, 'line-states-fr');
}, 240_000);
