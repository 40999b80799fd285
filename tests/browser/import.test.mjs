// Browser test of the Import menu and Export (issue 4, SPEC 4b and 5, F7 F8 F9): download the
// template through the menu, read the instructions, pick a French Excel-style file with
// problems (`;`, BOM, CRLF; a bad MAC, an unknown site, a MAC twice, a type not approved at its
// site) and see every problem by row, filter them and save them as CSV, Upload disabled; the
// same in French; then drop the fixed file onto the page, upload it, see the notification and
// the new devices in the list; Export the list; the same file again gets the server's 422
// (mac_exists) in the same table. Last, a 100,000-row valid file is checked in
// WebAssembly while frame times are sampled (printed, not asserted); it is not imported.
// Run: node tests/browser/import.test.mjs   (env PHONEFLEET_SERVER, PHONEFLEET_ROOT optional)
import { readFileSync } from 'node:fs';
import path from 'node:path';
import {
  check, click, csvFile, dropFile, find, gone, grouped, launchBrowser, logIn, main, makeWorkDir, openClient, pageErrors, shot,
  startServer, typeInto, waitInPage, widgets,
} from './harness.mjs';

const EN = {
  login: { username: 'User name', password: 'Password', button: 'Log in' },
  import: 'Import', template: 'Download the template', instructions: 'Instructions', uploadFile: 'Upload a CSV file',
  dialog: 'Import devices', upload: 'Upload', close: 'Close', filter: 'Filter', save: 'Save as CSV', export: 'Export',
  search: 'Search', allOrNothing: 'All or nothing', progress: 'Validation',
  valid: (n) => `Valid rows: ${grouped(n, 'en')}`, problems: (n) => `Problems: ${grouped(n, 'en')}`,
};
const FR = {
  login: { username: "Nom d'utilisateur", password: 'Mot de passe', button: 'Se connecter' },
  import: 'Importer', template: 'Télécharger le modèle .csv', instructions: 'Instructions',
  uploadFile: 'Télécharger le fichier .CSV', dialog: 'Importer des appareils', upload: 'Envoyer', close: 'Fermer',
  filter: 'Filtrer', save: 'Enregistrer en CSV', export: 'Exporter', search: 'Rechercher', allOrNothing: 'Tout ou rien',
  progress: 'Validation', valid: (n) => `Lignes valides : ${grouped(n, 'fr')}`, problems: (n) => `Problèmes : ${grouped(n, 'fr')}`,
  imported: (n) => `${grouped(n, 'fr')} appareils importés.`,
  serverFound: "Le serveur a trouvé ces problèmes ; rien n'a été importé.",
};

// French Excel: BOM, `;`, CRLF, French headers. Rows 2 and 6 hold the same MAC (two notations).
const BOM = '\uFEFF';
const BAD = `${BOM}Adresse MAC;Type d'appareil;Site\r\n` +
  '00:1E:4A:0B:00:01;Cisco 6821;Paris\r\n' +      // 2 duplicate of row 6
  '00:1E:4A:0B:00:0Z;Cisco 6821;Paris\r\n' +      // 3 mac_invalid
  '00:1E:4A:0B:00:03;Cisco 6821;Marseille\r\n' +  // 4 site_unknown
  '00:1E:4A:0B:00:04;Yealink W60B;Lyon\r\n' +     // 5 valid
  '00-1e-4a-0b-00-01;Cisco 6821;Paris\r\n' +      // 6 duplicate of row 2
  '00:1E:4A:0B:00:06;Poly VVX 450;Lyon\r\n';      // 7 device_type_not_approved
