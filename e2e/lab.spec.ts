// The handshake lab from the UI: three experiments run against the local broker, each with its
// verdict in words, and a result's connection opened in the usual views.
import type { Locator } from '@playwright/test';
import { expect, test } from './fixtures';

/** A loaded 2-core machine: a run, and a view of what it recorded, can take a while. */
const RUN_TIMEOUT_MS = 30_000;

/** The value beside a term of a result (`Verdict`, `Expected`, `Observed`). */
const fact = (result: Locator, term: string) => result.locator('dt', { hasText: term }).locator('xpath=following-sibling::dd[1]');

test('runs experiments against the local broker, says each verdict, and opens a result\'s connection', async ({ scope, page }) => {
  test.setTimeout(120_000);
  const broker = scope.region('Broker');
  await broker.getByRole('button', { name: 'Start broker' }).click();
  await expect(broker).toContainText('Embedded broker running on 127.0.0.1:');

  await page.getByRole('navigation', { name: 'Side panels' }).getByRole('button', { name: 'Lab', exact: true }).click();
  const lab = scope.region('Lab');
  await expect(lab.getByLabel('Broker to test')).toHaveValue('local');
  const status = lab.getByRole('status', { name: 'Lab status' });
  for (const title of ['Accepted connection', 'Identifier rejected', 'Session takeover']) {
    await lab.getByRole('button', { name: title, exact: true }).click();
    await expect(lab.getByRole('article', { name: title })).toBeVisible({ timeout: RUN_TIMEOUT_MS });
    await expect(status).not.toContainText('Running');
  }
  await expect(status).toHaveText('3 shown: 3 passed, 0 failed, 0 not run.');
  for (const title of ['Accepted connection', 'Identifier rejected', 'Session takeover']) await expect(fact(lab.getByRole('article', { name: title }), 'Verdict')).toHaveText('Pass');

  const rejected = lab.getByRole('article', { name: 'Identifier rejected' });
  await expect(fact(rejected, 'Expected')).toContainText('[MQTT-3.1.3-8]');
  await expect(fact(rejected, 'Observed')).toContainText('Clean session 0: CONNACK 2');
  await rejected.getByRole('button', { name: 'Open clean session 0' }).click();
  await expect(scope.connackValue('Return code')).toHaveText(/^2\b/, { timeout: RUN_TIMEOUT_MS });
  await expect(scope.region('Timeline').getByRole('group', { name: 'Timeline of 2 packets between client and broker' })).toBeVisible({ timeout: RUN_TIMEOUT_MS });
  await expect(scope.packetRow('CONNACK', 'Broker → Client')).toHaveCount(1, { timeout: RUN_TIMEOUT_MS });
});
