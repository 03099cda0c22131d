// The form does what it shows: a typed broker URL is what connects, a takeover of this app's own
// connection is said before and after, only what the broker will refuse asks to be confirmed,
// a cleared will is gone, a profile saves without a typed name, a TLS file shows one state.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { expect, scratchDir, test } from './fixtures';

test('a broker URL typed key by key is what Connect connects to, with its user', async ({ scope, mosquitto, page }) => {
  const broker = await mosquitto([{ username: 'alice', password: 'secret' }]);
  const url = page.getByLabel('Broker URL');
  await url.click();
  await url.pressSequentially(`mqtt://alice:secret@${broker.host}:${broker.port}`);
  await page.getByLabel('Client ID', { exact: true }).fill('typed-url');
  await scope.connect();

  await expect(scope.connackValue('Return code')).toHaveText('0 Connection accepted');
  await expect(scope.navigatorGroupItems('This app')).toHaveText([new RegExp(`typed-url · ${broker.host}:${broker.port}`)]);
  await scope.packetRow('CONNECT', 'Client → Broker').click();
  await expect(scope.region('Packet details').getByText('User Name: alice')).toBeVisible();
  // The URL field and the fields below say the same.
  await expect(url).toHaveValue(`mqtt://alice:secret@${broker.host}:${broker.port}`);
  await expect(page.getByLabel('Port', { exact: true })).toHaveValue(String(broker.port));
  await expect(page.getByLabel('Username', { exact: true })).toHaveValue('alice');
});

test('a typed URL fills the fields by Tab; one that does not read is refused next to it, and a field edited by hand empties it', async ({ scope, page }) => {
  const opens = () => scope.sentRequests.filter((method) => method === 'connection.open').length;
  const url = page.getByLabel('Broker URL');
  await url.click();
  await url.pressSequentially('tcp://bob@broker.invalid:1999');
  await url.press('Tab');
  await expect(page.getByLabel('Host', { exact: true })).toHaveValue('broker.invalid');
  await expect(page.getByLabel('Port', { exact: true })).toHaveValue('1999');
  await expect(page.getByLabel('Username', { exact: true })).toHaveValue('bob');

  await url.fill('');
  await url.pressSequentially('mqtt://broker.invalid:99999');
  await scope.connect();
  await expect(url).toHaveAttribute('aria-invalid', 'true');
  await expect(url).toHaveAccessibleDescription(/is not a URL.*Not applied: the fields below are unchanged/);
  await expect(url).toBeFocused();
  expect(opens()).toBe(0);

  await url.fill('mqtt://broker.invalid:2000');
  await expect(page.getByLabel('Port', { exact: true })).toHaveValue('2000');
  await page.getByLabel('Port', { exact: true }).fill('2001');
  await expect(url).toHaveValue('');
});

test('connecting again with the client id of an open connection asks first, and the kicked one names this app as the other client', async ({ scope, mosquitto, page }) => {
  const broker = await mosquitto();
  await scope.fill({ host: broker.host, port: broker.port, clientId: 'twin' });
  await scope.connect();
  await expect(scope.connackValue('Return code')).toHaveText('0 Connection accepted');

  // The connection the form just opened is its own: no warning about it after Connect.
  const warnings = page.getByRole('list', { name: 'Warnings' });
  const connections = scope.navigatorGroupItems('This app');
  await expect(connections).toHaveCount(1);
  await scope.showView('New connection');
  await expect(warnings).toHaveCount(0);
  const takeover = `This app’s connection “twin · ${broker.host}:${broker.port}” is open with the client ID “twin” on this broker: connecting takes its session over`;
  // Connect pressed again would take it over: that is asked first, and said.
  await scope.connect();
  await expect(page.getByRole('button', { name: 'Connect anyway' })).toBeVisible();
  await expect(warnings).toContainText(takeover);
  expect(scope.sentRequests.filter((method) => method === 'connection.open')).toHaveLength(1);
  await page.getByRole('button', { name: 'Connect anyway' }).click();
  await expect(scope.connackValue('Return code')).toHaveText('0 Connection accepted');

  await expect(connections).toHaveCount(2);
  // Typed again, the form is no longer the one that opened it: another open connection with
  // this client id is warned about as it is typed.
  await scope.fill({ clientId: 'twin-2' });
  await scope.fill({ clientId: 'twin' });
  await expect(warnings).toContainText(`This app’s connection “twin · ${broker.host}:${broker.port} #2” is open with the client ID “twin”`);
  await scope.navigatorItem(`twin · ${broker.host}:${broker.port}, `).click();
  const diagnosis = page.getByRole('alert', { name: 'Diagnosis' });
  await expect(diagnosis).toContainText(`Taken over by this app’s connection “twin · ${broker.host}:${broker.port} #2” with the same client id`);
  await expect(diagnosis).not.toContainText('Often another client');
  await diagnosis.getByRole('button', { name: `Show “twin · ${broker.host}:${broker.port} #2”` }).click();
  await expect(scope.navigatorItem(`twin · ${broker.host}:${broker.port} #2, `)).toHaveAttribute('aria-selected', 'true');
});

