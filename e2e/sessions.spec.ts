// Sessions kept by the trace store, end to end: a reloaded page gets its connection back whole
// and can still end it; an open connection is listed while it is open; a session from before a
// restart reopens; a saved trace dropped on the window is the session the store holds, and one
// cut short opens up to its break with the offset said.
import { execFile } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import type { Page } from '@playwright/test';
import { FILE_HEADER_SIZE, RECORD_HEADER_SIZE, RECORD_KINDS } from '../electron/engine/trace-store/trace-format';
import { encodeTraceFile } from '../electron/engine/trace-store/trace-file';
import { encodePacket } from '../shared/mqtt/encode';
import { expect, scratchDir, test } from './fixtures';
import { ScopePage } from './support/scope-page';
import { startWebHostProcess } from './support/web-host';

const run = promisify(execFile);

/** Rows of the packet list (the header row aside). */
const packetRows = (scope: ScopePage) => scope.packets.getByRole('row').filter({ has: scope.page.getByRole('cell') });

/** The summary the store wrote for the session of this client id, once it is closed. */
function closedSession(dataDir: string, clientId: string): { id: string } | undefined {
  const folder = path.join(dataDir, 'traces');
  for (const name of readdirSync(folder).filter((file) => file.endsWith('.json') && file !== 'settings.json')) {
    const summary = JSON.parse(readFileSync(path.join(folder, name), 'utf8')) as { id: string; clientId?: string; open: boolean };
    if (summary.clientId === clientId && !summary.open) return summary;
  }
  return undefined;
}

/** Where the record holding the client's DISCONNECT (`e0 00`) starts in a trace file. */
function disconnectRecordAt(bytes: Buffer): number {
  let found = -1;
  for (let at = FILE_HEADER_SIZE; at + RECORD_HEADER_SIZE <= bytes.length; ) {
    const length = bytes.readUInt32LE(at + 4);
    const payload = bytes.subarray(at + RECORD_HEADER_SIZE, at + RECORD_HEADER_SIZE + length);
    if (bytes[at] === RECORD_KINDS.chunk && bytes[at + 1] === 0 && payload.equals(Buffer.from([0xe0, 0x00]))) found = at;
    at += RECORD_HEADER_SIZE + length;
  }
  return found;
}

/** Drops a file on the window as a person would from a file manager. */
async function dropFile(page: Page, name: string, bytes: Buffer): Promise<void> {
  const dataTransfer = await page.evaluateHandle(({ name, base64 }) => {
    const transfer = new DataTransfer();
    transfer.items.add(new File([Uint8Array.from(atob(base64), (char) => char.charCodeAt(0))], name));
    return transfer;
  }, { name, base64: bytes.toString('base64') });
  for (const type of ['dragenter', 'dragover', 'drop']) await page.dispatchEvent('main', type, { dataTransfer });
}

test('a reloaded page gets its connection back with its whole trace, and Disconnect still works', async ({ scope, page }) => {
  const broker = scope.region('Broker');
  await broker.getByRole('button', { name: 'Start broker' }).click();
  await expect(broker).toContainText('Embedded broker running on 127.0.0.1:');
  const port = /127\.0\.0\.1:(\d+)/.exec((await broker.locator('code').textContent())!)![1];
  await broker.getByRole('button', { name: 'Use in the connection form' }).click();
  await scope.fill({ clientId: 'reloader', subscriptions: 'e2e/# 1' });
  await scope.connect();
  await expect(scope.packetRow('SUBACK', 'Broker → Client')).toHaveCount(1);
  await run('mosquitto_pub', ['-h', '127.0.0.1', '-p', port, '-i', 'sender', '-q', '1', '-t', 'e2e/x', '-m', 'hello', '--repeat', '3']);
  await expect(scope.packetRow('PUBLISH', 'Broker → Client')).toHaveCount(3);
  await expect(scope.packetRow('PUBACK', 'Client → Broker')).toHaveCount(3);
  const before = await packetRows(scope).count();
  expect(before).toBeGreaterThanOrEqual(10);

  await page.reload();
  await expect(page.getByRole('button', { name: 'Connect', exact: true })).toBeEnabled();
  const tab = page.getByRole('tablist', { name: 'This app connections' }).getByRole('tab', { name: `reloader · 127.0.0.1:${port}` });
  await expect(tab).toHaveAttribute('aria-selected', 'true');
  await expect(packetRows(scope)).toHaveCount(before);
  await expect(scope.packetRow('PUBLISH', 'Broker → Client')).toHaveCount(3);
  await expect(page.getByRole('tab', { name: /connecting…/ })).toHaveCount(0);
  // The broker's side of the same connection is back too (mosquitto_pub's ended before the reload).
  await expect(page.getByRole('tablist', { name: 'Local broker connections' }).getByRole('tab', { name: /^reloader/ })).toHaveCount(1);

  await scope.disconnect();
  await expect(page.getByRole('status', { name: 'Connection status' })).toContainText('Closed');
  await expect(scope.packetRow('DISCONNECT', 'Client → Broker')).toHaveCount(1);
  await expect(packetRows(scope)).toHaveCount(before + 1);
});

