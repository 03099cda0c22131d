// Sessions kept by the trace store, end to end: a reloaded page gets its connection back whole
// and can still end it; an open connection is in the navigator while it is open; a session from
// before a restart is under Past sessions and reopens; a saved trace dropped on the window is the
// session the store holds, and one cut short opens up to its break with the offset said; the
// store's size cap (in Settings) names what it deletes.
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
  await scope.showView('Broker');
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
  const item = scope.navigatorGroupItems('This app').and(scope.navigatorItem(`reloader · 127.0.0.1:${port},`));
  await expect(item).toHaveAttribute('aria-selected', 'true');
  await expect(packetRows(scope)).toHaveCount(before);
  await expect(scope.packetRow('PUBLISH', 'Broker → Client')).toHaveCount(3);
  await expect(page.getByRole('treeitem', { name: /connecting…/ })).toHaveCount(0);
  // The broker's side of the same connection is back too (mosquitto_pub's ended before the reload).
  await expect(scope.navigatorGroupItems('Local broker').and(scope.navigatorItem(/^reloader · from /))).toHaveCount(1);

  await scope.disconnect();
  await expect(page.getByRole('status', { name: 'Connection status' })).toContainText('Closed');
  await expect(scope.packetRow('DISCONNECT', 'Client → Broker')).toHaveCount(1);
  await expect(packetRows(scope)).toHaveCount(before + 1);
});

test('the navigator lists a connection while it is open, the only open one, and as closed once it ends', async ({ scope, page, aedes }) => {
  // A broker outside the app: the app's own connection is the only session it records.
  const broker = await aedes();
  const tree = page.getByRole('tree', { name: 'Connections and sessions' });
  // Nothing recorded: the tree holds its Profiles group alone.
  await expect(tree.getByRole('treeitem')).toHaveCount(1);
  await expect(tree.getByRole('treeitem')).toHaveAccessibleName(/^Profiles/);
  await scope.fill({ host: broker.host, port: broker.port, clientId: 'listed-open' });
  await scope.connect();
  await expect(scope.packetRow('CONNACK', 'Broker → Client')).toHaveCount(1);
  const group = tree.getByRole('treeitem', { name: /^This app/ });
  const row = scope.navigatorGroupItems('This app').and(scope.navigatorItem('listed-open'));
  await expect(row).toHaveAccessibleName(`listed-open · ${broker.host}:${broker.port}, Connected`);
  await expect(scope.navigatorGroupItems('This app')).toHaveCount(1);
  await expect(group).toContainText('1 recording');
  // Still recording: it cannot be deleted.
  await row.getByRole('button', { name: `Actions for listed-open · ${broker.host}:${broker.port}` }).click();
  await expect(page.getByRole('menu').getByRole('menuitem', { name: 'Delete…' })).toBeDisabled();
  await page.keyboard.press('Escape');
  await expect(page.getByRole('menu')).toHaveCount(0);
  await scope.disconnect();
  await expect(row).toHaveAccessibleName(`listed-open · ${broker.host}:${broker.port}, Closed`);
  await expect(group).not.toContainText('recording');
  await expect(row).not.toContainText('recording');
});

