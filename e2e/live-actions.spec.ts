// Publishing and subscribing on a live connection against a real mosquitto, checked by clients
// nobody here wrote: mosquitto_sub receives what the UI publishes, mosquitto_pub's messages
// reach the UI's subscriptions (and stop when it unsubscribes).
import { execFile, spawn } from 'node:child_process';
import { promisify } from 'node:util';
import { expect, test } from './fixtures';
import type { ScopePage } from './support/scope-page';

const run = promisify(execFile);

/** mosquitto_sub on one topic, ready once its SUBACK came: the lines it printed (`topic payload`). */
async function mosquittoSub(port: number, topic: string, count: number) {
  // Line-buffered: through a pipe its output would wait for it to exit, SUBACK line included.
  const child = spawn('stdbuf', ['-oL', 'mosquitto_sub', '-h', '127.0.0.1', '-p', String(port), '-t', topic, '-C', String(count), '-v', '-d']);
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
  await expect.poll(() => output, { timeout: 30_000 }).toContain('received SUBACK');
  return {
    /** The messages received so far, debug lines left out. */
    messages: () => output.split('\n').filter((line) => line.startsWith(`${topic} `)),
    stop: () => child.kill(),
  };
}

const publishTo = (port: number, topic: string, message: string) => run('mosquitto_pub', ['-h', '127.0.0.1', '-p', String(port), '-t', topic, '-m', message]);

async function connect(scope: ScopePage, fields: Parameters<ScopePage['fill']>[0]) {
  await scope.fill(fields);
  await scope.connect();
  await expect(scope.connackValue(fields.version === '5' ? 'Reason code' : 'Return code')).toContainText(fields.version === '5' ? 'Success' : 'Connection accepted');
}

test('text and JSON published from the UI reach mosquitto_sub; invalid JSON is refused, saying where', async ({ scope, mosquitto, page }) => {
  const broker = await mosquitto();
  await connect(scope, { host: broker.host, port: broker.port, clientId: 'live-publisher' });
  const subscriber = await mosquittoSub(broker.port, 'live/text', 2);
  try {
    await scope.openDrawer('Publish');
    const publish = scope.region('Publish');
    // MQTT 3.1.1: no PUBLISH properties to set.
    await expect(publish.getByText('MQTT 5 properties')).toHaveCount(0);
    await publish.getByLabel('Topic', { exact: true }).fill('live/text');
    await publish.getByLabel('Payload', { exact: true }).fill('hello from the UI');
    await publish.getByRole('button', { name: 'Publish', exact: true }).click();
    await expect(publish.getByRole('status').filter({ hasText: 'Sent to live/text.' })).toBeVisible();

    await publish.getByLabel('Payload as', { exact: true }).selectOption('json');
    await publish.getByLabel('Payload', { exact: true }).fill('{\n  "temperature": 21.5,\n  }');
    await publish.getByRole('button', { name: 'Publish', exact: true }).click();
    await expect(publish.getByText('Not JSON: Unexpected token “}” at line 3 column 3')).toBeVisible();
    await expect(publish.getByLabel('Payload', { exact: true })).toHaveAttribute('aria-invalid', 'true');
    expect(scope.sentRequests.filter((method) => method === 'connection.publish')).toHaveLength(1);

    await publish.getByLabel('Payload', { exact: true }).fill('{"temperature": 21.5}');
    await expect(publish.getByText(/^Not JSON/)).toHaveCount(0);
    await publish.getByRole('button', { name: 'Publish', exact: true }).click();
    await expect.poll(subscriber.messages).toEqual(['live/text hello from the UI', 'live/text {"temperature": 21.5}']);
    await expect(scope.packetRow('PUBLISH', 'Client → Broker')).toHaveCount(2);

    // The history holds both, newest first; one click sends one again.
    await publish.getByText('History (2)').click();
    const history = publish.getByRole('list', { name: 'Publish history' });
    await expect(history.getByRole('listitem')).toHaveCount(2);
    await expect(history.getByRole('listitem').first()).toContainText('{"temperature": 21.5}');
    await history.getByRole('listitem').nth(1).getByRole('button', { name: 'Send again to live/text' }).click();
    await expect(scope.packetRow('PUBLISH', 'Client → Broker')).toHaveCount(3);
    await expect(history.getByRole('listitem').first()).toContainText('hello from the UI');
  } finally {
    subscriber.stop();
  }
});

