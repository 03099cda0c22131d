// The workspace by keyboard alone, with real key presses: F6 / Shift+F6 from pane to pane, the
// app's shortcuts (connect, disconnect, j / k, the drawer, the palette), the timeline as one tab
// stop moved with the arrow keys, the field tree as one tab stop lighting the bytes it chooses.
import type { Locator, Page } from '@playwright/test';
import { expect, test } from './fixtures';

test.use({ viewport: { width: 1280, height: 800 } });

/** Presses Tab until `target` has the focus; fails after `limit` presses. */
async function tabTo(page: Page, target: Locator, limit = 40): Promise<number> {
  for (let presses = 1; presses <= limit; presses++) {
    await page.keyboard.press('Tab');
    if (await target.evaluate((element) => element === document.activeElement || element.contains(document.activeElement))) return presses;
  }
  throw new Error(`not reached in ${limit} presses of Tab`);
}

const litBytes = (page: Page) =>
  page.getByRole('region', { name: 'Packet details', exact: true }).getByRole('grid', { name: 'Hex dump' }).getByRole('gridcell', { selected: true }).evaluateAll((cells) => cells.map((cell) => Number((cell as HTMLElement).dataset.index)));

/** The innermost pane (`data-pane`: navigator, main, summary, packets…) that holds the focus. */
const focusedPane = (page: Page) => page.evaluate(() => document.activeElement?.closest('[data-pane]')?.getAttribute('data-pane') ?? null);

test('F6 moves the focus from pane to pane and Shift+F6 back, past the hidden connection form, each stop in view', async ({ scope, mosquitto, page }) => {
  const broker = await mosquitto();
  await scope.fill({ host: broker.host, port: broker.port, clientId: 'panes' });
  await scope.connect();
  await expect(scope.connackValue('Return code')).toHaveText('0 Connection accepted');
  await scope.packetRow('CONNECT', 'Client → Broker').click();
  await expect(scope.region('Packet details').getByRole('tree', { name: 'Fields' })).toBeVisible();
  await scope.openDrawer('Publish');
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());

  const order = ['navigator', 'main', 'summary', 'packets', 'field-tree', 'bytes', 'drawer'];
  const stops: string[] = [];
  for (let press = 0; press <= order.length; press++) {
    await page.keyboard.press('F6');
    stops.push((await focusedPane(page))!);
    // Each stop is something a person sees: never a field of the form the connection view hides.
    await expect(page.locator(':focus')).toBeVisible();
    await expect(page.locator(':focus')).toBeInViewport();
  }
  expect(stops).toEqual([...order, 'navigator']);
  await expect(page.getByRole('button', { name: 'Connect', exact: true })).toBeHidden();

  const back: string[] = [];
  for (let press = 0; press < order.length; press++) {
    await page.keyboard.press('Shift+F6');
    back.push((await focusedPane(page))!);
    await expect(page.locator(':focus')).toBeInViewport();
  }
  expect(back).toEqual([...order.slice(1).reverse(), 'navigator']);

  // From the navigator, F6 lands in the main view on its first control: the connection's toolbar.
  await page.keyboard.press('F6');
  await expect(page.getByRole('toolbar', { name: 'Connection actions' }).getByRole('button').first()).toBeFocused();
});

test('Ctrl+Enter connects from any view, Ctrl+. disconnects, j / k step through the packets', async ({ scope, mosquitto, page }) => {
  const broker = await mosquitto();
  await scope.fill({ host: broker.host, port: broker.port, clientId: 'shortcuts', subscriptions: 'a 0' });
  await page.getByLabel('Client ID', { exact: true }).press('Control+Enter');
  await expect(scope.connackValue('Return code')).toHaveText('0 Connection accepted');
  await expect(scope.packetRow('SUBACK', 'Broker → Client')).toHaveCount(1);
  const status = page.getByRole('status', { name: 'Connection status' });
  const base = `shortcuts · ${broker.host}:${broker.port}`;
  await expect(status).toContainText(base);

  // j and k step through the packet list from anywhere but a text field.
  await page.getByRole('heading', { name: 'MQTT Scope' }).click();
  await scope.stepThroughHandshakeWithJK();

  await page.keyboard.press('Control+.');
  await expect(page.getByRole('button', { name: 'Disconnect', exact: true })).toBeDisabled();
  await expect(status).toContainText(/closed|disconnect/i);

  // The form is kept while another view is shown: Ctrl+Enter connects from there too.
  await scope.showView('Settings');
  await page.getByRole('heading', { name: 'MQTT Scope' }).click();
  await page.keyboard.press('Control+Enter');
  await expect(status).toContainText(`${base} #2`);
  await expect(scope.connackValue('Return code')).toHaveText('0 Connection accepted');
  await expect(scope.navigatorItem(`${base} #2`)).toHaveAttribute('aria-selected', 'true');
});

test('Ctrl+J opens and closes the live-actions drawer, Ctrl+K opens the command palette', async ({ scope, page }) => {
  const drawer = scope.region('Live actions');
  const toggle = page.getByRole('banner').getByRole('button', { name: 'Live actions', exact: true });
  await expect(drawer).toBeHidden();
  await page.getByRole('heading', { name: 'MQTT Scope' }).click();
  await page.keyboard.press('Control+j');
  await expect(drawer).toBeVisible();
  await expect(drawer.getByRole('tablist', { name: 'Live actions' })).toBeVisible();
  await expect(toggle).toHaveAttribute('aria-pressed', 'true');
  await page.keyboard.press('Control+j');
  await expect(drawer).toBeHidden();
  await expect(toggle).toHaveAttribute('aria-pressed', 'false');

  // From inside a field too: the form's Client ID.
  await page.getByLabel('Client ID', { exact: true }).press('Control+j');
  await expect(drawer).toBeVisible();

  await page.keyboard.press('Control+k');
  const palette = page.getByRole('dialog', { name: 'Command palette' });
  await expect(palette).toBeVisible();
  await expect(palette.getByRole('combobox', { name: 'Type a command' })).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(palette).toBeHidden();
});

