// The command palette from the keyboard: Ctrl+K opens it from anywhere, a profile's name typed
// connects with that profile, a packet number typed selects that packet (the list scrolls to
// it), a past session opens by its client id, and the theme switches. What each view command does
// to the store is checked beside palette-commands.ts.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';

const run = promisify(execFile);

const palette = (page: Page) => page.getByRole('dialog', { name: 'Command palette' });

/** Opens the palette with Ctrl+K and types `text`; the command named `title` is the highlighted one. */
async function typeCommand(page: Page, text: string, title: string | RegExp): Promise<void> {
  await page.keyboard.press('Control+k');
  await expect(palette(page)).toBeVisible();
  await palette(page).getByRole('combobox', { name: 'Type a command' }).fill(text);
  await expect(palette(page).getByRole('option', { name: title })).toHaveAttribute('aria-selected', 'true');
}

test('a profile typed connects with it, and a packet number typed selects that packet in view', async ({ scope, mosquitto, page }) => {
  const broker = await mosquitto();
  const profiles = scope.region('Profiles');
  await scope.fill({ host: broker.host, port: broker.port, clientId: 'from-palette', subscriptions: 'palette/# 0' });
  await profiles.getByLabel('Profile name', { exact: true }).fill('Palette broker');
  await profiles.getByRole('button', { name: 'Save profile' }).click();
  await expect(profiles.getByRole('button', { name: 'Palette broker', exact: true })).toBeVisible();
  // Changed since it was saved: the palette fills the form from the profile again.
  await scope.fill({ clientId: 'typed-since' });

  // Ctrl+K from inside a text field, a profile's name typed, Enter.
  await typeCommand(page, 'Palette broker', 'Connect to Palette broker');
  await expect(palette(page).getByRole('group', { name: 'Connect' }).getByRole('option', { name: 'Connect to Palette broker' })).toBeVisible();
  await page.keyboard.press('Enter');
  await expect(palette(page)).toBeHidden();
  await expect(scope.connackValue('Return code')).toHaveText('0 Connection accepted');
  await expect(page.getByLabel('Client ID', { exact: true })).toHaveValue('from-palette');
  await expect(scope.packetRow('SUBACK', 'Broker → Client')).toBeVisible();

  // Enough packets that the list, following the newest, has packet 3 out of view.
  await run('mosquitto_pub', ['-h', broker.host, '-p', String(broker.port), '-t', 'palette/x', '-m', 'hello', '--repeat', '60']);
  await expect.poll(async () => Number(await scope.region('Packets').getByLabel('Packet count').textContent())).toBeGreaterThanOrEqual(64);
  const third = scope.packets.getByRole('row').filter({ has: page.getByRole('cell', { name: '3', exact: true }) });
  await expect(third).toHaveCount(0);

  await typeCommand(page, '3', 'Go to packet 3');
  await page.keyboard.press('Enter');
  await expect(palette(page)).toBeHidden();
  await expect(scope.region('Packet details').getByRole('heading', { name: 'SUBSCRIBE packet' })).toBeVisible();
  await expect(third).toHaveAttribute('aria-selected', 'true');
  const rows = scope.packets.getByRole('rowgroup', { name: 'Packet rows: arrow keys move the selection' });
  await expect.poll(async () => {
    const [row, view] = [await third.boundingBox(), await rows.boundingBox()];
    return !!row && !!view && row.y >= view.y && row.y + row.height <= view.y + view.height;
  }).toBe(true);
});

test('a past session opens by its client id; the theme switches; Escape closes and nothing typed matches says so', async ({ scope, mosquitto, page }) => {
  const broker = await mosquitto();
  await scope.fill({ host: broker.host, port: broker.port, clientId: 'earlier-client' });
  await scope.connect();
  await expect(scope.connackValue('Return code')).toHaveText('0 Connection accepted');
  await scope.disconnect();
  // A fresh page shows no connection: the session is only in the trace store (the navigator lists
  // it under Past sessions, not opened).
  await page.reload();
  await expect(page.getByRole('button', { name: 'Connect', exact: true })).toBeEnabled();
  const past = scope.navigatorGroupItems('Past sessions').and(scope.navigatorItem('earlier-client'));
  await expect(past).toHaveAttribute('aria-selected', 'false');
  await expect(page.getByRole('status', { name: 'Connection status' })).toHaveCount(0);

  await typeCommand(page, 'earlier-client', new RegExp(`^Open earlier-client · ${broker.host}:${broker.port} · `));
  await expect(palette(page).getByRole('group', { name: 'Sessions' })).toBeVisible();
  await page.keyboard.press('Enter');
  await expect(palette(page)).toBeHidden();
  await expect(past).toHaveAttribute('aria-selected', 'true');
  await expect(scope.connackValue('Return code')).toHaveText('0 Connection accepted');
  await expect(scope.packetRow('CONNECT', 'Client → Broker')).toBeVisible();

  await typeCommand(page, 'dark theme', 'Switch to the dark theme');
  await page.keyboard.press('Enter');
  await expect(palette(page)).toBeHidden();
  await scope.showView('Settings');
  await expect(page.getByRole('combobox', { name: 'Theme' })).toHaveValue('dark');
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');

  await page.keyboard.press('Control+k');
  await palette(page).getByRole('combobox', { name: 'Type a command' }).fill('nothing answers to this');
  await expect(palette(page).getByText('No command matches')).toBeVisible();
  await expect(palette(page).getByRole('option')).toHaveCount(0);
  await page.keyboard.press('Escape');
  await expect(palette(page)).toBeHidden();
  // Opened again, it starts from nothing typed.
  await page.keyboard.press('Control+k');
  await expect(palette(page).getByRole('combobox', { name: 'Type a command' })).toHaveValue('');
  await expect(palette(page).getByRole('option', { name: 'Follow the OS theme' })).toBeVisible();
  await page.keyboard.press('Control+k');
  await expect(palette(page)).toBeHidden();
});
