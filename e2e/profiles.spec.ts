// Profiles across an app restart: saved in one run of the host, there and connecting in the next;
// a corrupt profile file reported without losing the others.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, test } from './fixtures';
import { ScopePage } from './support/scope-page';
import { startWebHostProcess } from './support/web-host';

test('a profile saved, the app restarted, the profile still there and connecting; a corrupt file reported', async ({ page, mosquitto }) => {
  const broker = await mosquitto();
  const dataDir = mkdtempSync(path.join(tmpdir(), 'mqttscope-data-'));
  const profiles = page.getByRole('region', { name: 'Profiles' });

  const first = await startWebHostProcess(dataDir);
  try {
    const scope = new ScopePage(page);
    await scope.open(first.url);
    await scope.fill({ host: broker.host, port: broker.port, clientId: 'from-profile', clean: false });
    await profiles.getByLabel('Profile name', { exact: true }).fill('Desk broker');
    await profiles.getByRole('button', { name: 'Save profile' }).click();
    await expect(profiles.getByRole('button', { name: 'Desk broker', exact: true })).toBeVisible();
  } finally {
    await first.stop();
  }

  writeFileSync(path.join(dataDir, 'profiles', '00000000-0000-4000-8000-000000000000.json'), '{ this is not JSON');

  const second = await startWebHostProcess(dataDir);
  try {
    const scope = new ScopePage(page);
    await scope.open(second.url);
    await expect(profiles.getByRole('list', { name: 'Profile files that could not be read' })).toContainText('could not be read and was left as it is');
    await profiles.getByRole('button', { name: 'Desk broker', exact: true }).click();
    await expect(page.getByLabel('Client ID', { exact: true })).toHaveValue('from-profile');
    await expect(page.getByLabel('Port', { exact: true })).toHaveValue(String(broker.port));
    await expect(page.getByRole('checkbox', { name: 'Clean session', exact: true })).not.toBeChecked();
    await scope.connect();
    await expect(scope.connackValue('Return code')).toHaveText('0 Connection accepted');
  } finally {
    await second.stop();
  }
});