test('a filter subscribed on the live connection receives mosquitto_pub’s messages until it is unsubscribed', async ({ scope, mosquitto, page }) => {
  const broker = await mosquitto();
  await connect(scope, { version: '5', host: broker.host, port: broker.port, clientId: 'live-subscriber', subscriptions: 'live/kept 0' });
  await scope.openDrawer('Subscriptions');
  const subscriptions = scope.region('Subscriptions');
  const filters = subscriptions.getByRole('list', { name: 'Topic filters' });
  // The CONNECT plan's filter is in the table with its SUBACK's answer.
  await expect(filters.getByRole('listitem', { name: 'live/kept' })).toContainText('Granted QoS 0');

  await subscriptions.getByLabel('Topic filter', { exact: true }).fill('live/removed');
  await subscriptions.getByLabel('Maximum QoS', { exact: true }).selectOption('1');
  await subscriptions.getByLabel('Subscription identifier', { exact: true }).fill('7');
  await subscriptions.getByRole('button', { name: 'Subscribe', exact: true }).click();
  const removed = filters.getByRole('listitem', { name: 'live/removed' });
  await expect(removed).toContainText('Granted QoS 1');
  await expect(removed).toContainText('QoS 1 asked · identifier 7');

  await publishTo(broker.port, 'live/removed', 'before unsubscribing');
  const deliveries = (text: string) => scope.packetRow('PUBLISH', 'Broker → Client').filter({ hasText: text });
  await expect(deliveries('before unsubscribing')).toHaveCount(1);

  // The table is the engine's: a reloaded page shows it again.
  await page.reload();
  await scope.navigatorItem(`live-subscriber · ${broker.host}:${broker.port}, `).click();
  await scope.openDrawer('Subscriptions');
  await expect(filters.getByRole('listitem')).toHaveCount(2);
  await expect(removed).toContainText('Granted QoS 1');

  await removed.getByRole('button', { name: 'Unsubscribe from live/removed' }).click();
  await expect(removed).toHaveCount(0);
  await expect(scope.packetRow('UNSUBACK', 'Broker → Client')).toHaveCount(1);

  await publishTo(broker.port, 'live/removed', 'after unsubscribing');
  await publishTo(broker.port, 'live/kept', 'still subscribed marker');
  await expect(deliveries('still subscribed marker')).toHaveCount(1);
  await expect(deliveries('after unsubscribing')).toHaveCount(0);
  await expect(filters.getByRole('listitem')).toHaveCount(1);

  // MQTT 5 PUBLISH properties set in the UI go through the broker and come back on live/kept.
  await scope.openDrawer('Publish');
  const publish = scope.region('Publish');
  await publish.getByLabel('Topic', { exact: true }).fill('live/kept');
  await publish.getByLabel('Payload', { exact: true }).fill('with properties');
  await publish.getByText('MQTT 5 properties').click();
  await publish.getByLabel('Content type', { exact: true }).fill('text/x-scope');
  await publish.getByLabel('User properties', { exact: true }).fill('origin=live-actions');
  await publish.getByRole('button', { name: 'Publish', exact: true }).click();
  await deliveries('with properties').click();
  const details = scope.region('Packet details');
  await expect(details).toContainText('text/x-scope');
  await expect(details).toContainText('live-actions');
});

