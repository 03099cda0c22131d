// The inspector by keyboard alone, with real key presses: a skip link, the timeline as one tab
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
  page.getByRole('region', { name: 'Packet details', exact: true }).getByLabel('Bytes', { exact: true }).locator('.hex-bytes .byte.lit').evaluateAll((cells) => cells.map((cell) => Number((cell as HTMLElement).dataset.index)));

test('the first tab stop is a visible skip link to the inspector', async ({ scope, page }) => {
  await page.keyboard.press('Tab');
  const skip = page.getByRole('link', { name: 'Skip to the inspector' });
  await expect(skip).toBeFocused();
  await expect(skip).toBeInViewport();
  const box = (await skip.boundingBox())!;
  expect(box.width).toBeGreaterThan(20);
  expect(box.height).toBeGreaterThan(10);
  await page.keyboard.press('Enter');
  // The next Tab lands in the inspector, past the whole connection form.
  await page.keyboard.press('Tab');
  expect(await page.evaluate(() => !!document.activeElement?.closest('.inspector'))).toBe(true);
  await expect(scope.page.getByRole('button', { name: 'Connect', exact: true })).not.toBeFocused();
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
