// Browser test of the accessible mirror (issue 20): Chromium's own accessibility tree, what a
// screen reader reads (CDP Accessibility.getFullAXTree), lists the Devices tab with its heading
// and tabs, and the device rows each with its Actions button; an Actions button found there is
// pressed through its node, as a screen reader's default action does, and the device's Actions
// menu opens on the canvas. Screenshot: build/screenshots/a11y-actions-menu.png.
// Run: node tests/browser/a11y.test.mjs   (env PHONEFLEET_SERVER, PHONEFLEET_ROOT optional)
import path from 'node:path';
import {
  check, find, launchBrowser, logIn, main, makeWorkDir, openClient, shot, startServer, waitInPage, widgets,
} from './harness.mjs';

const L = { username: 'User name', password: 'Password', button: 'Log in' };

// Chromium's accessibility tree: nodes by id, each with its role, name and parent.
async function axTree(cdp) {
  const { nodes } = await cdp.send('Accessibility.getFullAXTree');
  const byId = new Map(nodes.map((n) => [n.nodeId, n]));
  const parentOf = new Map();
  for (const n of nodes) for (const c of n.childIds || []) parentOf.set(c, n.nodeId);
  const role = (n) => n.role?.value;
  const name = (n) => n.name?.value;
  const ancestor = (n, r) => {
    for (let id = parentOf.get(n.nodeId); id; id = parentOf.get(id)) if (role(byId.get(id)) === r) return byId.get(id);
    return null;
  };
  return { nodes, role, name, ancestor };
}

main(async () => {
  const base = await startServer(path.join(makeWorkDir(), 'a11y.db'));
  const browser = await launchBrowser();
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'en-US' });
  const page = await openClient(context, base);
  await logIn(page, L, 'client-admin', 'client-demo');
  const rows = (await find(page, { role: 'button', label: 'Actions' }), (await widgets(page))
    .filter((w) => w.role === 'button' && w.label === 'Actions').map((w) => w.row));
  const cdp = await context.newCDPSession(page);
  await cdp.send('Accessibility.enable');

  // The mirror follows the frames a few times a second.
  const tree = await waitInPage(page, 'the mirror', (n) => document.querySelectorAll('#a11y-mirror [role=row] button').length >= n,
    rows.length).then(() => axTree(cdp));
  const { nodes, role, name, ancestor } = tree;
  check(nodes.some((n) => role(n) === 'heading' || role(n) === 'tab'), 'the accessibility tree has the page\'s tabs',
    nodes.filter((n) => role(n) === 'tab').map(name).join(', '));
  check(nodes.some((n) => role(n) === 'tab' && name(n) === 'Device list'), 'the "Device list" tab is in the accessibility tree');
  check(nodes.some((n) => role(n) === 'button' && name(n) === 'Add device'), 'the "Add device" button is in the accessibility tree');
  check(nodes.some((n) => role(n) === 'textbox' && name(n) === 'Search'), 'the Search field is in the accessibility tree');
  const actions = nodes.filter((n) => role(n) === 'button' && name(n) === 'Actions');
  const rowsOfActions = actions.map((n) => name(ancestor(n, 'row') || {}));
  check(rows.every((mac) => rowsOfActions.includes(mac)),
    `every device row on screen has its Actions button in the accessibility tree (${actions.length} rows, each named by its MAC)`,
    `${rows.join(',')} vs ${rowsOfActions.join(',')}`);
  const headerCells = nodes.filter((n) => role(n) === 'columnheader').map(name);
  check(headerCells.some((h) => h.startsWith('MAC address')), 'the table\'s column headers are there', headerCells.join(', '));

  // Press the second row's Actions through its accessibility node.
  const target = actions[1];
  const mac = name(ancestor(target, 'row'));
  const { object } = await cdp.send('DOM.resolveNode', { backendNodeId: target.backendDOMNodeId });
  await cdp.send('Runtime.callFunctionOn', { objectId: object.objectId, functionDeclaration: 'function () { this.click(); }' });
  await find(page, { role: 'menu-item', label: 'Device status', row: mac }, `the Actions menu of ${mac}`);
  check(true, `pressing ${mac}'s Actions in the accessibility tree opened its Actions menu on the canvas`);
  await shot(page, 'a11y-actions-menu');
  await waitInPage(page, 'the menu in the mirror', () =>
    [...document.querySelectorAll('#a11y-mirror [role=menuitem]')].some((b) => b.textContent === 'Device status'));
  check(true, 'the open menu\'s items are in the mirror too');
}, 120_000);