test('a publish template saved with the profile comes back when the profile is opened after a reload, on connections opened from it only', async ({ scope, aedes, page }) => {
  // Templates are the page's and the profile's: any broker does, and the in-process one starts
  // without a process of its own.
  const broker = await aedes();
  await scope.fill({ host: broker.host, port: broker.port, clientId: 'templater' });
  await page.getByLabel('Profile name', { exact: true }).fill('Lab broker');
  await page.getByRole('button', { name: 'Save profile' }).click();
  await expect(page.getByText('Saved “Lab broker”.')).toBeVisible();
  // Connected from the form the profile was saved from: the connection is the profile's.
  await connect(scope, {});

  await scope.openDrawer('Publish');
  const publish = scope.region('Publish');
  await publish.getByLabel('Topic', { exact: true }).fill('templates/reading');
  await publish.getByLabel('Payload as', { exact: true }).selectOption('json');
  await publish.getByLabel('Payload', { exact: true }).fill('{"x": 1}');
  await publish.getByLabel('QoS', { exact: true }).selectOption('1');
  await publish.getByRole('checkbox', { name: 'Retain', exact: true }).check();
  await publish.getByText('Templates of “Lab broker” (0)').click();
  await publish.getByLabel('Template name', { exact: true }).fill('Reading');
  await publish.getByRole('button', { name: 'Save as template' }).click();
  await expect(publish.getByText('Saved “Reading” with the profile “Lab broker”.')).toBeVisible();

  // Another client id is another connection than the profile's: no templates to save into it.
  await connect(scope, { clientId: 'someone-else' });
  await expect(publish.getByText(/^Templates of/)).toHaveCount(0);
  await publish.getByText('Templates', { exact: true }).click();
  await expect(publish.getByText(/connect from it to keep templates with its connections/)).toBeVisible();

  await page.reload();
  await scope.showView('New connection');
  await page.getByRole('list', { name: 'Saved profiles' }).getByRole('button', { name: 'Lab broker', exact: true }).click();
  // The reattached connections were not opened from it (this page does not know how they were):
  // a new one is. Its client id is still in use, hence the confirmation.
  await scope.connect({ anyway: true });
  // What the person waits for: the new connection, chosen, accepted.
  await expect(page.getByRole('tree', { name: 'Connections and sessions' }).getByRole('treeitem', { selected: true })).toHaveAccessibleName(new RegExp(`^templater · ${broker.host}:${broker.port} #2, `));
  await expect(scope.connackValue('Return code')).toHaveText('0 Connection accepted');
  await scope.openDrawer('Publish');
  const templates = publish.getByRole('list', { name: 'Publish templates' });
  await templates.getByRole('button', { name: 'Reading', exact: true }).click();
  await expect(publish.getByLabel('Topic', { exact: true })).toHaveValue('templates/reading');
  await expect(publish.getByLabel('Payload as', { exact: true })).toHaveValue('json');
  await expect(publish.getByLabel('Payload', { exact: true })).toHaveValue('{"x": 1}');
  await expect(publish.getByLabel('QoS', { exact: true })).toHaveValue('1');
  await expect(publish.getByRole('checkbox', { name: 'Retain', exact: true })).toBeChecked();
});

test('repeat 5 × 50 ms sends five PUBLISHes with its progress; a long one stops; a closed connection says why it cannot publish', async ({ scope, mosquitto, page }) => {
  const broker = await mosquitto();
  await connect(scope, { host: broker.host, port: broker.port, clientId: 'repeater' });
  await scope.openDrawer('Publish');
  const publish = scope.region('Publish');
  await publish.getByLabel('Topic', { exact: true }).fill('live/repeat');
  await publish.getByLabel('Payload', { exact: true }).fill('tick');
  await publish.getByLabel('Times', { exact: true }).fill('5');
  await publish.getByLabel('Every (ms)', { exact: true }).fill('50');
  await publish.getByRole('button', { name: 'Repeat', exact: true }).click();
  const progress = publish.getByRole('status', { name: 'Repeat progress' });
  await expect(progress).toContainText('Done: 5 of 5 sent');
  await expect(scope.packetRow('PUBLISH', 'Client → Broker')).toHaveCount(5);

  await publish.getByLabel('Times', { exact: true }).fill('1000');
  await publish.getByRole('button', { name: 'Repeat', exact: true }).click();
  await expect(progress).toContainText('Repeating:');
  await publish.getByRole('button', { name: 'Stop', exact: true }).click();
  await expect(progress).toContainText(/Stopped: [\d,]+ of 1,000 sent/);
  // Stop is gone with the run; its focus went to Repeat, not to the page.
  await expect(publish.getByRole('button', { name: 'Repeat', exact: true })).toBeFocused();
  // The line beside Publish follows the repeat to its end.
  await expect(publish.getByRole('status').filter({ hasText: 'Stopped repeating to live/repeat.' })).toBeVisible();
  await expect(publish.getByRole('status').filter({ hasText: /^Repeating to/ })).toHaveCount(0);

  await scope.disconnect();
  await expect(page.getByRole('note')).toContainText('This connection is closed');
  await expect(publish.getByRole('button', { name: 'Publish', exact: true })).toBeDisabled();
  await scope.openDrawer('Subscriptions');
  await expect(page.getByRole('note')).toContainText('This connection is closed');
  await expect(scope.region('Subscriptions').getByRole('button', { name: 'Subscribe', exact: true })).toBeDisabled();
});