test('only what the broker will refuse asks to be confirmed: advice is shown and Ctrl+Enter connects in one press', async ({ scope, page }) => {
  const opens = () => scope.sentRequests.filter((method) => method === 'connection.open').length;
  const warnings = page.getByRole('list', { name: 'Warnings' });
  await scope.fill({ host: '127.0.0.1', username: 'u', password: 'p' });
  await expect(warnings).toHaveCount(0);

  await scope.fill({ host: 'broker.invalid', port: 1883 });
  await expect(warnings).toContainText('Advice: The password travels in clear text over plain TCP');
  await page.getByLabel('Password', { exact: true }).press('Control+Enter');
  await expect.poll(opens).toBe(1);
  await expect(page.getByRole('button', { name: 'Connect anyway' })).toHaveCount(0);
});

test('clearing the will topic clears the rest of the will, and nothing is warned about it', async ({ scope, page }) => {
  await scope.fill({ willTopic: 'status/dev', willPayload: 'gone', willQos: '2', willRetain: true });
  await page.getByLabel('Will topic', { exact: true }).fill('');
  await expect(page.getByLabel('Will QoS', { exact: true })).toHaveValue('0');
  await expect(page.getByRole('checkbox', { name: 'Will retain', exact: true })).not.toBeChecked();
  await expect(page.getByLabel('Will payload', { exact: true })).toHaveValue('');
  await expect(page.getByRole('list', { name: 'Warnings' })).toHaveCount(0);
});

test('a profile saves without a typed name, as client-id@host:port', async ({ scope }) => {
  const profiles = scope.region('Profiles');
  await scope.fill({ host: 'broker.example', port: 1884, clientId: 'dev' });
  await expect(profiles.getByLabel('Profile name', { exact: true })).toHaveAttribute('placeholder', 'dev@broker.example:1884');
  await profiles.getByRole('button', { name: 'Save profile' }).click();
  await expect(profiles.getByRole('button', { name: 'dev@broker.example:1884', exact: true })).toBeVisible();
  await expect(profiles.getByRole('status')).toHaveText('Saved “dev@broker.example:1884”.');
});

test('a TLS file shows one state: the browser’s file input is hidden behind one button, with the file name or None', async ({ scope, page }) => {
  const file = path.join(scratchDir('pem'), 'ca.pem');
  writeFileSync(file, '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n');
  await page.getByLabel('Transport', { exact: true }).selectOption('mqtts');
  const tls = page.getByRole('group', { name: 'TLS' });
  const choose = tls.getByRole('button', { name: 'Choose CA certificate file…' });
  await expect(choose).toHaveAccessibleDescription('None');
  for (const label of ['CA certificate', 'Client certificate', 'Client key']) await expect(tls.getByLabel(label, { exact: true })).toBeHidden();

  const chooser = page.waitForEvent('filechooser');
  await choose.click();
  await (await chooser).setFiles(file);
  await expect(choose).toHaveAccessibleDescription('ca.pem');
  await tls.getByRole('button', { name: 'Clear CA certificate' }).click();
  await expect(choose).toHaveAccessibleDescription('None');
  void scope;
});
