// Capture from an interface, as a person does it: the Capture view started on the loopback while
// mosquitto's own clients talk to mosquitto — connections this app did not make — which appear
// live in the navigator under Captured, open in the connection view with their packets and
// CONNACK, end, and are counted when the capture stops.
import { execFile, spawn } from 'node:child_process';
import { promisify } from 'node:util';
import { makeCertificates } from '../testing/certificates';
import { tls12OnlyEnv } from '../testing/tls12-client';
import { expect, scratchDir, test } from './fixtures';
import { screenshotPath } from './support/screenshot-path';

const run = promisify(execFile);

test('captures the connections of clients this app did not make, live, from the Capture view', async ({ scope, page, mosquitto }) => {
  const broker = await mosquitto();
  await scope.showView('Capture');
  const panel = scope.region('Capture from an interface');
  await expect(panel.getByLabel('Interface', { exact: true })).toHaveValue('lo');
  await expect(panel.getByLabel('Capture filter', { exact: true })).toHaveValue('tcp port 1883 or tcp port 8883 or tcp port 1884');
  await panel.getByLabel('Capture filter', { exact: true }).fill(`tcp port ${broker.port}`);
  await panel.getByRole('button', { name: 'Start capture' }).click();
  const status = panel.getByRole('status', { name: 'Capture status' });
  await expect(status).toContainText('Capturing on lo');

  const watcher = spawn('mosquitto_sub', ['-h', '127.0.0.1', '-p', String(broker.port), '-i', 'e2e-watcher', '-t', 'e2e/#', '-C', '1', '-q', '1']);
  // Ends with the test, whatever happens in it.
  try {
    const watched = new Promise<void>((resolve) => watcher.on('exit', () => resolve()));

    const item = scope.navigatorGroupItems('Captured').and(scope.navigatorItem(new RegExp(`^e2e-watcher · 127\\.0\\.0\\.1:${broker.port}, `)));
    await expect(item).toHaveCount(1);
    await item.click();
    await expect(scope.packetRow('CONNECT', 'Client → Broker')).toHaveCount(1);
    await expect(scope.connackValue('Return code')).toContainText('Connection accepted');
    await expect(scope.packetRow('SUBACK', 'Broker → Client')).toHaveCount(1);

    await run('mosquitto_pub', ['-h', '127.0.0.1', '-p', String(broker.port), '-i', 'e2e-publisher', '-t', 'e2e/door', '-m', 'open', '-q', '1']);
    await watched;
    await expect(scope.packetRow('PUBLISH', 'Broker → Client')).toHaveCount(1);
    await expect(scope.packetRow('PUBACK', 'Client → Broker')).toHaveCount(1);
    await expect(scope.packetRow('DISCONNECT', 'Client → Broker')).toHaveCount(1);
    await expect(page.getByRole('status', { name: 'Connection status' })).toContainText('Closed');
    await expect(scope.navigatorItem(new RegExp(`^e2e-publisher · 127\\.0\\.0\\.1:${broker.port}, `))).toHaveCount(1);
  } finally {
    watcher.kill();
  }

  await scope.showView('Capture');
  await panel.getByRole('button', { name: 'Stop capture' }).click();
  await expect(status).toContainText(/^Captured on lo: \d+ packets \([\d.]+ [KM]?B\), 2 MQTT connections; 0 dropped$/);
  await expect(panel.getByRole('button', { name: 'Start capture' })).toBeEnabled();
});

test('a captured TLS connection shows its handshake and certificate chain; a client that does not trust the CA, its alert and why', async ({ scope, page, mosquitto }) => {
  const dir = scratchDir('capture-tls');
  const certificates = makeCertificates(dir);
  const otherCa = makeCertificates(scratchDir('capture-other-ca'));
  const broker = await mosquitto([], { tls: { certFile: certificates.certFile, keyFile: certificates.keyFile } });
  await scope.showView('Capture');
  const panel = scope.region('Capture from an interface');
  await panel.getByLabel('Capture filter', { exact: true }).fill(`tcp port ${broker.port}`);
  await panel.getByRole('button', { name: 'Start capture' }).click();
  await expect(panel.getByRole('status', { name: 'Capture status' })).toContainText('Capturing on lo');

  // Devices that speak TLS 1.2 at most: the chain and the alerts travel in cleartext.
  const env = tls12OnlyEnv(dir);
  const subscribe = (caFile: string, clientId: string) => run('mosquitto_sub', ['-h', 'localhost', '-p', String(broker.port), '--cafile', caFile, '-i', clientId, '-t', 'tls/#', '-E'], { env }).catch((error: Error) => error);
  await subscribe(certificates.caFile, 'trusting');
  await subscribe(otherCa.caFile, 'distrusting');

  const items = scope.navigatorItem(new RegExp(`^127\\.0\\.0\\.1:\\d+ · 127\\.0\\.0\\.1:${broker.port}, `));
  await expect(items).toHaveCount(2);
  await items.first().click();
  const tls = scope.region('TLS handshake');
  await expect(tls).toContainText('completed: the client went on');
  await expect(tls).toContainText('localhost');
  await expect(tls).toContainText('TLS 1.2');
  await expect(tls.getByRole('list', { name: 'Certificate chain' })).toContainText('CN=localhost');
  await expect(tls.getByRole('list', { name: 'Certificate chain' })).toContainText('issued by CN=MQTT Scope Test CA');
  await expect(tls).toContainText('The MQTT inside is encrypted: a capture sees this handshake, not the CONNECT or the CONNACK.');
  await expect(scope.region('CONNACK')).toHaveCount(0);

  await page.screenshot({ path: screenshotPath('capture-tls') });

  await items.last().click();
  await expect(tls.getByRole('list', { name: 'TLS alerts' })).toContainText('client: fatal unknown_ca');
  await expect(page.getByRole('region', { name: 'Diagnosis' })).toContainText('The client does not trust the CA that signed the broker’s certificate');
  await page.screenshot({ path: screenshotPath('capture-tls-refused') });
  await scope.showView('Capture');
  await page.screenshot({ path: screenshotPath('capture-view') });
});
