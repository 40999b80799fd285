// Browser test of issue 4's "done when", as an administrator lives it: a messy 10,000-row Excel
// export (French, BOM, `;`, CRLF with a few LF, blank rows Excel writes as ";;;;", comments in
// quotes holding `;` and line breaks, every MAC notation, names in any case, blanks around cells)
// with problems spread through it, among them a MAC written twice far apart. Dropped onto the
// page: every problem listed at once, by row (the physical line a text editor shows, quoted line
// breaks and blank rows counted), the list checked whole through "Save as CSV", one far row found
// by the filter. Then the fixed file: clean, uploaded in one go, the 10,000 devices in the list.
// The expected problems are the planted ones: the file is generated here, row by row.
// Run: node tests/browser/import-messy.test.mjs   (env PHONEFLEET_SERVER, PHONEFLEET_ROOT optional)
import { readFileSync } from 'node:fs';
import path from 'node:path';
import {
  check, click, csvFile, dropFile, find, gone, grouped, launchBrowser, logIn, main, makeWorkDir, openClient, pageErrors, shot,
  startServer, typeInto, waitInPage, widgets,
} from './harness.mjs';

const FR = {
  login: { username: "Nom d'utilisateur", password: 'Mot de passe', button: 'Se connecter' },
  dialog: 'Importer des appareils', upload: 'Envoyer', close: 'Fermer', filter: 'Filtrer',
  save: 'Enregistrer en CSV', search: 'Rechercher',
  valid: (n) => `Lignes valides : ${grouped(n, 'fr')}`, problems: (n) => `Problèmes : ${grouped(n, 'fr')}`,
  imported: (n) => `${grouped(n, 'fr')} appareils importés.`, devices: (n) => `${grouped(n, 'fr')} appareils`,
};
const ROWS = 10_000;
const EVERY = 83;  // a planted problem on every 83rd device row

// Device i's MAC in one of the four notations, upper or lower case, sometimes with blanks around.
function macOf(i) {
  const h = `0A1B${i.toString(16).toUpperCase().padStart(8, '0')}`;
  const pairs = h.match(/../g);
  const written = [h, pairs.join(':'), pairs.join('-').toLowerCase(), h.match(/..../g).join('.').toLowerCase()][i % 4];
  return i % 17 === 0 ? ` ${written} ` : written;
}
const normalized = (i) => `0A1B${i.toString(16).toUpperCase().padStart(8, '0')}`;

// Device i as the administrator meant it (the fixed file), then with its planted problem, if any.
function cleanRow(i) {
  const lyon = i % 3 === 0;
  const site = lyon ? ['Lyon', ' lyon', 'LYON'][i % 9 / 3] : ['Paris', 'paris', 'PARIS '][(i >> 1) % 3];
  const dect = lyon && i % 7 === 0;
  const type = dect ? 'Yealink W60B' : ['Cisco 6821', 'cisco 6821', 'Yealink T54W'][i % 3];
  const comment = i % 50 === 0 ? '"Accueil; 2e étage"' : i % 125 === 0 ? '"Salle B\r\nprès de l\'ascenseur"' : '';
  return { mac: macOf(i), type, site, multicell: dect ? String(1 + (i % 9)) : '', comment };
}
const KINDS = ['mac_invalid', 'site_unknown', 'device_type_unknown', 'device_type_not_approved', 'field_missing',
  'mac_duplicate_in_file', 'multicell_not_dect'];
function plant(i, row) {
  const kind = KINDS[(i / EVERY) % KINDS.length];
  const bad = { ...row };
  if (kind === 'mac_invalid') {
    bad.mac = Math.floor(i / EVERY / KINDS.length) % 2
      ? `1565${String(i).padStart(6, '0')}`  // 001565… read by Excel as a number: its leading zeros dropped
      : `${normalized(i).slice(0, 10)}ZZ`;
  }
  if (kind === 'site_unknown') bad.site = 'Marseille';
  if (kind === 'device_type_unknown') bad.type = 'Cisco 9999';
  if (kind === 'device_type_not_approved') Object.assign(bad, { type: 'Poly VVX 450', site: 'Lyon', multicell: '' });
  if (kind === 'field_missing') bad.mac = '';
  if (kind === 'mac_duplicate_in_file') bad.mac = macOf(i - 37);  // never a planted row (i - 37 is not a multiple of 83)
  if (kind === 'multicell_not_dect') Object.assign(bad, { type: 'Cisco 6821', multicell: '3' });
  return { kind, bad };
}

// The file, and the planted problems as "row:code" (the row of each record: its first line).
function makeFile(withProblems) {
  const BOM = '\uFEFF';
  let text = `${BOM}Adresse MAC;Type d'appareil;Site;Identifiant station multicellule;Commentaire\r\n`;
  let line = 2;
  const expected = new Set();
  const rowOf = new Map();
  for (let i = 1; i <= ROWS; i += 1) {
    if (i % 1000 === 0) {  // Excel's blank row, and now and then a truly empty line
      text += i % 2000 === 0 ? '\r\n' : ';;;;\r\n';
      line += 1;
    }
    let row = cleanRow(i);
    rowOf.set(i, line);
    if (withProblems && i % EVERY === 0) {
      const { kind, bad } = plant(i, row);
      row = bad;
      expected.add(`${line}:${kind}`);
      if (kind === 'mac_duplicate_in_file') expected.add(`${rowOf.get(i - 37)}:${kind}`);
    }
    const end = i % 250 === 0 ? '\n' : '\r\n';
    text += `${row.mac};${row.type};${row.site};${row.multicell};${row.comment}${end}`;
    line += 1 + (row.comment.match(/\n/g) || []).length;
  }
  return { text, expected };
}

