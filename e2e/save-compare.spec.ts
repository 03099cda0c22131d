// Saving, copying and comparing end to end: two connections to a broker with users, one refused;
// their handshakes compared; the mosquitto_sub line copied; the sessions saved for Wireshark
// (read back by tshark) and as a trace without the passwords.
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import type { Download } from '@playwright/test';
import { expect, scratchDir, test } from './fixtures';

const run = promisify(execFile);

const RIGHT = 'right-pass-123';
const WRONG = 'wrong-pass-456';

test.use({ permissions: ['clipboard-read', 'clipboard-write'] });

/** Where a download lands, saved under a folder of this test's own. */
async function saved(download: Download): Promise<string> {
  const file = path.join(scratchDir('save'), download.suggestedFilename());
  await download.saveAs(file);
  return file;
}

test('two handshakes compared, copied as mosquitto_sub, saved as pcapng and as a trace without passwords', async ({ scope, aedes, page }) => {
  const broker = await aedes({ users: [{ username: 'bob', password: RIGHT }] });

  await scope.fill({ host: broker.host, port: broker.port, clientId: 'cmp-ok', username: 'bob', password: RIGHT });
  await scope.connect();
  await expect(scope.connackValue('Return code')).toHaveText('0 Connection accepted');
  await scope.disconnect();

  await scope.fill({ clientId: 'cmp-bad', password: WRONG, keepAlive: '30' });
  await scope.connect();
  await expect(scope.connackValue('Return code')).toHaveText('4 Connection refused, bad user name or password');

  // Compare: the active (refused) one against the other.
  const actions = page.getByRole('toolbar', { name: 'Connection actions' });
  await actions.getByRole('button', { name: 'Compare', exact: true }).click();
  await expect(actions.getByRole('button', { name: 'Compare', exact: true })).toHaveAttribute('aria-pressed', 'true');
  const compare = scope.region('Compare handshakes');
  await expect(compare.getByLabel('First')).toHaveValue(/.+/);
  const code = compare.getByRole('row', { name: /Return \/ reason code/ });
  await expect(code.getByRole('cell')).toHaveText(['4 Connection refused, bad user name or password', '0 Connection accepted', 'differs']);
  await expect(compare.getByRole('row', { name: /Client ID/ }).getByRole('cell')).toHaveText(['cmp-bad', 'cmp-ok', 'differs']);
  await expect(compare.getByRole('row', { name: /Keep alive/ }).getByRole('cell')).toHaveText(['30 s', '60 s', 'differs']);
  await expect(compare.getByRole('row', { name: /Password present/ }).getByRole('cell')).toHaveText(['yes', 'yes', 'same']);
  await expect(compare.getByRole('row', { name: /Session present/ }).getByRole('cell').last()).toHaveText('same');
  await expect(compare.getByRole('row', { name: 'TCP connect' })).toHaveCount(1);
  await expect(compare).not.toContainText(WRONG);
  await expect(compare).not.toContainText(RIGHT);

  // Copy as mosquitto_sub: the connection's options, the password only as a variable.
  await actions.getByRole('button', { name: 'Copy as…' }).click();
  await page.getByRole('menu', { name: 'Copy as…' }).getByRole('menuitem', { name: 'mosquitto_sub command' }).click();
  await expect(actions.getByRole('status', { name: 'Action outcome' })).toContainText('Copied the mosquitto_sub command.');
  const command = await page.evaluate(() => navigator.clipboard.readText());
  expect(command.split('\n').at(-1)).toBe(`mosquitto_sub -h 127.0.0.1 -p ${broker.port} -V mqttv311 -i cmp-bad -k 30 -u bob -P "$MQTT_PASSWORD" -t '#'`);
  expect(command).not.toContain(WRONG);

  // Copy hex of the CONNACK from the packet details.
  await scope.packetRow('CONNACK', 'Broker → Client').click();
  const details = scope.region('Packet details');
  await details.getByRole('button', { name: 'Copy hex' }).click();
  await expect(details.getByRole('status', { name: 'Copy outcome' })).toHaveText('Copied the hex.');
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe('20020004');

  // Both sessions chosen in the navigator and exported for Wireshark.
  const sessions = scope.region('Navigator');
  await sessions.getByRole('checkbox', { name: `Choose cmp-ok · 127.0.0.1:${broker.port}`, exact: true }).check();
  await sessions.getByRole('checkbox', { name: `Choose cmp-bad · 127.0.0.1:${broker.port}`, exact: true }).check();
  await expect(sessions.getByRole('group', { name: 'Save sessions' })).toContainText('2 chosen');
  const [pcapDownload] = await Promise.all([page.waitForEvent('download'), sessions.getByRole('button', { name: 'Export for Wireshark (pcapng)' }).click()]);
  const pcapng = await saved(pcapDownload);
  expect(pcapng.endsWith('.pcapng')).toBe(true);
  expect(readFileSync(pcapng).subarray(0, 4).toString('hex')).toBe('0a0d0d0a');
  const { stdout } = await run('/usr/bin/tshark', ['-r', pcapng, '-d', `tcp.port==${broker.port},mqtt`, '-Y', 'mqtt', '-T', 'fields', '-e', 'mqtt.msgtype', '-e', 'mqtt.clientid']);
  const packets = stdout.trim().split('\n').map((line) => line.split('\t'));
  // CONNECT (1), CONNACK (2) and DISCONNECT (14) of the first; CONNECT and CONNACK of the second.
  expect(packets.filter(([type]) => type === '1').map(([, clientId]) => clientId).sort()).toEqual(['cmp-bad', 'cmp-ok']);
  expect(packets.filter(([type]) => type === '2')).toHaveLength(2);
  expect(packets.filter(([type]) => type === '14')).toHaveLength(1);

  // As a saved trace: the passwords are not in it unless asked for.
  const [traceDownload] = await Promise.all([page.waitForEvent('download'), sessions.getByRole('button', { name: 'Save…' }).click()]);
  const trace = readFileSync(await saved(traceDownload));
  expect(traceDownload.suggestedFilename()).toMatch(/\.mqtrace$/);
  expect(trace.includes('cmp-ok')).toBe(true);
  expect(trace.includes(RIGHT)).toBe(false);
  expect(trace.includes(WRONG)).toBe(false);

  const secrets = sessions.getByRole('checkbox', { name: 'Include passwords and authentication data' });
  await expect(secrets).not.toBeChecked();
  await secrets.check();
  await expect(sessions).toContainText('The file will hold the passwords as they were sent');
  const [withSecrets] = await Promise.all([page.waitForEvent('download'), sessions.getByRole('button', { name: 'Save…' }).click()]);
  const full = readFileSync(await saved(withSecrets));
  expect(full.includes(RIGHT) && full.includes(WRONG)).toBe(true);

  // The active connection saved on its own from the toolbar.
  await actions.getByRole('button', { name: 'Save as…' }).click();
  const [single] = await Promise.all([page.waitForEvent('download'), page.getByRole('menu', { name: 'Save as…' }).getByRole('menuitem', { name: 'pcapng for Wireshark, without passwords' }).click()]);
  const { stdout: one } = await run('/usr/bin/tshark', ['-r', await saved(single), '-d', `tcp.port==${broker.port},mqtt`, '-Y', 'mqtt', '-T', 'fields', '-e', 'mqtt.clientid']);
  expect(one.trim().split('\n').filter(Boolean)).toEqual(['cmp-bad']);
});

