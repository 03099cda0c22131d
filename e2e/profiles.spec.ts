// Profiles across an app restart: saved in one run of the host, there (in the navigator and the
// Profiles panel) and connecting in the next; a corrupt profile file reported without losing the
// others. Managed in the Profiles panel beside the form.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
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
    await expect(profiles.getByRole('button', { name: 'Desk broker', exact: true })).toBeVisible();
    // Chosen in the navigator's Profiles group, from another view: the form shows it.
    await scope.showView('Settings');
    const item = scope.navigatorGroupItems('Profiles').and(scope.navigatorItem(`Profile Desk broker, ${broker.host}:${broker.port}`));
    await item.click();
    await expect(page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name: 'New connection' })).toHaveAttribute('aria-pressed', 'true');
    await expect(item).toHaveAttribute('aria-selected', 'true');
    await expect(page.getByLabel('Client ID', { exact: true })).toHaveValue('from-profile');
    await expect(page.getByLabel('Port', { exact: true })).toHaveValue(String(broker.port));
    await expect(page.getByRole('checkbox', { name: 'Clean session', exact: true })).not.toBeChecked();
    await scope.connect();
    await expect(scope.connackValue('Return code')).toHaveText('0 Connection accepted');
  } finally {
    await second.stop();
  }
});

test('profiles renamed, duplicated, deleted, exported without passwords and imported again', async ({ scope, page }) => {
  const profiles = scope.region('Profiles');
  await scope.fill({ host: 'broker.example', port: 1884, clientId: 'exported', username: 'bob', password: 'hunter2' });
  await profiles.getByLabel('Profile name', { exact: true }).fill('Plant floor');
  await profiles.getByRole('button', { name: 'Save profile' }).click();
  await expect(profiles.getByRole('button', { name: 'Plant floor', exact: true })).toBeVisible();
  await expect(profiles).toContainText('password kept until the app stops');

  await profiles.getByRole('button', { name: 'Rename Plant floor' }).click();
  await profiles.getByLabel('New name for Plant floor').fill('Line 2');
  await profiles.getByLabel('New name for Plant floor').press('Enter');
  await expect(profiles.getByRole('button', { name: 'Line 2', exact: true })).toBeVisible();

  await profiles.getByRole('button', { name: 'Duplicate Line 2', exact: true }).click();
  const rows = profiles.getByRole('list', { name: 'Saved profiles' }).getByRole('listitem');
  await expect(rows).toHaveCount(2);

  const download = page.waitForEvent('download');
  await profiles.getByRole('button', { name: 'Export' }).click();
  const exported = JSON.parse(readFileSync(await (await download).path(), 'utf8'));
  expect(exported.profiles).toHaveLength(2);
  expect(exported.profiles[0].options).toMatchObject({ host: 'broker.example', port: 1884, clientId: 'exported', username: 'bob' });
  expect(JSON.stringify(exported)).not.toContain('hunter2');

  const renames = await profiles.getByRole('button', { name: /^Rename / }).all();
  const names = await Promise.all(renames.map(async (button) => (await button.getAttribute('aria-label'))!.slice('Rename '.length)));
  expect(names).toHaveLength(2);
  for (const name of names) {
    await profiles.getByRole('button', { name: `Delete ${name}`, exact: true }).click();
    await profiles.getByRole('group', { name: `Delete ${name}?` }).getByRole('button', { name: 'Delete', exact: true }).click();
  }
  await expect(profiles).toContainText('No saved profiles.');

  const file = path.join(mkdtempSync(path.join(tmpdir(), 'mqttscope-export-')), 'profiles.json');
  writeFileSync(file, JSON.stringify(exported));
  await profiles.getByLabel('Import profiles').setInputFiles(file);
  await expect(profiles.getByRole('status')).toContainText('Imported 2 profiles from profiles.json.');
  await expect(rows).toHaveCount(2);

  writeFileSync(file, '{ not json');
  await profiles.getByLabel('Import profiles').setInputFiles(file);
  await expect(profiles.getByRole('alert')).toContainText('profiles.json is not JSON; nothing was imported.');
  await expect(rows).toHaveCount(2);
});

test('browser mode keeps passwords on disk only when asked, with a warning', async ({ scope }) => {
  const profiles = scope.region('Profiles');
  await scope.fill({ host: 'broker.example', username: 'bob', password: 'hunter2' });
  await profiles.getByLabel('Profile name', { exact: true }).fill('Kept');
  await expect(profiles.getByRole('note')).toHaveCount(0);
  await profiles.getByRole('checkbox', { name: 'Keep passwords on disk in clear text' }).check();
  await expect(profiles.getByRole('note')).toContainText('Passwords will be written unencrypted');
  await profiles.getByRole('button', { name: 'Save profile' }).click();
  await expect(profiles.getByRole('list', { name: 'Saved profiles' })).toContainText('password in clear text');
});
