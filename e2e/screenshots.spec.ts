// The README's pictures of the workspace, taken from the real app against a real broker on every
// run at a laptop's 1280 × 800 and a desktop's 1600 × 1000, light and dark: connect, read the
// CONNACK and the timeline, a packet's tree and bytes, publish and see the message come back —
// all without the window scrolling. A run writes them with the test output (ignored by git);
// MQTTSCOPE_SCREENSHOTS=docs refreshes the README's own, in docs/screenshots.
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { screenshotPath } from './support/screenshot-path';

/** The window's own scroll: zero both ways when every pane scrolls itself. */
const windowOverflow = (page: Page) =>
  page.evaluate(() => {
    const root = document.scrollingElement!;
    return { down: root.scrollHeight - root.clientHeight, across: root.scrollWidth - root.clientWidth };
  });

const SIZES = [
  { width: 1280, height: 800 },
  { width: 1600, height: 1000 },
] as const;

for (const size of SIZES) {
  for (const scheme of ['light', 'dark'] as const) {
    test.describe(`${size.width}×${size.height}, ${scheme}`, () => {
      test.use({ viewport: size, colorScheme: scheme });

      test('connect, CONNACK, timeline, a packet’s tree and bytes, publish and see it, without the window scrolling', async ({ scope, mosquitto, page }) => {
        const name = `${size.width}x${size.height}-${scheme}`;
        const broker = await mosquitto([{ username: 'alice', password: 'right-password' }]);
        await scope.fill({
          host: broker.host, port: broker.port, clientId: 'sensor-17', clean: false, keepAlive: '30', username: 'alice', password: 'right-password',
          willTopic: 'sensors/17/status', willPayload: 'offline', willQos: '1', subscriptions: 'sensors/# 1',
        });
        await page.screenshot({ path: screenshotPath(`form-${name}`) });
        expect(await windowOverflow(page)).toEqual({ down: 0, across: 0 });
        await expect(page.getByRole('button', { name: 'Connect', exact: true })).toBeInViewport();

        await scope.connect();
        await expect(scope.connackValue('Return code')).toHaveText('0 Connection accepted');
        await expect(scope.packetRow('SUBACK', 'Broker → Client')).toHaveCount(1);
        await scope.packetRow('CONNECT', 'Client → Broker').click();
        const details = scope.region('Packet details');
        await details.getByRole('treeitem', { name: /^Client ID: sensor-17/ }).locator('.field-line').first().click();

        await scope.openDrawer('Publish');
        const publish = scope.region('Publish');
        await publish.getByLabel('Topic', { exact: true }).fill('sensors/17/temperature');
        await publish.getByLabel('Payload', { exact: true }).fill('{"celsius": 21.5}');
        await publish.getByRole('button', { name: 'Publish', exact: true }).click();
        // The broker sends it back to the subscription: the PUBLISH from the broker is the message.
        await expect(scope.packetRow('PUBLISH', 'Broker → Client')).toHaveCount(1);

        for (const region of [scope.connack, scope.region('Timeline'), scope.packets, details.getByRole('group', { name: 'Bytes' }), publish]) await expect(region).toBeInViewport();
        // The tree is a pane of its own: it scrolls to the chosen field, the window does not move.
        const clientId = details.getByRole('treeitem', { name: /^Client ID: sensor-17/ });
        await clientId.scrollIntoViewIfNeeded();
        await expect(clientId).toBeInViewport();
        expect(await windowOverflow(page)).toEqual({ down: 0, across: 0 });
        await page.screenshot({ path: screenshotPath(`workspace-${name}`) });
      });
    });
  }
}

test.describe('refused, and the timeline', () => {
  test.use({ viewport: { width: 1600, height: 1000 }, colorScheme: 'light' });

  test('a refused connection with its diagnosis, and the timeline zoomed to the handshake', async ({ scope, mosquitto, page }) => {
    const broker = await mosquitto([{ username: 'alice', password: 'right-password' }]);
    await scope.fill({ host: broker.host, port: broker.port, clientId: 'sensor-17', username: 'alice', password: 'right-password', subscriptions: 'sensors/# 1' });
    await scope.connect();
    await expect(scope.packetRow('SUBACK', 'Broker → Client')).toHaveCount(1);
    const timeline = scope.region('Timeline');
    await timeline.getByRole('button', { name: 'Handshake' }).click();
    await timeline.screenshot({ path: screenshotPath('timeline') });

    await scope.disconnect();
    await scope.fill({ password: 'wrong-password' });
    await scope.connect();
    await expect(scope.connackValue('Return code')).toHaveText('5 Connection refused, not authorized');
    await expect(page.getByRole('alert', { name: 'Diagnosis' })).toBeVisible();
    await page.getByRole('main', { name: 'Main view' }).screenshot({ path: screenshotPath('refused') });
  });
});
