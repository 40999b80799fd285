// Browser test of the live device status and reboot (issue 6; F2, F3, F4) against real SIP:
// the server and the demo's simulated phones on loopback. Opening the status of a registered
// phone that stopped answering shows the probe's spinner while the OPTIONS waits, then
// "unreachable" and the phone Aged;
// a phone that answers is shown reachable with its RTT; rebooting it from the Actions menu
// shows the reboot sent, accepted by the phone, then confirmed when the phone registers again.
// Screenshots in build/screenshots/reboot-live-*.png and probe-*.png.
// Run: node tests/browser/reboot.test.mjs   (env PHONEFLEET_SERVER, PHONEFLEET_ROOT optional)
import path from 'node:path';
import {
  check, click, find, gone, launchBrowser, logIn, main, makeWorkDir, openClient, shot, startFleet, startServer,
  typeInto, waitInPage,
} from './harness.mjs';

const L = {
  login: { username: 'User name', password: 'Password', button: 'Log in' },
  search: 'Search', actions: 'Actions', status: 'Device status', reboot: 'Reboot device', rebootButton: 'Reboot',
  close: 'Close', probing: 'Probing the phone now (SIP OPTIONS)…',
};
const ONLINE = '001E4A0A0001';     // the demo fleet's phone that answers and reboots
const SILENT = '001E4A0A0002';     // registered once for a minute, then answers nothing
const PROBE_TIMEOUT_MS = 2500;
const ZONE = 'Europe/Paris';
// Unix seconds as the client writes them in ZONE: "2026-12-07 21:03:04 Europe/Paris".
const inZone = (seconds) => `${new Intl.DateTimeFormat('sv-SE', { timeZone: ZONE, year: 'numeric', month: '2-digit',
  day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' }).format(seconds * 1000)} ${ZONE}`;

async function findDevice(page, mac, state) {
  await typeInto(page, { role: 'input', label: L.search }, mac.slice(6));
  // The answer to the whole search, not to a part of it still being typed: the rows of a
  // partial answer move when the last one arrives, under the mouse about to click them.
  await find(page, { role: 'text', label: '1 device' }, 'the list narrowed to one device');
  await find(page, { role: 'cell', label: state, row: mac }, `${mac} listed as ${state}`);
}

main(async () => {
  const dir = makeWorkDir();
  const base = await startServer(path.join(dir, 'reboot.db'), ['--sip-min-expires', '2',
    '--sip-probe-timeout-ms', String(PROBE_TIMEOUT_MS), '--reboot-confirm-window-s', '60']);
  startFleet(['--vanishing-expires', '60']);

  const browser = await launchBrowser();
  // An administrator in Paris: times are shown in the browser's zone, named (the API keeps UTC).
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'en-US', timezoneId: ZONE });
  const page = await openClient(context, base);
  await logIn(page, L.login, 'client-admin', 'client-demo');

  // A registered phone that stopped answering: the probe's spinner while the OPTIONS waits, then
  // the answer: unreachable, and the phone Aged (SPEC 3).
  await findDevice(page, SILENT, 'Registered');
  await click(page, { role: 'button', label: L.actions, row: SILENT });
  await click(page, { role: 'menu-item', label: L.status, row: SILENT });
  await find(page, { role: 'spinner', dialog: L.status }, 'the probe spinner');
  await find(page, { role: 'text', label: L.probing, dialog: L.status }, 'what the spinner is for');
  await shot(page, 'probe-running');
  // The status arrives with the probe's answer, after the timeout.
  const probe = await find(page, { role: 'cell', row: 'probe', dialog: L.status }, 'the probe result');
  await gone(page, { role: 'spinner', dialog: L.status }, 'the probe spinner');
  check(/^Unreachable/.test(probe.label), 'a silent phone is probed unreachable', probe.label);
  await find(page, { role: 'cell', row: 'state', label: 'Aged', dialog: L.status }, 'the silent phone now Aged');
  await shot(page, 'probe-unreachable');
  await click(page, { role: 'button', label: L.close, dialog: L.status });
  await gone(page, { dialog: L.status });

  // A phone that answers: reachable, with its round-trip time.
  await findDevice(page, ONLINE, 'Registered');
  await click(page, { role: 'button', label: L.actions, row: ONLINE });
  await click(page, { role: 'menu-item', label: L.status, row: ONLINE });
  const reachable = await waitInPage(page, 'a reachable probe', (d) => window.phonefleet.widgets().find((w) =>
    w.dialog === d && w.row === 'probe' && w.role === 'cell' && /^Reachable/.test(w.label)), L.status);
  console.log(`     probe: "${reachable.label}"`);
  const status = await page.evaluate((mac) => fetch(`/api/v1/devices/${mac}/status`).then((r) => r.json()), ONLINE);
  const shown = await find(page, { role: 'cell', row: 'registered_at', dialog: L.status }, 'the registration time');
  // The phone may have registered again between the dialog and this fetch: within a few minutes.
  const asUtc = (label) => Date.parse(`${label.slice(0, 19).replace(' ', 'T')}Z`) / 1000;
  const offset = asUtc(inZone(status.registered_at)) - status.registered_at;  // +3600 in winter
  check(shown.label.endsWith(` ${ZONE}`) && Math.abs(asUtc(shown.label) - offset - status.registered_at) <= 300,
    `the registration time in the browser's zone, named: "${shown.label}" (the API: ${status.registered_at} = ${inZone(status.registered_at)})`);
  await shot(page, 'probe-reachable');
  await click(page, { role: 'button', label: L.close, dialog: L.status });
  await gone(page, { dialog: L.status });

  // Reboot it: sent, accepted by the phone, then confirmed when it registers again.
  await click(page, { role: 'button', label: L.actions, row: ONLINE });
  await click(page, { role: 'menu-item', label: L.reboot, row: ONLINE });
  await click(page, { role: 'button', label: L.rebootButton, dialog: L.reboot });
  await find(page, { role: 'text', row: 'reboot_sent', dialog: L.reboot }, 'the reboot sent');
  const accepted = await find(page, { role: 'text', row: 'reboot_accepted', dialog: L.reboot }, 'the reboot accepted');
  check(/^Accepted by the phone \(200/.test(accepted.label), 'the phone accepted with 200', accepted.label);
  await find(page, { role: 'text', row: 'reboot_waiting', dialog: L.reboot }, 'waiting for the phone to register again');
  await shot(page, 'reboot-live-waiting');
  const confirmed = await find(page, { role: 'text', row: 'reboot_confirmed', dialog: L.reboot },
    'the reboot confirmed by a new REGISTER');
  check(/^Confirmed: the phone registered again/.test(confirmed.label), 'the reboot is confirmed', confirmed.label);
  await find(page, { role: 'notification', label: `Reboot of ${ONLINE} confirmed: the phone registered again.` });
  await shot(page, 'reboot-live-confirmed');
  await click(page, { role: 'button', label: L.close, dialog: L.reboot });
  await gone(page, { dialog: L.reboot });

  // The status panel keeps the reboot's outcome.
  await click(page, { role: 'button', label: L.actions, row: ONLINE });
  await click(page, { role: 'menu-item', label: L.status, row: ONLINE });
  const last = await find(page, { role: 'cell', row: 'reboot', dialog: L.status }, 'the last reboot in the status');
  check(last.label.startsWith('confirmed'), 'the status shows the reboot confirmed', last.label);
}, 180_000);
