// The lab's connections in the connection tabs: each run's in a folded group of its own (the
// local broker's side of them too), so the person's own connections stay in view, and a lab
// connection that ended never reads as connecting (its tab, its group's picker, the status bar).
// In Sessions each run is one folded row, and the person's own sessions stay rows of their own.
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import type { ScopePage } from './support/scope-page';

/** A loaded 2-core machine: a run can take a while. */
const RUN_TIMEOUT_MS = 30_000;

async function runExperiment(scope: ScopePage, page: Page, title: string) {
  await page.getByRole('navigation', { name: 'Side panels' }).getByRole('button', { name: 'Lab', exact: true }).click();
  const lab = scope.region('Lab');
  await lab.getByRole('button', { name: title, exact: true }).click();
  await expect(lab.getByRole('article', { name: title })).toBeVisible({ timeout: RUN_TIMEOUT_MS });
  await expect(lab.getByRole('status', { name: 'Lab status' })).not.toContainText('Running');
}

test('lab runs are folded groups of their own: the person’s connections stay in view, and ended lab connections never read "connecting…"', async ({ scope, page }) => {
  test.setTimeout(120_000);
  const broker = scope.region('Broker');
  await broker.getByRole('button', { name: 'Start broker' }).click();
  await expect(broker).toContainText('Embedded broker running on 127.0.0.1:');
  await broker.getByRole('button', { name: 'Use in the connection form' }).click();
  for (const clientId of ['mine-1', 'mine-2']) {
    await scope.fill({ clientId });
    await scope.connect();
    await expect(scope.connackValue('Return code')).toHaveText('0 Connection accepted');
  }

  // Two runs: one whose connection never sends its CONNECT, one of raw malformed CONNECTs.
  await runExperiment(scope, page, 'Connect timeout');
  await runExperiment(scope, page, 'Malformed CONNECT');

  const nav = page.getByRole('navigation', { name: 'Connections' });
  const own = nav.getByRole('tablist', { name: 'This app connections' }).getByRole('tab');
  await expect(own).toHaveText([/^● mine-1 · /, /^● mine-2 · /]);
  // The local broker's group holds the broker's side of the person's own connections only: the
  // lab's are in their runs' groups.
  const brokerSide = nav.getByRole('tablist', { name: 'Local broker connections' }).getByRole('tab');
  await expect(brokerSide).toHaveText([/^● mine-1 · from /, /^● mine-2 · from /]);
  const runs = nav.getByRole('button', { name: /^Lab run \d\d:\d\d:\d\d \(\d+ connections?\)$/ });
  await expect(runs).toHaveCount(2);
  for (const run of await runs.all()) await expect(run).toHaveAttribute('aria-expanded', 'false');
  await expect(nav.getByRole('tablist', { name: /^Lab run/ })).toHaveCount(0);

  // Unfolded, the connect-timeout run shows its connection, both ends: ended, named for what it is.
  const first = runs.first();
  await first.click();
  await expect(first).toHaveAttribute('aria-expanded', 'true');
  const labTabs = nav.getByRole('tablist', { name: /^Lab run/ }).getByRole('tab');
  await expect(labTabs).toHaveCount(2);
  for (let index = 0; index < 2; index++) await expect(labTabs.nth(index)).toHaveText(/\(no CONNECT\)/);
  await expect(labTabs.filter({ hasText: ' · from 127.0.0.1:' })).toHaveCount(1);
  const labClient = labTabs.filter({ hasNotText: ' · from ' });
  await labClient.click();
  const status = page.getByRole('status', { name: 'Connection status' });
  await expect(status).toContainText('(no CONNECT)');
  await expect(own).toHaveCount(2);

  // Folded again, the active lab connection stays shown as where the person is.
  await first.click();
  await expect(labTabs).toHaveCount(1);
  await expect(labTabs).toHaveAttribute('aria-selected', 'true');

  // The malformed CONNECTs' run, unfolded: each of its connections ended (two of the lab's and
  // the broker's side of each), none connecting.
  const second = runs.last();
  const secondName = /Lab run [^(]+[^ (]/.exec((await second.textContent())!)![0];
  await second.click();
  const secondTabs = nav.getByRole('tablist', { name: `${secondName} connections`, exact: true }).getByRole('tab');
  await expect(secondTabs).toHaveCount(4);
  for (let index = 0; index < 4; index++) {
    await secondTabs.nth(index).click();
    await expect(secondTabs.nth(index)).toHaveAttribute('aria-selected', 'true');
    await expect(status).not.toContainText(/connecting/i);
  }
  await expect(own).toHaveCount(2);
  await expect(nav.getByRole('tab', { name: /connecting/i })).toHaveCount(0);

  // Sessions: the person's own four (both ends of mine-1 and mine-2) are rows of their own; each
  // run is one folded row, unfolded on asking.
  await page.getByRole('navigation', { name: 'Side panels' }).getByRole('button', { name: 'Sessions', exact: true }).click();
  const sessions = scope.region('Sessions').getByRole('table', { name: 'Recorded sessions' });
  const runRows = sessions.getByRole('button', { name: /^▸ Lab run \d\d:\d\d:\d\d · \d+ sessions?/ });
  await expect(runRows).toHaveCount(2);
  await expect(sessions.getByRole('button', { name: /^Open / })).toHaveCount(4);
  await expect(sessions.getByRole('button', { name: /^Open mine-/ })).toHaveCount(4);
  await expect(sessions.getByRole('button', { name: /^Open mqttscope-lab-/ })).toHaveCount(0);
  await expect(runRows.filter({ hasText: '· 2 sessions' })).toHaveCount(1);
  await expect(runRows.filter({ hasText: '· 4 sessions' })).toHaveCount(1);
  const malformedRun = runRows.filter({ hasText: '· 4 sessions' });
  await malformedRun.click();
  await expect(sessions.getByRole('button', { name: /^▾ Lab run .* · 4 sessions/ })).toHaveAttribute('aria-expanded', 'true');
  await expect(sessions.getByRole('button', { name: /^Open / })).toHaveCount(8);
  await expect(sessions.getByRole('button', { name: /^Open mine-/ })).toHaveCount(4);
});