// Parses the saved problems (RFC 4180, `,`): "row:code" for each, and the header.
function savedProblems(text) {
  const records = [];
  let field = '', record = [], quoted = false;
  const body = text.replace(/^\uFEFF/, '');
  for (let k = 0; k < body.length; k += 1) {
    const c = body[k];
    if (quoted) {
      if (c === '"' && body[k + 1] === '"') { field += '"'; k += 1; } else if (c === '"') quoted = false; else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') { record.push(field); field = ''; } else if (c === '\n') { record.push(field.replace(/\r$/, '')); records.push(record); record = []; field = ''; } else field += c;
  }
  const [header, ...rows] = records;
  return { header: header.join(','), got: new Set(rows.map((r) => `${r[0]}:${r[3]}`)), rows };
}

await main(async () => {
  const db = path.join(makeWorkDir(), 'phonefleet.db');
  const base = await startServer(db);
  console.log(`     server at ${base}`);
  const browser = await launchBrowser();
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'fr-FR', acceptDownloads: true });
  const page = await openClient(context, base);
  await click(page, { role: 'button', label: 'FR' });
  await logIn(page, FR.login, 'client-admin', 'client-demo');
  await find(page, { role: 'button', label: 'Actions' });

  const messy = makeFile(true);
  const fixed = makeFile(false);
  const problemRows = new Set([...messy.expected].map((e) => Number(e.split(':')[0])));
  const validRows = ROWS - problemRows.size;
  console.log(`     messy file: ${ROWS} devices, ${(messy.text.length / 1e6).toFixed(2)} MB, ${messy.expected.size} problems planted on ${problemRows.size} rows`);

  // ---- dropped onto the page: every problem at once, by row ----
  await dropFile(page, csvFile('export-excel-10000.csv', messy.text));
  await find(page, { role: 'text', label: FR.problems(messy.expected.size), dialog: FR.dialog });
  await find(page, { role: 'text', label: FR.valid(validRows), dialog: FR.dialog });
  check(true, `the page lists ${messy.expected.size} problems and ${validRows} valid rows`);
  check(!(await find(page, { role: 'button', label: FR.upload, dialog: FR.dialog })).enabled, `${FR.upload} is disabled while problems remain`);
  await shot(page, 'import-messy-problems-fr');


  const [download] = await Promise.all([page.waitForEvent('download', { timeout: 20_000 }),
    click(page, { role: 'button', label: FR.save, dialog: FR.dialog })]);
  const saved = savedProblems(readFileSync(await download.path(), 'utf8'));
  const missing = [...messy.expected].filter((e) => !saved.got.has(e));
  const extra = [...saved.got].filter((e) => !messy.expected.has(e));
  check(saved.header === 'row,column,value,code,message', `the saved problems have the header "${saved.header}"`);
  check(missing.length === 0 && extra.length === 0 && saved.rows.length === messy.expected.size,
    `the saved list is exactly the planted problems, row by row (${saved.rows.length})`,
    `missing ${missing.slice(0, 10).join(' ')}; extra ${extra.slice(0, 10).join(' ')}`);
  const french = saved.rows.find((r) => r[3] === 'site_unknown');
  check(french && french[4].includes('Marseille') && /[éè]/.test(saved.rows.map((r) => r[4]).join('')),
    'the saved messages are in French, with accents', french && french[4]);
  const noMac = saved.rows.find((r) => r[3] === 'field_missing');
  check(noMac[1] === 'mac' && noMac[4] === 'Le champ Adresse MAC est obligatoire.',
    'the saved list keeps the canonical column, its message names the column as the file does', noMac.join(' | '));
  const zeros = saved.rows.find((r) => r[3] === 'mac_invalid' && /^\d+$/.test(r[2]));
  check(zeros && zeros[4].includes('zéros de tête') && zeros[4].includes('colonne Adresse MAC au format Texte'),
    'a MAC Excel turned into a number: its message says so, naming the column as the file does', zeros && zeros[4]);
  const unknownType = [...messy.expected].find((e) => e.endsWith(':device_type_unknown')).split(':')[0];
  const typeCells = (await widgets(page)).filter((w) => w.dialog === FR.dialog && w.role === 'cell' && w.row === unknownType).map((w) => w.label);
  check(typeCells.includes("Type d'appareil") && typeCells.includes('Cisco 9999'),
    `the table names the column as the file's header does (row ${unknownType}: ${typeCells.join(' | ')})`);

  // A message longer than its column: hovering it shows the whole message.
  const MULTICELL_NOT_DECT = saved.rows.find((r) => r[3] === 'multicell_not_dect')[4];
  const long = await find(page, { role: 'cell', dialog: FR.dialog, label: MULTICELL_NOT_DECT });
  await page.mouse.move(long.x + long.w / 2, long.y + long.h / 2);
  const tip = await find(page, { role: 'tooltip', label: MULTICELL_NOT_DECT });
  check(tip.w > 0 && tip.label.endsWith('DECT.'), `hovering the clipped message shows it whole: "${tip.label}"`);
  await shot(page, 'import-messy-tooltip-fr');
  const short = await find(page, { role: 'cell', dialog: FR.dialog, label: 'Marseille' });
  await page.mouse.move(short.x + short.w / 2, short.y + short.h / 2);
  await gone(page, { role: 'tooltip' });
  for (let i = 0; i < 5; i += 1) await page.evaluate(() => new Promise((r) => requestAnimationFrame(r)));
  check(!(await widgets(page)).some((w) => w.role === 'tooltip'), 'a cell that fits shows no tooltip');
  const excel = await find(page, { role: 'cell', dialog: FR.dialog, label: zeros[4] });
  await page.mouse.move(excel.x + excel.w / 2, excel.y + excel.h / 2);
  await find(page, { role: 'tooltip', label: zeros[4] });
  await shot(page, 'import-messy-excel-number-fr');
  await page.mouse.move(5, 790);

  // The last invalid MAC of the file, found by the filter among all the problems.
  const lastBad = [...messy.expected].filter((e) => e.endsWith(':mac_invalid')).map((e) => Number(e.split(':')[0])).pop();
  const lastBadValue = saved.rows.find((r) => Number(r[0]) === lastBad)[2];
  await typeInto(page, { role: 'input', label: FR.filter, dialog: FR.dialog }, lastBadValue);
  await waitInPage(page, `only row ${lastBad} under the filter`, ([d, row]) => {
    const rows = new Set(window.phonefleet.widgets().filter((w) => w.dialog === d && w.role === 'cell'
      && !w.row.startsWith('warning/')).map((w) => w.row));  // the problems' table, not the warnings'
    return rows.size === 1 && rows.has(row);
  }, [FR.dialog, String(lastBad)]);
  check(true, `the filter "${lastBadValue}" finds row ${lastBad}, near the end of the file`);
  await shot(page, 'import-messy-filter-fr');
  await click(page, { role: 'button', label: FR.close, dialog: FR.dialog });
  await gone(page, { dialog: FR.dialog });

  // ---- the same export saved by Excel on Windows (Windows-1252, not UTF-8) reads alike ----
  const cp1252 = Buffer.from('Adresse MAC;Modèle;Site\r\n0A1B00100001;Cisco 6821;Paris\r\n' +
    '0A1B00100002;Cisco 6821;Créteil\r\n0A1B00100003;Téléphone X;Paris\r\n', 'latin1');
  await dropFile(page, { name: 'export-windows.csv', mimeType: 'text/csv', buffer: cp1252 });
  await find(page, { role: 'text', label: FR.problems(2), dialog: FR.dialog });
  await find(page, { role: 'text', label: FR.valid(1), dialog: FR.dialog });
  const cpCells = (await widgets(page)).filter((w) => w.dialog === FR.dialog && w.role === 'cell').map((w) => w.label);
  check(['Créteil', 'Téléphone X', 'Modèle'].every((c) => cpCells.includes(c)),
    `a Windows-1252 file: its accents read right (${cpCells.join(' | ')})`);
  await shot(page, 'import-messy-windows1252-fr');
  await click(page, { role: 'button', label: FR.close, dialog: FR.dialog });
  await gone(page, { dialog: FR.dialog });

  // ---- the fixed file: clean, imported in one go ----
  await dropFile(page, csvFile('export-excel-10000-corrigé.csv', fixed.text));
  await find(page, { role: 'text', label: FR.valid(ROWS), dialog: FR.dialog });
  await find(page, { role: 'text', label: FR.problems(0), dialog: FR.dialog });
  check(true, 'the fixed file is clean for the page too (10,000 valid rows, no problem)');
  const started = Date.now();
  await click(page, { role: 'button', label: FR.upload, dialog: FR.dialog });
  await find(page, { role: 'notification', label: FR.imported(ROWS) });
  await gone(page, { dialog: FR.dialog });
  check(true, `uploaded in one go: "${FR.imported(ROWS)}" after ${Date.now() - started} ms (from the click)`);
  await typeInto(page, { role: 'input', label: FR.search, dialog: null }, '0A1B');
  await find(page, { role: 'text', label: FR.devices(ROWS) });
  const listed = (await widgets(page)).filter((w) => w.role === 'cell' && /^0A:1B(:[0-9A-F]{2}){4}$/.test(w.label)).map((w) => w.label.replace(/:/g, ''));
  check(listed.length > 0 && listed.includes(normalized(1)), `the list holds the ${ROWS} new devices (first rows: ${listed.slice(0, 3).join(', ')})`);
  await shot(page, 'import-messy-success-fr');

  check(pageErrors.length === 0, 'no uncaught error in the page', pageErrors.join(' | '));
}, 200_000);