test('a session from before the app restarted is in Past sessions and reopens with its packets, read-only', async ({ page, aedes }) => {
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
    const label = `before-restart · ${broker.host}:${broker.port}`;
    const row = scope.navigatorGroupItems('Past sessions').and(scope.navigatorItem(label));
    await expect(row).toHaveAccessibleName(`${label}, Closed`);
    await expect(row.getByTitle('5 packets')).toHaveText('5');
    await row.getByRole('button', { name: `Actions for ${label}` }).click();
    await expect(page.getByRole('menu').getByRole('menuitem', { name: 'Delete…' })).toBeEnabled();
    await page.getByRole('menu').getByRole('menuitem', { name: 'Open', exact: true }).click();

    await expect(row).toHaveAttribute('aria-selected', 'true');
    for (const [type, direction] of [['CONNECT', 'Client → Broker'], ['CONNACK', 'Broker → Client'], ['SUBSCRIBE', 'Client → Broker'], ['SUBACK', 'Broker → Client'], ['DISCONNECT', 'Client → Broker']] as const) {
      await expect(scope.packetRow(type, direction)).toHaveCount(1);
    }
    await expect(scope.connackValue('Return code')).toHaveText('0 Connection accepted');
    await expect(page.getByRole('status', { name: 'Connection status' })).toContainText('read-only');
    await expect(page.getByRole('button', { name: 'Disconnect', exact: true })).toBeDisabled();

    // The size cap (in Settings): checked as typed, saved in the store.
    await scope.showView('Settings');
    const settings = scope.region('Settings');
    const cap = settings.getByLabel('Size cap', { exact: true });
    await expect(cap).toHaveValue('2');
    await expect(settings.getByLabel('Size cap unit')).toHaveValue('GB');
    await cap.fill('0.5');
    await settings.getByLabel('Size cap unit').selectOption('MB');
    await expect(settings.getByRole('alert')).toHaveText('The size cap is at least 1 MB');
    await expect(settings.getByRole('button', { name: 'Save cap' })).toBeDisabled();
    await cap.fill('500');
    await settings.getByRole('button', { name: 'Save cap' }).click();
    await expect(settings.getByRole('status')).toHaveText('Saved: at most 500 MB.');
    await expect.poll(() => JSON.parse(readFileSync(path.join(dataDir, 'traces', 'settings.json'), 'utf8')).capBytes).toBe(500 * 1024 * 1024);

    // Deleting asks first, then the row is gone.
    await scope.navigatorAction(label, 'Delete…');
    await scope.region('Navigator').getByRole('group', { name: `Delete ${label}?` }).getByRole('button', { name: 'Delete', exact: true }).click();
    await expect(scope.navigatorItem('before-restart')).toHaveCount(0);
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
    // The live connection's view closed, so the one the file opens is the only one.
    await scope.navigatorAction('dropped', 'Close');
    await expect(page.getByRole('status', { name: 'Connection status' })).toHaveCount(0);

    await dropFile(page, 'dropped.trace', whole);
    const opened = page.getByRole('status', { name: 'Opened file' });
    // The store's own file is the session it holds: shown, not copied beside it.
    await expect(opened).toContainText('Opened dropped.trace: 1 session, already in the store (shown, not copied).');
    await expect(scope.navigatorItem('dropped')).toHaveCount(1);
    await expect(scope.navigatorItem('dropped')).toHaveAttribute('aria-selected', 'true');
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
    await expect(page.getByRole('tree', { name: 'Connections and sessions' }).getByRole('treeitem', { selected: true })).toHaveCount(1);
    await expect(scope.packetRow('SUBACK', 'Broker → Client')).toHaveCount(1);
    await expect(scope.packetRow('DISCONNECT', 'Client → Broker')).toHaveCount(0);
    await expect(scope.packetRow('CONNECT', 'Client → Broker')).toHaveCount(1);
  } finally {
    await host.stop();
  }
});

