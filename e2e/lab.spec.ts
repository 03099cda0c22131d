// The handshake lab from the UI: three experiments run against the local broker, each with its
// verdict in words, and a result's connection opened in the usual views; a run of them all shows
// each result as it comes; the results are saved as a Markdown report.
import { readFileSync } from 'node:fs';
import type { Locator, Page } from '@playwright/test';
import type { ScopePage } from './support/scope-page';
import { makeCertificates } from '../testing/certificates';
import { startMosquitto } from '../testing/mosquitto';
import { expect, scratchDir, test } from './fixtures';

/** A loaded 2-core machine: a run, and a view of what it recorded, can take a while. */
const RUN_TIMEOUT_MS = 30_000;

/** The value beside a term of a result (`Verdict`, `Expected`, `Observed`). */
const fact = (result: Locator, term: string) => result.locator('dt', { hasText: term }).locator('xpath=following-sibling::dd[1]');

/** The Lab region, with the local broker started as its target. */
async function labOnLocalBroker(scope: ScopePage): Promise<Locator> {
  await scope.showView('Broker');
  const broker = scope.region('Broker');
  await broker.getByRole('button', { name: 'Start broker' }).click();
  await expect(broker).toContainText('Embedded broker running on 127.0.0.1:');
  await scope.showView('Lab');
  const lab = scope.region('Lab');
  await expect(lab.getByLabel('Broker to test')).toHaveValue('local');
  return lab;
}

/** Saves the lab's report and reads the file the page downloaded. */
async function savedReport(lab: Locator, page: Page): Promise<{ name: string; text: string }> {
  const download = page.waitForEvent('download');
  await lab.getByRole('button', { name: 'Save report' }).click();
  const file = await download;
  return { name: file.suggestedFilename(), text: readFileSync(await file.path(), 'utf8') };
}

test('runs experiments against the local broker, says each verdict, saves the report, and opens a result\'s connection', async ({ scope, page }) => {
  test.setTimeout(120_000);
  const lab = await labOnLocalBroker(scope);
  const status = lab.getByRole('status', { name: 'Lab status' });
  for (const title of ['Accepted connection', 'Identifier rejected', 'Session takeover']) {
    await lab.getByRole('button', { name: title, exact: true }).click();
    await expect(lab.getByRole('article', { name: title })).toBeVisible({ timeout: RUN_TIMEOUT_MS });
    await expect(status).not.toContainText('Running');
  }
  await expect(status).toHaveText('3 shown: 3 passed, 0 failed, 0 not run.');
  for (const title of ['Accepted connection', 'Identifier rejected', 'Session takeover']) await expect(fact(lab.getByRole('article', { name: title }), 'Verdict')).toHaveText('Pass');

  // The report holds every result shown for this broker, not only the last run's.
  const report = await savedReport(lab, page);
  expect(report.name).toMatch(/^mqtt-scope-lab-127\.0\.0\.1-\d+-.+\.md$/);
  for (const title of ['Accepted connection', 'Identifier rejected', 'Session takeover']) expect(report.text).toContain(`## ${title} — pass`);
  expect(report.text).toMatch(/→ CONNECT +10[0-9a-f]+/);

  const rejected = lab.getByRole('article', { name: 'Identifier rejected' });
  await expect(fact(rejected, 'Expected')).toContainText('[MQTT-3.1.3-8]');
  await expect(fact(rejected, 'Observed')).toContainText('Clean session 0: CONNACK 2');
  await rejected.getByRole('button', { name: 'Open clean session 0' }).click();
  await expect(scope.connackValue('Return code')).toHaveText(/^2\b/, { timeout: RUN_TIMEOUT_MS });
  // The keyboard is taken along to the connection opened: the main view holds the focus.
  await expect(page.getByRole('main', { name: 'Main view' })).toBeFocused();
  await expect(scope.region('Timeline').getByRole('group', { name: 'Timeline of 2 packets between client and broker' })).toBeVisible({ timeout: RUN_TIMEOUT_MS });
  await expect(scope.packetRow('CONNACK', 'Broker → Client')).toHaveCount(1, { timeout: RUN_TIMEOUT_MS });
});

test('shows each result of a run as it comes, while the rest still run', async ({ scope, page }) => {
  test.setTimeout(180_000);
  const lab = await labOnLocalBroker(scope);
  const status = lab.getByRole('status', { name: 'Lab status' });
  await lab.getByRole('button', { name: 'Run all' }).click();
  await expect(lab.getByRole('article', { name: 'Accepted connection' })).toBeVisible({ timeout: RUN_TIMEOUT_MS });
  // The first result is shown while the run goes on (Keep alive alone takes seconds).
  await expect(status).toHaveText(/^Running .+… \(\d+ of 11\)$/);
  await expect(lab.getByRole('article', { name: 'Keep alive' })).toHaveCount(0);
  await expect(lab.getByRole('button', { name: 'Save report' })).toBeDisabled();
  // Every experiment mqttscope lab runs against the embedded broker runs here too: all but MQTT 5's.
  await expect(status).toHaveText('11 shown: 10 passed, 0 failed, 1 not run.', { timeout: 120_000 });
  await expect(lab.getByRole('listitem')).toHaveCount(11);
  await expect(fact(lab.getByRole('article', { name: 'MQTT 5 extras' }), 'Verdict')).toHaveText(/^Not run/);
  for (const title of ['Bad credentials', 'Connect timeout']) await expect(fact(lab.getByRole('article', { name: title }), 'Verdict')).toHaveText('Pass');

  const report = await savedReport(lab, page);
  expect(report.text).toContain('## Accepted connection — pass');
  expect(report.text).toContain('## Keep alive — pass');
});

test('tests another broker over TLS, named by its URL with its CA chosen as a file', async ({ scope }) => {
  const dir = scratchDir('mqttscope-lab-tls-');
  const certificates = makeCertificates(dir, ['DNS:localhost']);
  const broker = await startMosquitto(dir, [], { tls: certificates });
  try {
    await scope.showView('Lab');
    const lab = scope.region('Lab');
    await lab.getByLabel('Broker to test').selectOption('other');
    await lab.getByLabel('URL to test').fill(`mqtts://localhost:${broker.port}`);
    await expect(lab.getByLabel("Verify the broker's certificate")).toBeChecked();
    // Without the test CA the certificate is not trusted: the lab says so, it does not pass.
    await lab.getByRole('button', { name: 'Accepted connection', exact: true }).click();
    const accepted = lab.getByRole('article', { name: 'Accepted connection' });
    await expect(fact(accepted, 'Verdict')).toHaveText(/^(Fail|Not run)/, { timeout: RUN_TIMEOUT_MS });
    await expect(fact(accepted, 'Observed')).toContainText('certificate');
    await lab.getByLabel('CA certificate').setInputFiles(certificates.caFile);
    await expect(lab).toContainText('ca.crt');
    await lab.getByRole('button', { name: 'Accepted connection', exact: true }).click();
    await expect(fact(lab.getByRole('article', { name: 'Accepted connection' }), 'Verdict')).toHaveText('Pass', { timeout: RUN_TIMEOUT_MS });
    await lab.getByLabel('URL to test').fill('mqtt://localhost:99999');
    await lab.getByRole('button', { name: 'Accepted connection', exact: true }).click();
    await expect(lab.getByRole('alert')).toContainText('port');
  } finally {
    await broker.stop();
  }
});