test('Sessions lists a connection while it is open, the only open one, and as closed once it ends', async ({ scope, page, aedes }) => {
  // A broker outside the app: the app's own connection is the only session it records.
  const broker = await aedes();
  await page.getByRole('navigation', { name: 'Side panels' }).getByRole('button', { name: 'Sessions', exact: true }).click();
  const sessions = scope.region('Sessions');
  await expect(sessions).toContainText('No recorded sessions.');
  await scope.fill({ host: broker.host, port: broker.port, clientId: 'listed-open' });
  await scope.connect();
  await expect(scope.packetRow('CONNACK', 'Broker → Client')).toHaveCount(1);
  const row = sessions.getByRole('row').filter({ hasText: 'listed-open' });
  await expect(row).toContainText('Connected (recording)');
  await expect(row.getByRole('button', { name: 'Delete listed-open' })).toBeDisabled();
  await scope.disconnect();
  await expect(row).toContainText('Closed');
  await expect(row).not.toContainText('recording');
});

test('a session from before the app restarted is in Sessions and reopens with its packets, read-only', async ({ page, aedes }) => {
  const broker = await aedes();
  const dataDir = scratchDir('data');
  const first = await startWebHostProcess(dataDir);
  try {
    const scope = new ScopePage(page);
    await scope.open(first.url);
    await scope.fill({ host: broker.host, port: broker.port, clientId: 'before-restart', subscriptions: 'kept/# 1' });
    await scope.connect();
    await expect(scope.packetRow('SUBACK', 'Broker → Client')).toHaveCount(1);
    await scope.disconnect();
    await expect(scope.packetRow('DISCONNECT', 'Client → Broker')).toHaveCount(1);
  } finally {
    await first.stop();
  }

  const second = await startWebHostProcess(dataDir);
  try {
    const scope = new ScopePage(page);
    await scope.open(second.url);
    await page.getByRole('navigation', { name: 'Side panels' }).getByRole('button', { name: 'Sessions', exact: true }).click();
    const sessions = scope.region('Sessions');
    const row = sessions.getByRole('row').filter({ hasText: 'before-restart' });
    await expect(row).toContainText('Closed');
    await expect(row).toContainText(`${broker.host}:${broker.port}`);
    await expect(row.getByRole('cell').nth(2)).toContainText('5 packets');
    await expect(row.getByRole('button', { name: 'Delete before-restart' })).toBeEnabled();
    await row.getByRole('button', { name: 'Open before-restart' }).click();

    await expect(page.getByRole('tablist', { name: 'Recorded connections' }).getByRole('tab', { name: /before-restart/ })).toHaveAttribute('aria-selected', 'true');
    for (const [type, direction] of [['CONNECT', 'Client → Broker'], ['CONNACK', 'Broker → Client'], ['SUBSCRIBE', 'Client → Broker'], ['SUBACK', 'Broker → Client'], ['DISCONNECT', 'Client → Broker']] as const) {
      await expect(scope.packetRow(type, direction)).toHaveCount(1);
    }
    await expect(scope.connackValue('Return code')).toHaveText('0 Connection accepted');
    await expect(page.getByRole('status', { name: 'Connection status' })).toContainText('read-only');
    await expect(page.getByRole('button', { name: 'Disconnect', exact: true })).toBeDisabled();

    // The size cap: checked as typed, saved in the store.
    const cap = sessions.getByLabel('Size cap', { exact: true });
    await expect(cap).toHaveValue('2');
    await expect(sessions.getByLabel('Size cap unit')).toHaveValue('GB');
    await cap.fill('0.5');
    await sessions.getByLabel('Size cap unit').selectOption('MB');
    await expect(sessions.getByRole('alert')).toHaveText('The size cap is at least 1 MB');
    await expect(sessions.getByRole('button', { name: 'Save cap' })).toBeDisabled();
    await cap.fill('500');
    await sessions.getByRole('button', { name: 'Save cap' }).click();
    await expect(sessions.getByRole('status')).toHaveText('Saved: at most 500 MB.');
    await expect.poll(() => JSON.parse(readFileSync(path.join(dataDir, 'traces', 'settings.json'), 'utf8')).capBytes).toBe(500 * 1024 * 1024);

    // Deleting asks first, then the row is gone.
    await row.getByRole('button', { name: 'Delete before-restart' }).click();
    await sessions.getByRole('group', { name: 'Delete before-restart?' }).getByRole('button', { name: 'Delete', exact: true }).click();
    await expect(sessions.getByRole('row').filter({ hasText: 'before-restart' })).toHaveCount(0);
  } finally {
    await second.stop();
  }
});

