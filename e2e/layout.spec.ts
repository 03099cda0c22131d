// The inspector at a laptop's 1280 × 800: what a person needs after a handshake is in view
// without scrolling, nothing overflows its card, the side panels are a click away.
import { expect, test } from './fixtures';

test.use({ viewport: { width: 1280, height: 800 } });

test('after a handshake with a few packets, the packet list is as tall as its rows and Packet details are in view', async ({ scope, mosquitto, page }) => {
  const broker = await mosquitto();
  await scope.fill({ host: broker.host, port: broker.port, clientId: 'few-packets', subscriptions: 'a 0' });
  await scope.connect();
  await expect(scope.packetRow('SUBACK', 'Broker → Client')).toHaveCount(1);
  await scope.packetRow('CONNECT', 'Client → Broker').click();

  const details = scope.region('Packet details');
  await expect(details.getByRole('heading', { name: 'CONNECT packet' })).toBeInViewport();
  expect(await page.locator('.inspector').evaluate((inspector) => inspector.scrollTop)).toBe(0);
  const box = (await details.boundingBox())!;
  expect(box.y + 120).toBeLessThanOrEqual(800);

  // Four rows take four rows' height, not a fixed block.
  const rows = await scope.packets.getByRole('row').count();
  const rowGroup = scope.packets.getByRole('rowgroup', { name: /^Packet rows/ });
  const height = (await rowGroup.boundingBox())!.height;
  expect(height).toBeLessThanOrEqual(rows * 24 + 4);
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

test('the broker and proxy panels are one click away, not below the whole connection form', async ({ scope, page }) => {
  const panels = page.getByRole('navigation', { name: 'Side panels' });
  await panels.getByRole('button', { name: 'Broker', exact: true }).click();
  await expect(scope.region('Broker').getByRole('heading', { name: 'Broker', exact: true })).toBeInViewport();
  await expect(scope.region('Broker').getByRole('button', { name: 'Start broker' })).toBeInViewport();

  await panels.getByRole('button', { name: 'Proxy', exact: true }).click();
  await expect(scope.region('Recording proxy').getByRole('heading', { name: 'Recording proxy' })).toBeInViewport();
  await expect(scope.region('Recording proxy').getByRole('button', { name: 'Start proxy' })).toBeInViewport();

  await panels.getByRole('button', { name: 'Connection', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Connection', exact: true })).toBeInViewport();
});

test('the proxy panel\'s labels and fields line up in a grid', async ({ scope }) => {
  const panel = scope.region('Recording proxy');
  // The Sessions panel above grows once the store's list arrives (its size cap): measure after.
  await expect(scope.region('Sessions').getByLabel('Size cap', { exact: true })).toBeVisible();
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

test('two connections with the same client id get tabs with different names', async ({ scope, mosquitto, page }) => {
  const broker = await mosquitto();
  await scope.fill({ host: broker.host, port: broker.port, clientId: 'twice' });
  await scope.connect();
  await expect(scope.connackValue('Return code')).toHaveText('0 Connection accepted');
  await scope.disconnect();
  await scope.connect();
  await expect(scope.connackValue('Return code')).toHaveText('0 Connection accepted');

  const tabs = page.getByRole('tablist', { name: 'This app connections' }).getByRole('tab');
  await expect(tabs).toHaveCount(2);
  const base = `twice · ${broker.host}:${broker.port}`;
  await expect(tabs.nth(0)).toHaveAccessibleName(base);
  await expect(tabs.nth(1)).toHaveAccessibleName(`${base} #2`);
  await expect(page.getByRole('status', { name: 'Connection status' })).toContainText(`${base} #2`);
});
