// The lab's connections in the navigator: each run is a folded node of its own under "Lab runs",
// the person's own connections stay in their groups, and a lab connection that ended never reads
// as connecting (its row, the status line). A run's recorded sessions are counted in its node, not
// listed among the person's.
import { expect, test } from './fixtures';
import type { ScopePage } from './support/scope-page';

/** A loaded 2-core machine: a run can take a while. */
const RUN_TIMEOUT_MS = 30_000;

async function runExperiment(scope: ScopePage, title: string) {
  await scope.showView('Lab');
  const lab = scope.region('Lab');
  await lab.getByRole('button', { name: title, exact: true }).click();
  await expect(lab.getByRole('article', { name: title })).toBeVisible({ timeout: RUN_TIMEOUT_MS });
  await expect(lab.getByRole('status', { name: 'Lab status' })).not.toContainText('Running');
}

test('lab runs are folded nodes of their own: the person’s connections stay in view, and ended lab connections never read "connecting…"', async ({ scope, page }) => {
  test.setTimeout(120_000);
  await scope.showView('Broker');
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
  await runExperiment(scope, 'Connect timeout');
  await runExperiment(scope, 'Malformed CONNECT');

  const tree = page.getByRole('tree', { name: 'Connections and sessions' });
  const group = (name: RegExp) => tree.getByRole('treeitem', { name });
  const own = scope.navigatorItem(/^mine-\d · 127\.0\.0\.1:\d+, /);
  await expect(group(/^This app \(2 connections\b/)).toHaveAttribute('aria-expanded', 'true');
  await expect(own).toHaveCount(2);
  await expect(own.nth(0)).toHaveAccessibleName(/^mine-1 · /);
  await expect(own.nth(1)).toHaveAccessibleName(/^mine-2 · /);
  // The local broker's group holds the broker's side of the person's own connections only: the
  // lab's are in their runs' nodes.
  await expect(group(/^Local broker \(2 connections\b/)).toHaveAttribute('aria-expanded', 'true');
  const brokerSide = scope.navigatorItem(/^mine-\d · from 127\.0\.0\.1:\d+, /);
  await expect(brokerSide).toHaveCount(2);
  await expect(brokerSide.nth(0)).toHaveAccessibleName(/^mine-1 · from /);
  await expect(brokerSide.nth(1)).toHaveAccessibleName(/^mine-2 · from /);
  // Each run one folded node under "Lab runs", counting its connections (both ends of each,
  // whether still held by the page or only recorded): none of them is listed.
  await expect(group(/^Lab runs \(6 connections\b/)).toHaveAttribute('aria-expanded', 'true');
  const runs = group(/^Lab run \d\d:\d\d:\d\d(?: #\d+)? \(\d+ connections?\b/);
  await expect(runs).toHaveCount(2);
  for (const run of await runs.all()) {
    await expect(run).toHaveAttribute('aria-expanded', 'false');
    await expect(run).toHaveAttribute('aria-level', '2');
  }
  await expect(runs.nth(0)).toHaveAccessibleName(/\(2 connections\b/);
  await expect(runs.nth(1)).toHaveAccessibleName(/\(4 connections\b/);
  await expect(tree.locator('[role="treeitem"][aria-level="3"]')).toHaveCount(0);
  await expect(scope.navigatorItem(/^(mqttscope-lab-|\(no CONNECT\))/)).toHaveCount(0);

  // Unfolded, the connect-timeout run shows its connection, both ends: ended, named for what it is.
  const first = runs.first();
  await first.click();
  await expect(first).toHaveAttribute('aria-expanded', 'true');
  const labItems = tree.locator('[role="treeitem"][aria-level="3"]');
  await expect(labItems).toHaveCount(2);
  for (let index = 0; index < 2; index++) await expect(labItems.nth(index)).toHaveAccessibleName(/\(no CONNECT\)/);
  await expect(labItems.filter({ hasText: ' · from 127.0.0.1:' })).toHaveCount(1);
  const labClient = labItems.filter({ hasNotText: ' · from ' });
  await labClient.click();
  await expect(labClient).toHaveAttribute('aria-selected', 'true');
  const status = page.getByRole('status', { name: 'Connection status' });
  await expect(status).toContainText('(no CONNECT)');
  await expect(own).toHaveCount(2);

  // Folded again, the active lab connection stays shown as where the person is.
  await first.click();
  await expect(first).toHaveAttribute('aria-expanded', 'false');
  await expect(labItems).toHaveCount(1);
  await expect(labItems).toHaveAttribute('aria-selected', 'true');
  await expect(labItems).toHaveAccessibleName(/\(no CONNECT\)/);

  // The malformed CONNECTs' run, unfolded: each of its connections ended (two of the lab's and
  // the broker's side of each), none connecting.
  const second = runs.last();
  await second.click();
  await expect(second).toHaveAttribute('aria-expanded', 'true');
  // Its rows are those after its node (the tree's rows are drawn in order).
  const secondItems = second.locator('xpath=following-sibling::*[@role="treeitem"][@aria-level="3"]');
  await expect(secondItems).toHaveCount(4);
  for (let index = 0; index < 4; index++) {
    await secondItems.nth(index).click();
    await expect(secondItems.nth(index)).toHaveAttribute('aria-selected', 'true');
    await expect(status).not.toContainText(/connecting/i);
  }
  await expect(own).toHaveCount(2);
  await expect(brokerSide).toHaveCount(2);
  await expect(tree.getByRole('treeitem', { name: /connecting/i })).toHaveCount(0);
});