const EXPECTED = {
  2: 'mac_duplicate_in_file', 3: 'mac_invalid', 4: 'site_unknown', 6: 'mac_duplicate_in_file', 7: 'device_type_not_approved',
};
const FIXED = `${BOM}Adresse MAC;Type d'appareil;Site\r\n` +
  '00:1E:4A:0B:00:01;Cisco 6821;Paris\r\n' +
  '00:1E:4A:0B:00:02;Cisco 6821;Paris\r\n' +
  '00:1E:4A:0B:00:03;Cisco 6821;paris\r\n' +
  '00:1E:4A:0B:00:04;Yealink W60B;Lyon\r\n' +
  '00-1e-4a-0b-00-05;Cisco 6821;Paris\r\n' +
  '00:1E:4A:0B:00:06;Cisco 6821;Lyon\r\n';
const NEW_MACS = ['001E4A0B0001', '001E4A0B0002', '001E4A0B0003', '001E4A0B0004', '001E4A0B0005', '001E4A0B0006'];

// Clicks an item and returns the download it starts, as text.
async function downloadBy(page, query) {
  const [download] = await Promise.all([page.waitForEvent('download', { timeout: 20_000 }), click(page, query)]);
  const text = readFileSync(await download.path(), 'utf8');
  return { name: download.suggestedFilename(), text };
}

async function openMenuItem(page, L, item) {
  await click(page, { role: 'button', label: L.import, dialog: null });
  await click(page, { role: 'menu-item', label: item, dialog: L.import });
}

// Picks `file` through the Import menu's native file picker.
async function pickFile(page, L, file) {
  await click(page, { role: 'button', label: L.import, dialog: null });
  const [chooser] = await Promise.all([
    page.waitForEvent('filechooser', { timeout: 20_000 }),
    click(page, { role: 'menu-item', label: L.uploadFile, dialog: L.import }),
  ]);
  await chooser.setFiles(file);
}

// The problems table as {row: [cells]} once it shows `count` problems.
async function problemRows(page, L, count) {
  await find(page, { role: 'text', label: L.problems(count), dialog: L.dialog });
  const cells = (await widgets(page)).filter((w) => w.dialog === L.dialog && w.role === 'cell');
  const rows = {};
  for (const c of cells) (rows[c.row] ||= []).push(c.label);
  return rows;
}

async function checkProblems(page, L, tag) {
  const rows = await problemRows(page, L, 5);
  for (const [row, code] of Object.entries(EXPECTED)) {
    check(rows[row] && rows[row][0] === row, `${tag}: row ${row} is listed (${code})`, JSON.stringify(rows));
    console.log(`     row ${row}: ${rows[row].slice(1).join(' | ')}`);
  }
  check(!rows[5], `${tag}: the valid row 5 is not listed`);
  check(rows[3].includes('00:1E:4A:0B:00:0Z') && rows[4].includes('Marseille') && rows[7].includes('Poly VVX 450'),
    `${tag}: each problem shows the value as written`);
  check(rows[2].includes('001E4A0B0001') && rows[6].includes('001E4A0B0001'), `${tag}: both rows of the duplicate MAC are listed`);
  await find(page, { role: 'text', label: L.valid(1), dialog: L.dialog });
  const upload = await find(page, { role: 'button', label: L.upload, dialog: L.dialog });
  check(!upload.enabled, `${tag}: ${L.upload} is disabled while the file has problems`);
  return rows;
}

