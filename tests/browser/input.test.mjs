// Browser test of input order (issue 20): at a device pixel ratio of 2 under software WebGL, where
// a frame takes far longer than a key, keys typed at 25 a second and a click right after them
// land where they were typed (the user name whole in its field, the password in its own), with
// no wait for the client between them; Tab moves to the next field, Enter submits the login
// form, Escape closes the dialog on top. Screenshot: build/screenshots/input-*.png.
// Run: node tests/browser/input.test.mjs   (env PHONEFLEET_SERVER, PHONEFLEET_ROOT optional)
import path from 'node:path';
import {
  check, click, find, gone, launchBrowser, main, makeWorkDir, openClient, shot, startServer, waitInPage,
} from './harness.mjs';

const L = { username: 'User name', password: 'Password', add: 'Add device', logout: 'Log out' };
const KEY_DELAY_MS = 40;  // 25 keys a second, a quick typist

// Mean time between animation frames over `ms` (what the page draws at, printed for context).
const frameMs = (page, ms) => page.evaluate((span) => new Promise((resolve) => {
  const t = [];
  const tick = (now) => { t.push(now); if (now - t[0] < span) requestAnimationFrame(tick); else resolve((t[t.length - 1] - t[0]) / (t.length - 1)); };
  requestAnimationFrame(tick);
}), ms);

// At ratio 2. Under software WebGL (this browser's) the client draws at ratio 1 unless told
// otherwise: `full` lifts that cap, for the slow frames the input order is tested against.
async function newPage(browser, base, full = true) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, deviceScaleFactor: 2, locale: 'en-US' });
  if (full) await context.addInitScript(() => { window.phonefleetFullResolution = true; });
  return openClient(context, base);
}

const centre = (w) => ({ x: w.x + w.w / 2, y: w.y + w.h / 2 });

main(async () => {
  const base = await startServer(path.join(makeWorkDir(), 'input.db'));
  const browser = await launchBrowser();

  // Typed, then clicked, then typed, then Enter: nothing waits for the client in between.
  let page = await newPage(browser, base);
  const user = await find(page, { role: 'input', label: L.username });
  const pass = await find(page, { role: 'input', label: L.password });
  let p = centre(user);
  await page.mouse.click(p.x, p.y);
  const typing = page.keyboard.type('client-admin', { delay: KEY_DELAY_MS });
  const drawn = frameMs(page, 400);
  await typing;
  p = centre(pass);
  await page.mouse.click(p.x, p.y);  // press and release between two frames
  await page.keyboard.type('client-demo', { delay: KEY_DELAY_MS });
  await page.keyboard.press('Enter');
  console.log(`     frames every ${(await drawn).toFixed(0)} ms while typing at DPR 2 (a key every ${KEY_DELAY_MS} ms)`);
  await waitInPage(page, 'the devices view (user name and password each whole in its field)',
    () => window.phonefleet.view() === 'devices');
  check(true, 'keys typed at 25/s, a click, more keys and Enter: logged in as client-admin');
  await find(page, { role: 'button', label: L.logout });

  // Escape closes the dialog on top.
  await click(page, { role: 'button', label: L.add });
  await find(page, { dialog: L.add }, 'the Add device dialog');
  await shot(page, 'input-dialog-open');
  await page.keyboard.press('Escape');
  await gone(page, { dialog: L.add }, 'the Add device dialog');
  check(true, 'Escape closed the Add device dialog');
  await page.context().close();

  // Tab from the user name to the password, Enter to log in.
  page = await newPage(browser, base);
  p = centre(await find(page, { role: 'input', label: L.username }));
  await page.mouse.click(p.x, p.y);
  await page.keyboard.type('client-admin', { delay: KEY_DELAY_MS });
  await page.keyboard.press('Tab');
  await page.keyboard.type('client-demo', { delay: KEY_DELAY_MS });
  await page.keyboard.press('Enter');
  await waitInPage(page, 'the devices view after Tab and Enter', () => window.phonefleet.view() === 'devices');
  check(true, 'Tab moved from the user name to the password, Enter logged in');
  await shot(page, 'input-logged-in');
  const fullMs = await frameMs(page, 1000);
  await page.context().close();

  // The same screen as the browser gives it: software WebGL draws at ratio 1.
  page = await newPage(browser, base, false);
  const renderer = await page.evaluate(() => window.phonefleet.renderer());
  const width = await page.evaluate(() => document.getElementById('canvas').width);
  check(!renderer.software || width === 1280, `software WebGL (${renderer.name}): the canvas is drawn at ratio 1 (${width} px wide)`);
  const cappedMs = await frameMs(page, 1000);
  console.log(`     login page at DPR 2, a frame every ${fullMs.toFixed(0)} ms at full resolution, ${cappedMs.toFixed(0)} ms at ratio 1`);
  await shot(page, 'input-software-ratio-1');
}, 180_000);