test('Ctrl+Enter publishes from Publish and subscribes from Subscriptions, never connects; the keyboard keeps its place; each connection has its own form and status', async ({ scope, mosquitto, page }) => {
  const broker = await mosquitto();
  await connect(scope, { host: broker.host, port: broker.port, clientId: 'live-keys' });
  const subscriber = await mosquittoSub(broker.port, 'keys/a', 2);
  const opened = () => scope.sentRequests.filter((method) => method === 'connection.open').length;
  const tabs = scope.navigatorGroupItems('This app');
  try {
    await scope.openDrawer('Publish');
    const publish = scope.region('Publish');
    const payload = publish.getByLabel('Payload', { exact: true });
    const publishButton = publish.getByRole('button', { name: 'Publish', exact: true });
    await publish.getByLabel('Topic', { exact: true }).fill('keys/a');
    await payload.fill('by keyboard');
    await payload.press('Control+Enter');
    await expect.poll(subscriber.messages).toEqual(['keys/a by keyboard']);
    await expect(scope.packetRow('PUBLISH', 'Client → Broker')).toHaveCount(1);
    await expect(publish.getByRole('status').filter({ hasText: 'Sent to keys/a.' })).toBeVisible();
    expect(opened()).toBe(1);
    await expect(tabs).toHaveCount(1);

    // Tab to Publish, Enter: the focus stays on the button, and the next Tab goes on from there.
    await payload.focus();
    await page.keyboard.press('Tab');
    await expect(publishButton).toBeFocused();
    await page.keyboard.press('Enter');
    await expect.poll(subscriber.messages).toHaveLength(2);
    await expect(publishButton).toBeFocused();
    await page.keyboard.press('Tab');
    await expect(publish.getByLabel('Times', { exact: true })).toBeFocused();

    // A refused attempt takes the last one's "Sent to …" away with it.
    await publish.getByLabel('Payload as', { exact: true }).selectOption('json');
    await payload.fill('{"broken": }');
    await payload.press('Control+Enter');
    await expect(publish.getByText(/^Not JSON/)).toBeVisible();
    await expect(publish.getByRole('status').filter({ hasText: 'Sent to' })).toHaveCount(0);

    await scope.openDrawer('Subscriptions');
    const subscriptions = scope.region('Subscriptions');
    await subscriptions.getByLabel('Topic filter', { exact: true }).fill('keys/#');
    await subscriptions.getByLabel('Topic filter', { exact: true }).press('Control+Enter');
    await expect(subscriptions.getByRole('list', { name: 'Topic filters' }).getByRole('listitem', { name: 'keys/#' })).toContainText('Granted QoS 0');
    expect(opened()).toBe(1);
    await expect(tabs).toHaveCount(1);

    // Outside those panels, Ctrl+Enter still connects: a second connection, with forms of its own.
    await scope.fill({ clientId: 'live-keys-2' });
    await page.getByLabel('Client ID', { exact: true }).press('Control+Enter');
    await expect(tabs).toHaveCount(2);
    await expect(scope.connackValue('Return code')).toContainText('Connection accepted');
    await expect(subscriptions.getByLabel('Topic filter', { exact: true })).toHaveValue('');
    await scope.openDrawer('Publish');
    await expect(publish.getByLabel('Topic', { exact: true })).toHaveValue('');
    await expect(payload).toHaveValue('');
    await expect(payload).not.toHaveAttribute('aria-invalid', 'true');
    await expect(publish.getByRole('status')).toHaveCount(0);

    await scope.navigatorItem(`live-keys · ${broker.host}:${broker.port}, `).click();
    await expect(publish.getByLabel('Topic', { exact: true })).toHaveValue('keys/a');
    await expect(payload).toHaveValue('{"broken": }');
    await scope.openDrawer('Subscriptions');
    await expect(subscriptions.getByLabel('Topic filter', { exact: true })).toHaveValue('keys/#');
  } finally {
    subscriber.stop();
  }
});
