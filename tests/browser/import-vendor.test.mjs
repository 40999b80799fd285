// Browser test of the MAC vendor check (SPEC 5, mac_vendor_mismatch): a file whose row 2 holds
// a Cisco MAC on a Yealink type is checked in WebAssembly; the dialog shows the warning in
// amber with its count, apart from the problems, and Upload stays enabled; the upload imports
// every row. Then Add device warns under the MAC field as it is typed.
// Run: node tests/browser/import-vendor.test.mjs   (env PHONEFLEET_SERVER, PHONEFLEET_ROOT,
// PHONEFLEET_WASM_BIN optional)
import path from 'node:path';
import {
  check, click, dropFile, csvFile, find, launchBrowser, logIn, main, makeWorkDir, openClient, shot, startServer, typeInto,
  widgets,
} from './harness.mjs';

const L = {
  login: { username: 'User name', password: 'Password', button: 'Log in' },
  dialog: 'Import devices', upload: 'Upload', warnings: (n) => `Warnings: ${n}`, problems: (n) => `Problems: ${n}`,
  valid: (n) => `Valid rows: ${n}`,
};
const FILE = 'mac,device_type,site\r\n' +
  '00:1E:4A:EE:00:01,Yealink T54W,Paris\r\n' +   // 2: a Cisco OUI on a Yealink: warns
  '80:5E:C0:EE:00:02,Yealink T54W,Paris\r\n' +   // 3: a Yealink OUI: fine
  '64:16:7F:EE:00:03,Poly VVX 450,Paris\r\n';    // 4: a Polycom OUI on a Poly: fine
const WARNING = 'MAC address 00:1E:4A:EE:00:01 belongs to Cisco (IEEE registry), but Yealink T54W is a Yealink model: check the address.';

await main(async () => {
  const db = path.join(makeWorkDir(), 'phonefleet.db');
  const base = await startServer(db);
  console.log(`     server at ${base}`);
  const browser = await launchBrowser();
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'en-US' });
  const page = await openClient(context, base);
  await logIn(page, L.login, 'client-admin', 'client-demo');
  await find(page, { role: 'button', label: 'Actions' });

  const count = async () => Number((await widgets(page)).find((w) => w.role === 'text' && w.dialog === undefined &&
    /^[\d,]+ devices$/.test(w.label)).label.replace(/\D/g, ''));
  const before = await count();
  await dropFile(page, csvFile('vendors.csv', FILE));
  await find(page, { role: 'text', label: L.valid(3), dialog: L.dialog });
  await find(page, { role: 'text', label: L.problems(0), dialog: L.dialog });
  await find(page, { role: 'text', label: L.warnings(1), dialog: L.dialog });
  const cell = await find(page, { role: 'cell', label: WARNING, dialog: L.dialog });
  check(cell.row === 'warning/2', `the warning is on row 2: "${cell.label.slice(0, 60)}..."`);
  const cells = (await widgets(page)).filter((w) => w.dialog === L.dialog && w.role === 'cell' && w.label.includes('belongs to'));
  check(cells.length === 1, 'one warning only (the Yealink and Polycom MACs match their types)', cells.map((c) => c.label).join(' | '));
  const upload = await find(page, { role: 'button', label: L.upload, dialog: L.dialog });
  check(upload.enabled, 'a warning does not block: Upload is enabled');
  await shot(page, 'import-vendor-warning-en');

  await click(page, { role: 'button', label: L.upload, dialog: L.dialog });
  await find(page, { role: 'text', label: `${before + 3} devices`, dialog: null });
  check(true, `uploaded despite the warning: ${before} devices, then ${before + 3}`);

  // Add device: the warning under the MAC field as it is typed, Save enabled.
  const ADD = 'Add device';
  await click(page, { role: 'button', label: ADD, dialog: null });
  await click(page, { role: 'combo', label: 'Site', dialog: ADD });
  await click(page, { role: 'menu-item', label: 'Paris', dialog: ADD });
  await find(page, { role: 'combo', label: 'Site', dialog: ADD, value: 'Paris' });
  await click(page, { role: 'combo', label: 'Device type (approved at this site)', dialog: ADD });
  await click(page, { role: 'menu-item', label: 'Yealink T46U', dialog: ADD });
  await find(page, { role: 'combo', label: 'Device type (approved at this site)', dialog: ADD, value: 'Yealink T46U' });
  await typeInto(page, { role: 'input', label: 'MAC address', dialog: ADD }, '001e4aee0009');
  const typed = await find(page, { role: 'text', label: WARNING.replace('00:1E:4A:EE:00:01', '001e4aee0009').replace('T54W', 'T46U'), dialog: ADD });
  check(Boolean(typed), 'Add device warns under the MAC field as it is typed');
  check((await find(page, { role: 'button', label: 'Save', dialog: ADD })).enabled, 'Save stays enabled');
  await shot(page, 'add-device-vendor-warning-en');
}, 180_000);
