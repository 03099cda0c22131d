// The workspace at a laptop's 1280 × 800: the window never scrolls, the person's own connections
// stay in view in the navigator however many lab connections there are, every pane resizes by
// mouse and keyboard and keeps its size across a reload, nothing overflows its card, and the
// tools are one click away in the activity bar.
import type { Locator, Page } from '@playwright/test';
import { expect, test } from './fixtures';
import type { ScopePage } from './support/scope-page';

test.use({ viewport: { width: 1280, height: 800 } });

/** A loaded 2-core machine: a lab run can take a while. */
const RUN_TIMEOUT_MS = 120_000;

const DIVIDERS = ['Resize the navigator', 'Resize the summary', 'Resize the packet list', 'Resize the field tree and bytes', 'Resize the drawer'] as const;

/** Where each divider and each pane is, rounded to the pixel. */
async function layoutOf(scope: ScopePage, page: Page) {
  const boxOf = async (locator: Locator) => {
    const box = (await locator.boundingBox())!;
    return { x: Math.round(box.x), y: Math.round(box.y), width: Math.round(box.width), height: Math.round(box.height) };
  };
  const details = scope.region('Packet details');
  const panes: Record<string, Locator> = {
    navigator: scope.region('Navigator'),
    packets: scope.packets,
    'field tree': details.getByRole('tree', { name: 'Fields' }),
    bytes: details.getByRole('group', { name: 'Bytes', exact: true }),
    drawer: scope.region('Live actions'),
  };
  const boxes: Record<string, Awaited<ReturnType<typeof boxOf>>> = {};
  for (const name of DIVIDERS) boxes[name] = await boxOf(page.getByRole('separator', { name, exact: true }));
  for (const [name, pane] of Object.entries(panes)) boxes[name] = await boxOf(pane);
  return boxes;
}

/** Drags the divider `name` by (dx, dy) with the mouse. */
async function drag(page: Page, name: string, dx: number, dy: number): Promise<void> {
  const box = (await page.getByRole('separator', { name, exact: true }).boundingBox())!;
  const x = box.x + box.width / 2;
  const y = box.y + box.height / 2;
  await page.mouse.move(x, y);
  await page.mouse.down();
  await page.mouse.move(x + dx / 2, y + dy / 2, { steps: 4 });
  await page.mouse.move(x + dx, y + dy, { steps: 4 });
  await page.mouse.up();
}

/** The connection view of a CONNECT packet, with the live-actions drawer open under it. */
async function connectionWithDrawer(scope: ScopePage, host: string, port: number, clientId: string): Promise<void> {
  await scope.fill({ host, port, clientId });
  await scope.connect();
  await expect(scope.connackValue('Return code')).toHaveText('0 Connection accepted');
  await scope.packetRow('CONNECT', 'Client → Broker').click();
  await expect(scope.region('Packet details').getByRole('tree', { name: 'Fields' })).toBeVisible();
  await scope.openDrawer('Publish');
}

