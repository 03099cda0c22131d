// Capture from an interface, as a person does it: the Capture view started on the loopback while
// mosquitto's own clients talk to mosquitto — connections this app did not make — which appear
// live in the navigator under Captured, open in the connection view with their packets and
// CONNACK, end, and are counted when the capture stops.
import { execFile, spawn } from 'node:child_process';
import { promisify } from 'node:util';
import { expect, test } from './fixtures';

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
