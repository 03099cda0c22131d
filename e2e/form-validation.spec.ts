// Wrong values in the form are explained next to their field and never reach the engine.
import { expect, test } from './fixtures';

test('bad port, empty host and a non-numeric keep alive are refused in the form', async ({ scope, page }) => {
  const opens = () => scope.sentRequests.filter((method) => method === 'connection.open').length;

  await scope.fill({ host: '', port: '99999', keepAlive: 'often' });
  await scope.connect();

  for (const [label, message] of [
    ['Host', 'Host is required: a host name or an IP address'],
    ['Port', 'Port must be a whole number from 1 to 65535'],
    ['Keep alive', 'Keep alive must be a whole number of seconds from 0 to 65535'],
  ]) {
    const field = page.getByLabel(label, { exact: true });
    await expect(field).toHaveAttribute('aria-invalid', 'true');
    await expect(field).toHaveAccessibleDescription(message);
  }
  await expect(page.getByLabel('Host', { exact: true })).toBeFocused();
  await expect(page.getByRole('navigation', { name: 'Connections' })).toHaveCount(0);
  expect(opens()).toBe(0);

  // Corrected values clear the messages and connect for real.
  await scope.fill({ host: '127.0.0.1', port: '1', keepAlive: '30' });
  await expect(page.getByLabel('Port', { exact: true })).not.toHaveAttribute('aria-invalid', 'true');
  await scope.connect();
  await expect.poll(opens).toBe(1);
});

test('every control of the first slice has its visible label as its accessible name', async ({ scope: { page } }) => {
  for (const label of ['Host', 'Port', 'Client ID', 'Keep alive', 'Username', 'Password', 'MQTT version']) {
    await expect(page.getByLabel(label, { exact: true })).toBeVisible();
  }
  await expect(page.getByRole('checkbox', { name: 'Clean session', exact: true })).toBeChecked();
  await page.getByLabel('MQTT version', { exact: true }).selectOption('5');
  await expect(page.getByRole('checkbox', { name: 'Clean start', exact: true })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Connect', exact: true })).toBeEnabled();
  await expect(page.getByRole('button', { name: 'Disconnect', exact: true })).toBeDisabled();
  await expect(page.getByRole('region', { name: 'CONNACK' })).toBeVisible();
});