test('two lab runs plus 100 own connections: the person’s connections stay in view in the navigator, the runs folded, one found by its client id', async ({ scope, mosquitto, page }) => {
  test.setTimeout(600_000);
  const broker = await mosquitto();

  // The person's own hundred, each by the form's Connect.
  await scope.fill({ host: broker.host, port: broker.port });
  const clientIds = Array.from({ length: 100 }, (_, index) => `own-${String(index).padStart(3, '0')}`);
  const status = page.getByRole('status', { name: 'Connection status' });
  for (const clientId of clientIds) {
    await scope.fill({ clientId });
    await scope.connect();
    // Shown once the engine has it: the next one is made in the form after that.
    await expect(status).toContainText(`${clientId} · `);
  }
  const tree = page.getByRole('tree', { name: 'Connections and sessions' });
  const own = tree.getByRole('treeitem', { name: /^This app \(/ });
  await expect(own).toHaveAccessibleName(/^This app \(100 connections, 100 recording\)$/);

  // Two runs of every experiment against the local broker: dozens of connections each.
  await scope.showView('Broker');
  await scope.region('Broker').getByRole('button', { name: 'Start broker' }).click();
  await expect(scope.region('Broker')).toContainText('Embedded broker running on 127.0.0.1:');
  await scope.showView('Lab');
  const lab = scope.region('Lab');
  await expect(lab.getByLabel('Broker to test')).toHaveValue('local');
  for (let run = 0; run < 2; run++) {
    await lab.getByRole('button', { name: 'Run all' }).click();
    await expect(lab.getByRole('status', { name: 'Lab status' })).toHaveText(/^Running /);
    await expect(lab.getByRole('status', { name: 'Lab status' })).toHaveText(/^\d+ shown: /, { timeout: RUN_TIMEOUT_MS });
  }

  // The person's group comes first, open, its first rows in view: the navigator was not scrolled.
  const navigator = scope.region('Navigator');
  await expect(own).toHaveAttribute('aria-expanded', 'true');
  await expect(own).toBeInViewport();
  await expect(own).toHaveAccessibleName(/^This app \(100 connections\b/);
  const navigatorBox = (await navigator.boundingBox())!;
  for (const clientId of clientIds.slice(0, 8)) {
    const item = scope.navigatorItem(`${clientId} · ${broker.host}:${broker.port}, `);
    await expect(item).toBeInViewport();
    await expect(item).toHaveAttribute('aria-level', '2');
    const box = (await item.boundingBox())!;
    expect(box.y + box.height).toBeLessThanOrEqual(navigatorBox.y + navigatorBox.height);
  }

  // The lab runs, at the tree's end: each a folded node under "Lab runs", none of their
  // connections listed among the person's.
  await scope.navigatorItem(`own-000 · `).focus();
  await page.keyboard.press('End');
  const labRuns = tree.getByRole('treeitem', { name: /^Lab runs \(/ });
  await expect(labRuns).toBeInViewport();
  await expect(labRuns).toHaveAttribute('aria-expanded', 'true');
  const runs = tree.getByRole('treeitem', { name: /^Lab run \d\d:\d\d:\d\d(?: #\d+)? \(\d+ connections\b/ });
  await expect(runs).toHaveCount(2);
  // Under "Lab runs": its next two rows (the tree's rows are drawn in order).
  const underLabRuns = labRuns.locator('xpath=following-sibling::*[@role="treeitem"][position() <= 2]');
  await expect(underLabRuns).toHaveCount(2);
  for (let index = 0; index < 2; index++) await expect(underLabRuns.nth(index)).toHaveAccessibleName((await runs.nth(index).getAttribute('aria-label'))!);
  for (const run of await runs.all()) {
    await expect(run).toHaveAttribute('aria-expanded', 'false');
    await expect(run).toHaveAttribute('aria-level', '2');
    // Every experiment opens at least one connection, and the broker's side is there too.
    const count = Number(/\((\d+) connections/.exec((await run.getAttribute('aria-label'))!)![1]);
    expect(count).toBeGreaterThanOrEqual(20);
  }
  await expect(tree.locator('[role="treeitem"][aria-level="3"]')).toHaveCount(0);

  // Filtering by a client id finds that one connection, in view.
  await navigator.getByRole('searchbox', { name: 'Filter connections and sessions' }).fill('own-073');
  const items = tree.getByRole('treeitem', { name: / · / });
  await expect(items).toHaveCount(1);
  await expect(items).toHaveAccessibleName(new RegExp(`^own-073 · ${broker.host}:${broker.port}, `));
  await expect(items).toBeInViewport();
  await items.click();
  await expect(status).toContainText(`own-073 · ${broker.host}:${broker.port}`);
});

test('panes resize by mouse and keyboard and keep their sizes across a reload', async ({ scope, mosquitto, page }) => {
  const broker = await mosquitto();
  await connectionWithDrawer(scope, broker.host, broker.port, 'panes');
  await scope.disconnect();
  const before = await layoutOf(scope, page);

  // By mouse: the navigator wider, the field tree narrower.
  await drag(page, 'Resize the navigator', 120, 0);
  await drag(page, 'Resize the field tree and bytes', -80, 0);
  // By keyboard: the summary and the packet list taller, the drawer taller.
  await page.getByRole('separator', { name: 'Resize the summary', exact: true }).focus();
  await page.keyboard.press('ArrowDown');
  await page.getByRole('separator', { name: 'Resize the packet list', exact: true }).focus();
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  await page.getByRole('separator', { name: 'Resize the drawer', exact: true }).focus();
  await page.keyboard.press('ArrowUp');
  const resized = await layoutOf(scope, page);

  expect(resized.navigator.width - before.navigator.width).toBeGreaterThan(100);
  // The main area lost the navigator's gain: the field tree's share of what is left shrank.
  const treeShare = (layout: typeof before) => layout['field tree'].width / (layout['field tree'].width + layout.bytes.width);
  expect(treeShare(resized)).toBeLessThan(treeShare(before) - 0.05);
  expect(resized.bytes.width).toBeGreaterThan(before.bytes.width);
  expect(resized['Resize the summary'].y).toBeGreaterThan(before['Resize the summary'].y);
  expect(resized.packets.height).toBeGreaterThan(before.packets.height);
  expect(resized.drawer.height).toBeGreaterThan(before.drawer.height);
  expect(resized['Resize the drawer'].y).toBeLessThan(before['Resize the drawer'].y);

  // After a reload, the same connection opened from the navigator shows every pane where it was.
  await page.reload();
  await expect(page.getByRole('button', { name: 'Connect', exact: true })).toBeEnabled();
  await scope.navigatorItem(`panes · ${broker.host}:${broker.port}`).click();
  await scope.packetRow('CONNECT', 'Client → Broker').click();
  await expect(scope.region('Packet details').getByRole('tree', { name: 'Fields' })).toBeVisible();
  await expect(scope.region('Live actions')).toBeVisible();
  // Asked until it holds: the reopened session's header and story load after its panes appear.
  await expect.poll(() => layoutOf(scope, page)).toEqual(resized);
});

test('the navigator folds away and comes back from the activity bar, as wide as it was', async ({ scope, page }) => {
  const navigator = scope.region('Navigator');
  const toggle = page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name: 'Navigator', exact: true });
  const main = page.getByRole('main', { name: 'Main view' });
  await expect(navigator).toBeVisible();
  await expect(toggle).toHaveAttribute('aria-expanded', 'true');
  const shown = (await navigator.boundingBox())!;
  const mainShown = (await main.boundingBox())!;

  await toggle.click();
  await expect(navigator).toBeHidden();
  await expect(toggle).toHaveAttribute('aria-expanded', 'false');
  await expect(navigator.getByRole('searchbox', { name: 'Filter connections and sessions' })).not.toBeInViewport();
  // Out of the keyboard's way too: F6 goes to the main view, not to the folded navigator.
  await page.keyboard.press('F6');
  await expect(main.locator(':focus').or(main.and(page.locator(':focus')))).toHaveCount(1);
  await expect(navigator.locator(':focus')).toHaveCount(0);
  // The main view takes the room.
  await expect.poll(async () => (await main.boundingBox())!.width).toBeGreaterThan(mainShown.width + shown.width - 20);

  await toggle.click();
  await expect(navigator).toBeVisible();
  await expect(toggle).toHaveAttribute('aria-expanded', 'true');
  await expect.poll(async () => Math.round((await navigator.boundingBox())!.width)).toBe(Math.round(shown.width));
  await expect(navigator.getByRole('searchbox', { name: 'Filter connections and sessions' })).toBeInViewport();
});

test('after a handshake the window does not scroll: status, CONNACK, packets and Packet details are all in view', async ({ scope, mosquitto, page }) => {
  const broker = await mosquitto();
  await scope.fill({ host: broker.host, port: broker.port, clientId: 'few-packets', subscriptions: 'a 0' });
  await scope.connect();
  await expect(scope.packetRow('SUBACK', 'Broker → Client')).toHaveCount(1);
  await scope.packetRow('CONNECT', 'Client → Broker').click();

  const details = scope.region('Packet details');
  await expect(details.getByRole('heading', { name: 'CONNECT packet' })).toBeInViewport();
  await expect(page.getByRole('status', { name: 'Connection status' })).toBeInViewport();
  await expect(scope.connack).toBeInViewport();
  await expect(scope.packetRow('SUBACK', 'Broker → Client')).toBeInViewport();
  const box = (await details.boundingBox())!;
  expect(box.y + box.height).toBeLessThanOrEqual(800);
  const page_ = await page.evaluate(() => ({ scrollTop: document.scrollingElement!.scrollTop, scrollHeight: document.scrollingElement!.scrollHeight, height: innerHeight }));
  expect(page_.scrollTop).toBe(0);
  expect(page_.scrollHeight).toBeLessThanOrEqual(page_.height);
});

test('the asked/granted table of an MQTT 5 CONNACK fits its card', async ({ scope, mosquitto, page }) => {
  const broker = await mosquitto();
  await scope.fill({ version: '5', host: broker.host, port: broker.port, clientId: 'asked-granted-with-a-long-client-id' });
  await scope.openSection('MQTT 5 properties');
  await page.getByLabel('Session expiry interval', { exact: true }).fill('3600');
  await page.getByLabel('Receive maximum', { exact: true }).fill('20');
  await page.getByLabel('Maximum packet size', { exact: true }).fill('268435455');
  await page.getByLabel('Topic alias maximum', { exact: true }).fill('10');
  await scope.connect();
  const table = scope.connack.getByRole('table', { name: 'CONNECT and CONNACK properties' });
  await expect(table).toBeVisible();
  const fit = await scope.connack.evaluate((card) => {
    const tableBox = card.querySelector('table')!.getBoundingClientRect();
    const cardBox = card.getBoundingClientRect();
    return { scrollWidth: card.scrollWidth, clientWidth: card.clientWidth, tableRight: tableBox.right, cardRight: cardBox.right };
  });
  expect(fit.scrollWidth).toBeLessThanOrEqual(fit.clientWidth);
  expect(fit.tableRight).toBeLessThanOrEqual(fit.cardRight);
});

test('the broker and proxy views are one click away in the activity bar, their controls in view', async ({ scope, page }) => {
  await scope.showView('Broker');
  await expect(scope.region('Broker').getByRole('heading', { name: 'Broker', exact: true })).toBeInViewport();
  await expect(scope.region('Broker').getByRole('button', { name: 'Start broker' })).toBeInViewport();

  await scope.showView('Proxy');
  await expect(scope.region('Recording proxy').getByRole('heading', { name: 'Recording proxy' })).toBeInViewport();
  await expect(scope.region('Recording proxy').getByRole('button', { name: 'Start proxy' })).toBeInViewport();

  await scope.showView('New connection');
  await expect(page.getByRole('heading', { name: 'New connection', exact: true })).toBeInViewport();
  await expect(page.getByRole('button', { name: 'Connect', exact: true })).toBeInViewport();
});

test('the proxy panel\'s labels and fields line up in a grid', async ({ scope }) => {
  await scope.showView('Proxy');
  const panel = scope.region('Recording proxy');
  await expect(panel.getByRole('button', { name: 'Start proxy' })).toBeVisible();
  const boxes = [];
  for (const name of ['Forward to host', 'Forward to port', 'Listen port']) {
    const input = (await panel.getByLabel(name, { exact: true }).boundingBox())!;
    const label = (await panel.locator('label', { hasText: name }).boundingBox())!;
    boxes.push({ input, label });
  }
  // One column of labels, one of fields: the same left edge and width for every field, each
  // label beside its field and no two labels on top of each other.
  for (const { input, label } of boxes) {
    expect(input.x).toBeCloseTo(boxes[0].input.x, 0);
    expect(input.width).toBeCloseTo(boxes[0].input.width, 0);
    expect(label.x).toBeCloseTo(boxes[0].label.x, 0);
    expect(label.x + label.width).toBeLessThanOrEqual(input.x);
    const middle = label.y + label.height / 2;
    expect(middle).toBeGreaterThan(input.y);
    expect(middle).toBeLessThan(input.y + input.height);
  }
});

test('two connections with the same client id get navigator rows with different names', async ({ scope, mosquitto, page }) => {
  const broker = await mosquitto();
  await scope.fill({ host: broker.host, port: broker.port, clientId: 'twice' });
  await scope.connect();
  await expect(scope.connackValue('Return code')).toHaveText('0 Connection accepted');
  await scope.disconnect();
  await scope.connect();
  await expect(scope.connackValue('Return code')).toHaveText('0 Connection accepted');

  const base = `twice · ${broker.host}:${broker.port}`;
  const rows = scope.navigatorItem(base);
  await expect(rows).toHaveCount(2);
  await expect(rows.nth(0)).toHaveAccessibleName(new RegExp(`^${base.replace(/\./g, '\\.')}, `));
  await expect(rows.nth(1)).toHaveAccessibleName(new RegExp(`^${base.replace(/\./g, '\\.')} #2, `));
  await expect(rows.nth(1)).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByRole('status', { name: 'Connection status' })).toContainText(`${base} #2`);
});