test('Open file… offers the app’s own files: saved traces (.mqtrace) and profiles exports (.mqttprofiles), which it imports', async ({ scope, page }) => {
  const navigator = scope.region('Navigator');
  const chooser = page.waitForEvent('filechooser');
  await navigator.getByRole('button', { name: 'Open file…' }).click();
  const accepted = (await (await chooser).element().getAttribute('accept'))!.split(',');
  expect(accepted).toEqual(expect.arrayContaining(['.mqtrace', '.pcapng', '.pcap', '.mqttprofiles']));

  const exported = { format: 'mqttscope-profiles', version: 1, profiles: [{ name: 'Team broker', options: { host: 'broker.example', port: 1883, protocolVersion: '3.1.1', clientId: 'team', clean: true, keepAlive: 60 } }] };
  await navigator.getByLabel('Open file', { exact: true }).setInputFiles({ name: 'team.mqttprofiles', mimeType: 'application/octet-stream', buffer: Buffer.from(JSON.stringify(exported)) });
  await expect(page.getByRole('status', { name: 'Opened file' })).toContainText('Imported 1 profile from team.mqttprofiles.');
  await scope.showView('New connection');
  await expect(scope.region('Profiles').getByRole('list', { name: 'Saved profiles' }).getByRole('button', { name: 'Team broker', exact: true })).toBeVisible();
  // Nothing was read as a capture: the navigator holds the profile alone.
  const rows = page.getByRole('tree', { name: 'Connections and sessions' }).getByRole('treeitem');
  await expect(rows).toHaveCount(2);
  await expect(rows.nth(0)).toHaveAccessibleName(/^Profiles/);
  await expect(rows.nth(1)).toHaveAccessibleName('Profile Team broker, broker.example:1883');
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
  await scope.showView('Settings');
  const settings = scope.region('Settings');
  const rows = scope.navigatorItem(/^big-/);
  await expect(rows).toHaveCount(2);

  await settings.getByLabel('Size cap', { exact: true }).fill('1');
  await settings.getByLabel('Size cap unit').selectOption('MB');
  await settings.getByRole('button', { name: 'Save cap' }).click();
  const confirm = settings.getByRole('alertdialog');
  await expect(confirm).toContainText('This cap deletes 1 session');
  await expect(confirm.getByRole('list', { name: 'Sessions the cap deletes' }).getByRole('listitem')).toHaveText([/^big-old/]);
  await confirm.getByRole('button', { name: 'Keep them' }).click();
  await expect(confirm).toHaveCount(0);
  // The field shows the saved cap again, and says it is unchanged.
  await expect(settings.getByRole('status')).toHaveText('The cap stays 2 GB.');
  await expect(settings.getByLabel('Size cap', { exact: true })).toHaveValue('2');
  await expect(settings.getByLabel('Size cap unit')).toHaveValue('GB');
  await expect(rows).toHaveCount(2);
  // Read again from the engine: nothing was deleted, the cap is as it was.
  await page.reload();
  await scope.showView('Settings');
  await expect(rows).toHaveCount(2);
  await expect(settings.getByLabel('Size cap', { exact: true })).toHaveValue('2');

  await settings.getByLabel('Size cap', { exact: true }).fill('1');
  await settings.getByLabel('Size cap unit').selectOption('MB');
  await settings.getByRole('button', { name: 'Save cap' }).click();
  await expect(confirm.getByRole('list', { name: 'Sessions the cap deletes' }).getByRole('listitem')).toHaveText([/^big-old/]);
  // Before it is confirmed, another session ends (a file opened, older than both): the store
  // refuses to delete what was not listed, and the page lists what goes now.
  await dropFile(page, 'older.mqtrace', bigTrace('big-older', day - 60_000, 700 * 1024));
  await expect(page.getByRole('status', { name: 'Opened file' })).toContainText('Opened older.mqtrace');
  // The file's session is shown; back in Settings, the cap still waits to be confirmed.
  await expect(scope.navigatorItem('big-older')).toHaveAttribute('aria-selected', 'true');
  await scope.showView('Settings');
  await confirm.getByRole('button', { name: 'Delete 1 session and save the cap' }).click();
  await expect(settings.getByRole('status')).toHaveText(/^Not saved: This cap now also deletes 1 session not confirmed \(big-older\); nothing was deleted/);
  await expect(confirm.getByRole('list', { name: 'Sessions the cap deletes' }).getByRole('listitem')).toHaveText([/^big-older/, /^big-old/]);
  await expect(rows).toHaveCount(3);
  await confirm.getByRole('button', { name: 'Delete 2 sessions and save the cap' }).click();
  await expect(settings.getByRole('status')).toHaveText('Saved: at most 1 MB.');
  await expect(rows).toHaveCount(1);
  await expect(rows).toHaveAccessibleName(/^big-new/);
});