test('a saved trace dropped on the window opens; one cut short opens up to its break, the offset said', async ({ page, aedes }) => {
  const broker = await aedes();
  const dataDir = scratchDir('data');
  const host = await startWebHostProcess(dataDir);
  try {
    const scope = new ScopePage(page);
    await scope.open(host.url);
    await scope.fill({ host: broker.host, port: broker.port, clientId: 'dropped', subscriptions: 'drop/# 0' });
    await scope.connect();
    await expect(scope.packetRow('SUBACK', 'Broker → Client')).toHaveCount(1);
    await scope.disconnect();
    await expect.poll(() => closedSession(dataDir, 'dropped')).toBeDefined();
    const whole = readFileSync(path.join(dataDir, 'traces', `${closedSession(dataDir, 'dropped')!.id}.trace`));
    // The live connection's tab closed, so the one the file opens is the only one.
    await page.getByRole('button', { name: /Close tab dropped/ }).click();

    await dropFile(page, 'dropped.trace', whole);
    const opened = page.getByRole('status', { name: 'Opened file' });
    // The store's own file is the session it holds: shown, not copied beside it.
    await expect(opened).toContainText('Opened dropped.trace: 1 session, already in Sessions (shown, not copied).');
    await expect(page.getByRole('tablist', { name: 'Recorded connections' }).getByRole('tab', { name: /dropped/ })).toHaveAttribute('aria-selected', 'true');
    await expect(scope.packetRow('SUBACK', 'Broker → Client')).toHaveCount(1);
    await expect(scope.packetRow('DISCONNECT', 'Client → Broker')).toHaveCount(1);
    await expect(page.getByRole('status', { name: 'Connection status' })).toContainText('recorded, read-only');

    // Cut inside the DISCONNECT's record: everything before it opens, and the break is named.
    const breakAt = disconnectRecordAt(whole);
    expect(breakAt).toBeGreaterThan(0);
    await dropFile(page, 'cut.trace', whole.subarray(0, breakAt + RECORD_HEADER_SIZE + 1));
    const problem = page.getByRole('alert', { name: 'Opened file' });
    await expect(problem).toContainText('Opened cut.trace: 1 session.');
    await expect(problem).toContainText(`The file ends inside a record at byte ${breakAt}`);
    await expect(page.getByRole('tablist', { name: 'Recorded connections' }).getByRole('tab', { selected: true })).toHaveCount(1);
    await expect(scope.packetRow('SUBACK', 'Broker → Client')).toHaveCount(1);
    await expect(scope.packetRow('DISCONNECT', 'Client → Broker')).toHaveCount(0);
    await expect(scope.packetRow('CONNECT', 'Client → Broker')).toHaveCount(1);
  } finally {
    await host.stop();
  }
});

test('Open file… offers the app’s own files: saved traces (.mqtrace) and profiles exports (.mqttprofiles), which it imports', async ({ scope, page }) => {
  await page.getByRole('navigation', { name: 'Side panels' }).getByRole('button', { name: 'Sessions', exact: true }).click();
  const sessions = scope.region('Sessions');
  const chooser = page.waitForEvent('filechooser');
  await sessions.getByRole('button', { name: 'Open file…' }).click();
  const accepted = (await (await chooser).element().getAttribute('accept'))!.split(',');
  expect(accepted).toEqual(expect.arrayContaining(['.mqtrace', '.pcapng', '.pcap', '.mqttprofiles']));

  const exported = { format: 'mqttscope-profiles', version: 1, profiles: [{ name: 'Team broker', options: { host: 'broker.example', port: 1883, protocolVersion: '3.1.1', clientId: 'team', clean: true, keepAlive: 60 } }] };
  await sessions.getByLabel('Open file', { exact: true }).setInputFiles({ name: 'team.mqttprofiles', mimeType: 'application/octet-stream', buffer: Buffer.from(JSON.stringify(exported)) });
  await expect(page.getByRole('status', { name: 'Opened file' })).toContainText('Imported 1 profile from team.mqttprofiles.');
  await page.getByRole('navigation', { name: 'Side panels' }).getByRole('button', { name: 'Profiles', exact: true }).click();
  await expect(page.getByRole('list', { name: 'Saved profiles' }).getByRole('button', { name: 'Team broker', exact: true })).toBeVisible();
  // Nothing was read as a capture.
  await expect(page.getByRole('navigation', { name: 'Connections' })).toHaveCount(0);
});

