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
  await expect(scope.navigatorGroupItems('This app')).toHaveCount(0);
  expect(opens()).toBe(0);

  // Corrected values clear the messages and connect for real.
  await scope.fill({ host: '127.0.0.1', port: '1', keepAlive: '30' });
  await expect(page.getByLabel('Port', { exact: true })).not.toHaveAttribute('aria-invalid', 'true');
  await scope.connect();
  await expect.poll(opens).toBe(1);
});

test('every control and region has its visible name as its accessible name', async ({ scope, aedes }) => {
  const page = scope.page;
  await scope.openSection('Will');
  for (const label of ['Host', 'Port', 'Client ID', 'Keep alive', 'Username', 'Password', 'MQTT version', 'Will topic', 'Will payload', 'Will QoS']) {
    await expect(page.getByLabel(label, { exact: true })).toBeVisible();
  }
  await expect(page.getByRole('checkbox', { name: 'Will retain', exact: true })).not.toBeChecked();
  await expect(scope.region('Profiles')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Save profile', exact: true })).toBeVisible();
  await expect(page.getByRole('checkbox', { name: 'Clean session', exact: true })).toBeChecked();
  await page.getByLabel('MQTT version', { exact: true }).selectOption('5');
  await expect(page.getByRole('checkbox', { name: 'Clean start', exact: true })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Connect', exact: true })).toBeEnabled();

  // A connection's regions are in its own view: one to a port nothing listens on shows them all.
  const closed = await aedes();
  await closed.close();
  await scope.fill({ host: '127.0.0.1', port: closed.port });
  await scope.connect();
  await expect(page.getByRole('status', { name: 'Connection status' })).toContainText('Failed at TCP');
  for (const region of ['Packets', 'Packet details', 'CONNACK', 'Timeline', 'Diagnosis']) {
    await expect(scope.region(region)).toBeVisible();
  }
  await expect(page.getByRole('button', { name: 'Disconnect', exact: true })).toBeDisabled();
  await expect(page.getByRole('region', { name: 'CONNACK' })).toBeVisible();
  await scope.showView('Broker');
  await expect(scope.region('Broker')).toBeVisible();
});

test('a pasted broker URL fills the form; fields of another version are hidden, not sent', async ({ scope, page }) => {
  await page.getByLabel('Broker URL').focus();
  await page.evaluate(() => {
    const data = new DataTransfer();
    data.setData('text', 'mqtts://alice:s%40cret@broker.example:8884');
    document.activeElement!.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
  });
  await expect(page.getByLabel('Transport', { exact: true })).toHaveValue('mqtts');
  await expect(page.getByLabel('Host', { exact: true })).toHaveValue('broker.example');
  await expect(page.getByLabel('Port', { exact: true })).toHaveValue('8884');
  await expect(page.getByLabel('Username', { exact: true })).toHaveValue('alice');
  await expect(page.getByLabel('Password', { exact: true })).toHaveValue('s@cret');
  await expect(page.getByRole('group', { name: 'TLS' })).toBeVisible();

  await expect(page.getByText('MQTT 5 properties')).toHaveCount(0);
  await scope.openSection('Will');
  await expect(page.getByLabel('Will delay', { exact: true })).toHaveCount(0);
  await page.getByLabel('MQTT version', { exact: true }).selectOption('5');
  await expect(page.getByLabel('Will delay', { exact: true })).toBeVisible();
  await scope.openSection('MQTT 5 properties');
  await expect(page.getByLabel('Session expiry interval', { exact: true })).toBeVisible();
});

test('combinations the broker refuses are warned about before connecting, and connect only when confirmed', async ({ scope, aedes, page }) => {
  const broker = await aedes();
  const opens = () => scope.sentRequests.filter((method) => method === 'connection.open').length;
  await scope.fill({ host: broker.host, port: broker.port, clientId: '', clean: false, willQos: '1' });
  const warnings = page.getByRole('list', { name: 'Warnings' });
  await expect(warnings).toContainText('An empty client ID with clean session off is refused with return code 2');
  await expect(warnings).toContainText('Will QoS, retain or payload are set without a will topic');

  await scope.connect();
  await expect(page.getByRole('button', { name: 'Connect anyway' })).toBeVisible();
  expect(opens()).toBe(0);
  await page.getByRole('button', { name: 'Connect anyway' }).click();
  await expect(scope.connackValue('Return code')).toHaveText('2 Connection refused, identifier rejected');
  expect(opens()).toBe(1);

  // A password to a loopback address never leaves this machine: no advice about it.
  await scope.fill({ username: 'u', password: 'p' });
  await expect(warnings).toContainText('An empty client ID with clean session off');
  await expect(warnings).not.toContainText('The password travels in clear text over plain TCP');
});