await main(async () => {
  const db = path.join(makeWorkDir(), 'phonefleet.db');
  const base = await startServer(db);
  console.log(`     server at ${base}`);
  const browser = await launchBrowser();
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'en-US', acceptDownloads: true });
  const page = await openClient(context, base);
  const consoleLines = [];
  page.on('console', (m) => { if (m.text().startsWith('import:')) consoleLines.push(m.text()); });
  await logIn(page, EN.login, 'client-admin', 'client-demo');
  await find(page, { role: 'button', label: 'Actions' });

  // ---- template (F8) and instructions, in English ----
  await click(page, { role: 'button', label: EN.import, dialog: null });
  await find(page, { role: 'menu-item', label: EN.uploadFile, dialog: EN.import });
  await shot(page, 'import-menu-en');
  const template = await downloadBy(page, { role: 'menu-item', label: EN.template, dialog: EN.import });
  const header = template.text.replace(/^\uFEFF/, '').split(/\r?\n/)[0];
  check(template.name.endsWith('.csv') && header.startsWith('mac,device_type,site'), `the template downloads (${template.name}), header "${header}"`);
  check(/^#/m.test(template.text) && template.text.includes('Paris') && template.text.includes('Cisco 6821'),
    'the template lists the sites and device types in # comment lines');

  await openMenuItem(page, EN, EN.instructions);
  const instr = await waitInPage(page, 'the instructions', ([d, p]) => window.phonefleet.widgets().find((w) =>
    w.dialog === d && w.label.startsWith(p)), [EN.instructions, EN.allOrNothing]);
  check(true, `the instructions say: "${instr.label.slice(0, 70)}..."`);
  const excel = (await widgets(page)).find((w) => w.dialog === EN.instructions && w.label.includes('format the MAC column as Text'));
  check(Boolean(excel), 'the instructions say how to keep Excel from turning MACs into numbers', excel && excel.label);
  await shot(page, 'import-instructions-en');
  await click(page, { role: 'button', label: EN.close, dialog: EN.instructions });
  await gone(page, { dialog: EN.instructions });

  // ---- a file with problems, through the native picker ----
  await pickFile(page, EN, csvFile('appareils-excel.csv', BAD));
  await checkProblems(page, EN, 'en');
  await shot(page, 'import-problems-en');
  await typeInto(page, { role: 'input', label: EN.filter, dialog: EN.dialog }, 'marseille');
  await waitInPage(page, 'only row 4 under the filter', (d) => {
    // The problems' table (the MAC vendor warnings have a table of their own, not filtered).
    const rows = new Set(window.phonefleet.widgets().filter((w) => w.dialog === d && w.role === 'cell'
      && !w.row.startsWith('warning/')).map((w) => w.row));
    return rows.size === 1 && rows.has('4');
  }, EN.dialog);
  check(true, 'the filter keeps only the matching problem (row 4)');
  await typeInto(page, { role: 'input', label: EN.filter, dialog: EN.dialog }, '');
  await problemRows(page, EN, 5);
  const saved = await downloadBy(page, { role: 'button', label: EN.save, dialog: EN.dialog });
  check(saved.text.replace(/^\uFEFF/, '').startsWith('row,column,value,code,message\r\n') &&
    saved.text.includes('site_unknown') && saved.text.split('\r\n').filter(Boolean).length === 6,
  `the problems save as CSV (${saved.name}, 5 rows)`);
  await click(page, { role: 'button', label: EN.close, dialog: EN.dialog });
  await gone(page, { dialog: EN.dialog });

  // ---- in French: the same problems, then the fixed file dropped onto the page ----
  await click(page, { role: 'button', label: 'FR' });
  await find(page, { role: 'button', label: FR.import, dialog: null });
  await pickFile(page, FR, csvFile('appareils-excel.csv', BAD));
  const rowsFr = await checkProblems(page, FR, 'fr');
  check(rowsFr[3].some((c) => c.includes("n'est pas une adresse MAC valide")), 'fr: the messages are in French', rowsFr[3].join(' | '));
  await shot(page, 'import-problems-fr');

  await dropFile(page, csvFile('appareils-corrigés.csv', FIXED));
  await find(page, { role: 'text', label: FR.valid(6), dialog: FR.dialog });
  await find(page, { role: 'text', label: FR.problems(0), dialog: FR.dialog });
  check(true, 'fr: the fixed file, dropped onto the page, is clean (6 valid rows)');
  await click(page, { role: 'button', label: FR.upload, dialog: FR.dialog });
  await find(page, { role: 'notification', label: FR.imported(6) });
  await gone(page, { dialog: FR.dialog });
  check(true, `fr: uploaded; the notification says "${FR.imported(6)}"`);
  await typeInto(page, { role: 'input', label: FR.search, dialog: null }, '001E4A0B');
  const listed = await waitInPage(page, 'the 6 new devices in the list', () => {
    const macs = window.phonefleet.widgets().filter((c) => c.role === 'cell' && /^([0-9A-F]{2}:){5}[0-9A-F]{2}$/.test(c.label)).map((c) => c.label.replace(/:/g, ''));
    return macs.length === 6 ? macs : null;
  });
  check(NEW_MACS.every((m) => listed.includes(m)), `fr: the new devices are in the list (${listed.join(', ')})`);
  await shot(page, 'import-success-fr');

  // ---- Export (F7) ----
  const exported = await downloadBy(page, { role: 'button', label: FR.export, dialog: null });
  const exportHeader = exported.text.replace(/^\uFEFF/, '').split(/\r?\n/)[0];
  check(exportHeader.startsWith('mac,device_type,available_lines,site'), `the export downloads (${exported.name}), header "${exportHeader}"`);
  check(exported.text.includes('001E4A0B0004'), 'the export holds an imported device');
  await typeInto(page, { role: 'input', label: FR.search, dialog: null }, '');

  // ---- the same file again: clean for the browser, but the server knows these MACs (422) ----
  await dropFile(page, csvFile('appareils-corrigés.csv', FIXED));
  await find(page, { role: 'text', label: FR.valid(6), dialog: FR.dialog });
  await click(page, { role: 'button', label: FR.upload, dialog: FR.dialog });
  const serverRows = await problemRows(page, FR, 6);
  check([2, 3, 4, 5, 6, 7].every((r) => serverRows[r] && serverRows[r].some((c) => c.includes('existe déjà'))),
    "fr: the server's 422 (mac_exists on every row) shows in the same table", JSON.stringify(serverRows));
  await find(page, { role: 'text', label: FR.serverFound, dialog: FR.dialog });
  check(!(await find(page, { role: 'button', label: FR.upload, dialog: FR.dialog })).enabled, `fr: ${FR.upload} is disabled after the server's refusal`);
  await shot(page, 'import-server-422-fr');
  await click(page, { role: 'button', label: FR.close, dialog: FR.dialog });
  await gone(page, { dialog: FR.dialog });

  // ---- 100,000 rows, checked in WebAssembly without freezing the page (not imported) ----
  let big = 'mac,device_type,site\r\n';
  for (let i = 0; i < 100_000; i += 1) big += `00AA${i.toString(16).toUpperCase().padStart(8, '0')},Cisco 6821,Paris\r\n`;
  console.log(`     100,000-row file: ${(big.length / 1e6).toFixed(1)} MB`);
  await page.evaluate(() => {
    // Frame times as the browser sees them (requestAnimationFrame deltas), while validating.
    const s = window.__importSampler = { deltas: [], progress: 0, sampling: true, paused: false, resumedAt: 0, last: performance.now() };
    const tick = (now) => {
      // A screenshot stalls the page: the frame that spans one is not the client's doing.
      const all = window.phonefleet.widgets();
      const progress = all.some((w) => w.role === 'progress');
      // What the page showed when each frame ended: menu, picker, loading types, progress, report.
      const phase = progress ? 'validating' : all.some((w) => w.role === 'menu-item') ? 'menu'
        : all.some((w) => w.role === 'button' && w.label === 'Envoyer') ? 'dialog' : 'list';
      if (!s.paused && s.last >= s.resumedAt) s.deltas.push([now - s.last, phase, now]);
      s.last = now;
      if (progress) s.progress += 1;
      if (s.sampling) requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
    // When the file reaches the page and how long handing it to the client takes.
    document.getElementById('import-file').addEventListener('change', () => { s.changeAt = performance.now(); });
    const handOver = Module._phonefleet_file_received;
    Module._phonefleet_file_received = (...args) => {
      const t0 = performance.now();
      handOver(...args);
      s.handedAt = t0;
      s.handoffMs = performance.now() - t0;
    };
  });
  const started = Date.now();
  await pickFile(page, FR, csvFile('cent-mille.csv', big));
  // The bar may show for a few frames only (100,000 rows take ~0.1 s on a quiet machine): the
  // sampler above sees every frame, a poll of the widgets could miss them all. The screenshot
  // is taken while the bar is still there, if it is.
  await waitInPage(page, 'the progress bar or the report', (done) => window.__importSampler.progress > 0
    || window.phonefleet.widgets().some((w) => w.role === 'text' && w.label === done), FR.valid(100000));
  await page.evaluate(() => { window.__importSampler.paused = true; });
  if (await page.evaluate(() => window.phonefleet.widgets().some((w) => w.role === 'progress'))) await shot(page, 'import-progress-fr');
  await page.evaluate(() => { const s = window.__importSampler; s.paused = false; s.resumedAt = performance.now(); });
  await find(page, { role: 'text', label: FR.valid(100000), dialog: FR.dialog }, '100000 valid rows', 60_000);
  const elapsed = Date.now() - started;
  const sampled = await page.evaluate(() => {
    const s = window.__importSampler;
    s.sampling = false;
    s.reportAt = performance.now();
    return s;
  });
  const frames = sampled.deltas.slice(1);  // the first spans the sampler's start
  const deltas = frames.map(([d]) => d);
  const validating = frames.filter(([, p]) => p === 'validating').map(([d]) => d);
  const slowest = [...frames].sort((a, b) => b[0] - a[0]).slice(0, 3).map(([d, p]) => `${d.toFixed(0)} ms (${p})`);
  check(sampled.progress > 0, `the progress bar was shown for ${sampled.progress} frames`);
  await find(page, { role: 'text', label: FR.problems(0), dialog: FR.dialog });
  check((await find(page, { role: 'button', label: FR.upload, dialog: FR.dialog })).enabled, 'the 100,000-row file is clean: Upload enabled (not clicked)');
  console.log(`     100,000 rows: report after ${elapsed} ms (from the picker); ${deltas.length} frames sampled, ` +
    `max frame ${Math.max(...deltas).toFixed(0)} ms, median ${deltas.sort((a, b) => a - b)[deltas.length >> 1].toFixed(0)} ms`);
  console.log(`     while the progress bar showed: max frame ${Math.max(...validating).toFixed(0)} ms over ${validating.length} frames; slowest frames: ${slowest.join(', ')}`);
  {
    // Frames from the hand-over to the report are the client's share: reading the file into
    // the page before the change event is the browser's and playwright's work, not the client's.
    const { changeAt, handedAt, handoffMs, reportAt } = sampled;
    const own = frames.filter(([, , end]) => end > handedAt && end <= reportAt).map(([d]) => d);
    const [worst, , worstEnd] = [...frames].sort((a, b) => b[0] - a[0])[0];
    console.log(`     file: change event at ${changeAt?.toFixed(0)} ms, handed to wasm at ${handedAt?.toFixed(0)} ms ` +
      `(copy into wasm memory + call ${handoffMs?.toFixed(1)} ms); slowest frame of all ${worst.toFixed(0)} ms ended at ${worstEnd.toFixed(0)} ms`);
    console.log(`     MAX FRAME from hand-over to report: ${Math.max(...own).toFixed(0)} ms over ${own.length} frames (screenshot excluded)`);
  }
  for (const line of consoleLines) console.log(`     client: ${line}`);
  await shot(page, 'import-large-fr');
  await click(page, { role: 'button', label: FR.close, dialog: FR.dialog });
  await gone(page, { dialog: FR.dialog });

  check(pageErrors.length === 0, 'no uncaught error in the page', pageErrors.join(' | '));
}, 150_000);