test('the timeline is one tab stop; the arrow keys move through its items and choose their packets', async ({ scope, mosquitto, page }) => {
  const broker = await mosquitto();
  await scope.fill({ host: broker.host, port: broker.port, clientId: 'keys', subscriptions: 'a 0\nb 1' });
  await scope.connect();
  await expect(scope.packetRow('SUBACK', 'Broker → Client')).toHaveCount(1);
  const timeline = scope.region('Timeline');
  const items = timeline.locator('svg [role="button"]');
  // The timeline's packets come from the engine a moment after the rows.
  await expect.poll(() => items.count()).toBeGreaterThan(4);
  await expect(timeline.locator('svg [tabindex="0"]')).toHaveCount(1);

  await timeline.getByRole('button', { name: 'Handshake' }).focus();
  await tabTo(page, timeline.getByRole('group', { name: /^Timeline of/ }), 6);
  const focusedName = () => page.evaluate(() => document.activeElement?.getAttribute('aria-label'));
  expect(await focusedName()).toMatch(/^CONNECT, client → broker/);

  await page.keyboard.press('ArrowRight');
  expect(await focusedName()).toMatch(/^CONNECT → CONNACK /);
  await page.keyboard.press('ArrowRight');
  expect(await focusedName()).toMatch(/^CONNACK, broker → client/);
  await expect(scope.packets.getByRole('row', { selected: true })).toContainText('CONNACK');
  await expect(scope.region('Packet details').getByRole('heading', { name: 'CONNACK packet' })).toBeVisible();
  await page.keyboard.press('ArrowLeft');
  await page.keyboard.press('ArrowLeft');
  await expect(scope.packets.getByRole('row', { selected: true })).toContainText('CONNECT');
  await page.keyboard.press('End');
  await expect(scope.packets.getByRole('row', { selected: true })).toContainText('SUBACK');
  // Still one tab stop, now the chosen item; Tab leaves the timeline.
  await expect(timeline.locator('svg [tabindex="0"]')).toHaveCount(1);
  await page.keyboard.press('Tab');
  expect(await page.evaluate(() => !!document.activeElement?.closest('.timeline svg'))).toBe(false);
});

test('the field tree is one tab stop; arrow keys choose fields, light their bytes, fold and unfold', async ({ scope, mosquitto, page }) => {
  const broker = await mosquitto();
  await scope.fill({ host: broker.host, port: broker.port, clientId: 'tree-keys' });
  await scope.connect();
  await expect(scope.connackValue('Return code')).toHaveText('0 Connection accepted');
  await scope.packetRow('CONNECT', 'Client → Broker').click();
  const details = scope.region('Packet details');
  const tree = details.getByRole('tree', { name: 'Fields' });
  const items = tree.getByRole('treeitem');
  // The chosen packet's bytes come from the engine a moment after the click.
  await expect.poll(() => items.count()).toBeGreaterThan(8);
  await expect(tree.locator('[tabindex="0"]')).toHaveCount(1);

  await tabTo(page, tree, 10);
  await page.keyboard.press('ArrowDown');
  const first = tree.getByRole('treeitem', { selected: true });
  await expect(first).toHaveCount(1);
  await expect(first).toBeFocused();
  const range = async (item: Locator) => {
    const [offset, length] = await item.evaluate((element) => [Number((element as HTMLElement).dataset.offset), Number((element as HTMLElement).dataset.length)]);
    return Array.from({ length }, (_, index) => offset + index);
  };
  const firstPath = await first.getAttribute('data-path');
  expect(await litBytes(page)).toEqual(await range(first));

  await page.keyboard.press('ArrowDown');
  const second = tree.getByRole('treeitem', { selected: true });
  expect(await second.getAttribute('data-path')).not.toBe(firstPath);
  await expect(second).toBeFocused();
  expect(await litBytes(page)).toEqual(await range(second));

  // The Connect Flags have children: Left folds them, Right unfolds them, Right again goes in.
  const flags = tree.getByRole('treeitem', { name: /^Connect Flags/ });
  await flags.locator('> .field-line').click();
  await flags.focus();
  await expect(flags).toHaveAttribute('aria-expanded', 'true');
  const all = await items.count();
  const inside = await flags.getByRole('treeitem').count();
  expect(inside).toBeGreaterThan(0);
  await page.keyboard.press('ArrowLeft');
  await expect(flags).toHaveAttribute('aria-expanded', 'false');
  await expect(items).toHaveCount(all - inside);
  await page.keyboard.press('ArrowRight');
  await expect(flags).toHaveAttribute('aria-expanded', 'true');
  await expect(items).toHaveCount(all);
  await page.keyboard.press('ArrowRight');
  const child = tree.getByRole('treeitem', { selected: true });
  expect(await child.getAttribute('data-path')).toMatch(/^\d+\.0$/);
  expect(await litBytes(page)).toEqual(await range(child));
  await page.keyboard.press('ArrowLeft');
  await expect(flags).toHaveAttribute('aria-selected', 'true');
  await expect(flags).toBeFocused();
});