/** A saved trace of one session: a CONNECT, then a PUBLISH of `payloadBytes` (a big session). */
function bigTrace(clientId: string, startTime: number, payloadBytes: number): Buffer {
  const chunks = [
    { dir: 'c2s' as const, time: startTime, bytes: encodePacket({ type: 'CONNECT', clientId, clean: true, keepAlive: 60 }) },
    { dir: 'c2s' as const, time: startTime + 1, bytes: encodePacket({ type: 'PUBLISH', topic: 'big', payload: new Uint8Array(payloadBytes) }) },
  ];
  return Buffer.concat(encodeTraceFile([{ id: clientId, origin: 'client', label: clientId, startTime, chunks, lifecycle: [] }]));
}

test('a size cap below what the store holds names the sessions it deletes first; kept, nothing goes; one ended meanwhile is named before it goes', async ({ scope, page }) => {
  const day = Date.UTC(2026, 0, 5, 9);
  await dropFile(page, 'old.mqtrace', bigTrace('big-old', day, 700 * 1024));
  await expect(page.getByRole('status', { name: 'Opened file' })).toContainText('1 session');
  await dropFile(page, 'new.mqtrace', bigTrace('big-new', day + 60_000, 700 * 1024));
  await expect(page.getByRole('status', { name: 'Opened file' })).toContainText('Opened new.mqtrace');
  await page.getByRole('navigation', { name: 'Side panels' }).getByRole('button', { name: 'Sessions', exact: true }).click();
  const sessions = scope.region('Sessions');
  const rows = sessions.getByRole('table', { name: 'Recorded sessions' }).getByRole('row').filter({ hasText: /big-/ });
  await expect(rows).toHaveCount(2);

  await sessions.getByLabel('Size cap', { exact: true }).fill('1');
  await sessions.getByLabel('Size cap unit').selectOption('MB');
  await sessions.getByRole('button', { name: 'Save cap' }).click();
  const confirm = sessions.getByRole('alertdialog');
  await expect(confirm).toContainText('This cap deletes 1 session');
  await expect(confirm.getByRole('list', { name: 'Sessions the cap deletes' }).getByRole('listitem')).toHaveText([/^big-old/]);
  await confirm.getByRole('button', { name: 'Keep them' }).click();
  await expect(confirm).toHaveCount(0);
  // The field shows the saved cap again, and says it is unchanged.
  await expect(sessions.getByRole('status')).toHaveText('The cap stays 2 GB.');
  await expect(sessions.getByLabel('Size cap', { exact: true })).toHaveValue('2');
  await expect(sessions.getByLabel('Size cap unit')).toHaveValue('GB');
  await expect(rows).toHaveCount(2);
  // Read again from the engine: nothing was deleted, the cap is as it was.
  await page.reload();
  await page.getByRole('navigation', { name: 'Side panels' }).getByRole('button', { name: 'Sessions', exact: true }).click();
  await expect(rows).toHaveCount(2);
  await expect(sessions.getByLabel('Size cap', { exact: true })).toHaveValue('2');

  await sessions.getByLabel('Size cap', { exact: true }).fill('1');
  await sessions.getByLabel('Size cap unit').selectOption('MB');
  await sessions.getByRole('button', { name: 'Save cap' }).click();
  await expect(confirm.getByRole('list', { name: 'Sessions the cap deletes' }).getByRole('listitem')).toHaveText([/^big-old/]);
  // Before it is confirmed, another session ends (a file opened, older than both): the store
  // refuses to delete what was not listed, and the page lists what goes now.
  await dropFile(page, 'older.mqtrace', bigTrace('big-older', day - 60_000, 700 * 1024));
  await expect(page.getByRole('status', { name: 'Opened file' })).toContainText('Opened older.mqtrace');
  await confirm.getByRole('button', { name: 'Delete 1 session and save the cap' }).click();
  await expect(sessions.getByRole('status')).toHaveText(/^Not saved: This cap now also deletes 1 session not confirmed \(big-older\); nothing was deleted/);
  await expect(confirm.getByRole('list', { name: 'Sessions the cap deletes' }).getByRole('listitem')).toHaveText([/^big-older/, /^big-old/]);
  await expect(rows).toHaveCount(3);
  await confirm.getByRole('button', { name: 'Delete 2 sessions and save the cap' }).click();
  await expect(sessions.getByRole('status')).toHaveText('Saved: at most 1 MB.');
  await expect(rows).toHaveText([/big-new/]);
});