test('what saving as pcapng came to is said with the connection it saved, not with the one chosen after', async ({ scope, mosquitto, page }) => {
  const broker = await mosquitto();
  for (const clientId of ['saved-one', 'other-one']) {
    await scope.fill({ host: broker.host, port: broker.port, clientId });
    await scope.connect();
    await expect(scope.connackValue('Return code')).toHaveText('0 Connection accepted');
  }
  const savedOne = scope.navigatorItem('saved-one');
  await savedOne.click();
  await expect(savedOne).toHaveAttribute('aria-selected', 'true');
  const actions = page.getByRole('toolbar', { name: 'Connection actions' });
  const outcome = actions.getByRole('status', { name: 'Action outcome' });
  const download = page.waitForEvent('download');
  await actions.getByRole('button', { name: 'Save as…' }).click();
  await page.getByRole('menu', { name: 'Save as…' }).getByRole('menuitem', { name: 'pcapng for Wireshark, without passwords' }).click();
  await download;
  await expect(outcome).toContainText(/Saved mqtt-scope-.+\.pcapng \(.+\)\./);

  await scope.navigatorItem('other-one').click();
  await expect(scope.navigatorItem('other-one')).toHaveAttribute('aria-selected', 'true');
  await expect(actions).toBeVisible();
  await expect(outcome).toHaveCount(0);
  await savedOne.click();
  await expect(outcome).toHaveText(/^Saved mqtt-scope-.+\.pcapng/);
});
