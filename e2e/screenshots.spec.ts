// The README's pictures of the main views, taken from the real app against a real broker on
// every run, so they show what the app does today. A run writes them with the test output
// (ignored by git); MQTTSCOPE_SCREENSHOTS=docs refreshes the README's own, in docs/screenshots.
import path from 'node:path';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';

const folder = process.env.MQTTSCOPE_SCREENSHOTS === 'docs' ? path.join('docs', 'screenshots') : path.join('test-results', 'screenshots');
const shot = (name: string) => path.join(folder, `${name}.png`);

/** Clicking scrolls the form column and the inspector; pictures start from their tops. */
const scrollColumnsToTop = (page: Page) => page.evaluate(() => document.querySelectorAll('.sidebar, .inspector').forEach((column) => column.scrollTo(0, 0)));

test.use({ viewport: { width: 1600, height: 1250 }, colorScheme: 'light' });

test('screenshots of the main views', async ({ scope, mosquitto, page }) => {
  const broker = await mosquitto([{ username: 'alice', password: 'right-password' }]);

  // A session with subscriptions, a will and a persistent session, then a refused one.
  await scope.fill({
    host: broker.host, port: broker.port, clientId: 'sensor-17', clean: false, keepAlive: '5', username: 'alice', password: 'right-password',
    willTopic: 'sensors/17/status', willPayload: 'offline', willQos: '1', subscriptions: 'sensors/# 1\nalerts/# 2',
  });
  await scope.connect();
  await expect(scope.connackValue('Return code')).toHaveText('0 Connection accepted');
  await expect(scope.packetRow('SUBACK', 'Broker → Client')).toHaveCount(1);
  await scope.packetRow('CONNECT', 'Client → Broker').click();
  await scope.region('Packet details').getByRole('treeitem', { name: /^Client ID: sensor-17/ }).locator('.field-line').first().click();
  await scrollColumnsToTop(page);
  await page.screenshot({ path: shot('inspector') });

  await scope.region('Timeline').getByRole('button', { name: 'Handshake' }).click();
  await scope.region('Timeline').screenshot({ path: shot('timeline') });

  await scope.disconnect();
  await scope.fill({ password: 'wrong-password' });
  await scope.connect();
  await expect(scope.connackValue('Return code')).toHaveText('5 Connection refused, not authorized');
  await page.locator('.inspector').screenshot({ path: shot('refused') });

  await page.emulateMedia({ colorScheme: 'dark' });
  await scope.packetRow('CONNACK', 'Broker → Client').click();
  await scrollColumnsToTop(page);
  await scope.region('Packet details').evaluate((details) => details.scrollIntoView({ block: 'end' }));
  await page.screenshot({ path: shot('dark') });
});
