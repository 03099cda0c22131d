// The inspector against real brokers: every byte of a CONNECT found from its field and back,
// the timeline of a persistent session across a reconnect, the diagnosis where it fails.
import { execFile } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { decode, fromHex, type Field } from '../shared/mqtt';
import { makeCertificates } from '../testing/certificates';
import { expect, scratchDir, test } from './fixtures';

const run = promisify(execFile);

/** Every field in the order the tree shows them: each one, then its children. */
function flatten(fields: readonly Field[]): Field[] {
  return fields.flatMap((field) => [field, ...flatten(field.children ?? [])]);
}

test('every field of a CONNECT is in the tree, and each lights exactly its bytes; a byte finds its field', async ({ scope, mosquitto, page }) => {
  const broker = await mosquitto([{ username: 'alice', password: 'right-password' }]);
  await scope.fill({ host: broker.host, port: broker.port, clientId: 'every-field', clean: false, keepAlive: '42', username: 'alice', password: 'right-password', willTopic: 'status/every-field', willPayload: 'gone', willQos: '1', willRetain: true });
  await scope.connect();
  await expect(scope.connackValue('Return code')).toHaveText('0 Connection accepted');
  await scope.packetRow('CONNECT', 'Client → Broker').click();

  const details = scope.region('Packet details');
  await details.getByRole('button', { name: 'Reveal password' }).click();
  const byteCells = details.getByRole('grid', { name: 'Hex dump' }).getByRole('gridcell');
  const hex = (await byteCells.allTextContents()).join('');
  const packet = decode(fromHex(hex)!, { protocolLevel: 4 });
  const fields = flatten(packet.fields);
  expect(fields.map((field) => field.key)).toEqual(expect.arrayContaining(['mqtt.clientid', 'mqtt.willtopic', 'mqtt.willmsg', 'mqtt.username', 'mqtt.passwd', 'mqtt.kalive', 'mqtt.conflag.willflag']));

  // The dump is as wide as a row of sixteen bytes and their text: nothing of a row is cut off.
  const widths = await details.getByLabel('Bytes', { exact: true }).evaluate((dump) => ({ frame: dump.querySelector('.hex-frame')!.clientWidth, row: dump.querySelector('.hex-row')!.scrollWidth }));
  expect(widths.row).toBeGreaterThan(300);
  expect(widths.frame).toBeGreaterThanOrEqual(widths.row);

  const items = details.getByRole('treeitem');
  await expect(items).toHaveCount(fields.length);
  // One real click first; then every line is chosen and its lit bytes read inside the page, in
  // one round trip (forty round trips each took long on a loaded machine).
  await items.first().locator('> .field-line').click();
  await expect(details.getByRole('grid', { name: 'Hex dump' }).getByRole('gridcell', { selected: true }).first()).toBeVisible();
  const shown = await details.evaluate(async (region) => {
    const result: { text: string; lit: number[] }[] = [];
    for (const line of region.querySelectorAll<HTMLElement>('[role="treeitem"] > .field-line')) {
      line.click();
      // Until the page shows the choice: the line selected and, for a field with bytes, bytes lit.
      const item = line.parentElement!;
      const shows = () => item.getAttribute('aria-selected') === 'true' && (item.dataset.length === '0' || region.querySelector('[role="gridcell"][aria-selected="true"]') !== null);
      while (!shows()) await new Promise((resolve) => requestAnimationFrame(resolve));
      const lit = [...region.querySelectorAll<HTMLElement>('[role="gridcell"][aria-selected="true"]')].map((cell) => Number(cell.dataset.index));
      result.push({ text: line.textContent ?? '', lit });
    }
    return result;
  });
  expect(shown).toHaveLength(fields.length);
  for (const [index, field] of fields.entries()) {
    expect(shown[index].text, field.label).toContain(field.key === 'mqtt.passwd' ? 'Password: right-password' : field.label);
    expect(shown[index].lit, field.label).toEqual(Array.from({ length: field.length }, (_, offset) => field.offset + offset));
  }

  // From bytes to field: a byte inside the will topic chooses the Will Topic field.
  const willTopic = fields.find((field) => field.key === 'mqtt.willtopic')!;
  await byteCells.nth(willTopic.offset + 3).click();
  await expect(details.getByRole('treeitem', { selected: true })).toContainText('Will Topic: status/every-field');

  // Hidden again, the password is masked in both views.
  await details.getByRole('button', { name: 'Hide password' }).click();
  await expect(details.getByText('Password: ••••••')).toBeVisible();
  expect((await byteCells.allTextContents()).join('')).not.toContain(Buffer.from('right-password').toString('hex'));
  expect(page.url()).not.toContain('right-password');
});

test('the field tree folds from its buttons and all at once; a large payload’s text is shown cut', async ({ scope, mosquitto }) => {
  const broker = await mosquitto();
  await scope.fill({ host: broker.host, port: broker.port, clientId: 'folds', subscriptions: 'big/# 0' });
  await scope.connect();
  await expect(scope.packetRow('SUBACK', 'Broker → Client')).toHaveCount(1);
  const sent = JSON.stringify({ samples: Array(10_000).fill(21.5) });
  const file = path.join(scratchDir('big'), 'samples.json');
  writeFileSync(file, sent);
  await run('mosquitto_pub', ['-h', '127.0.0.1', '-p', String(broker.port), '-i', 'pub-big', '-t', 'big/samples', '-f', file]);
  await scope.packetRow('PUBLISH', 'Broker → Client').click();

  const details = scope.region('Packet details');
  const tree = details.getByRole('tree', { name: 'Fields' });
  const items = tree.getByRole('treeitem');
  const message = tree.getByRole('treeitem', { name: /^Message: / });
  const text = tree.getByRole('treeitem', { name: /^Message \(text\): / });
  // The text's line: its first 256 characters and the size of the field, not 50 KB of text.
  const line = `Message (text): ${sent}`.slice(0, 256);
  await expect(text.locator('> .field-line')).toHaveText(`${line}… (${sent.length.toLocaleString('en')} bytes)`);

  // A field's fold button folds it, says so, and leaves the choice of field alone.
  const all = await items.count();
  await expect(message).toHaveAttribute('aria-expanded', 'true');
  await message.getByRole('button', { name: 'Fold Message', exact: true }).click();
  await expect(message).toHaveAttribute('aria-expanded', 'false');
  await expect(message.getByRole('button', { name: 'Unfold Message', exact: true })).toHaveAttribute('aria-expanded', 'false');
  await expect(text).toHaveCount(0);
  await expect(tree.getByRole('treeitem', { selected: true })).toHaveCount(0);
  await message.getByRole('button', { name: 'Unfold Message', exact: true }).click();
  await expect(items).toHaveCount(all);
  // Still one tab stop: the buttons are not tab stops of their own.
  await expect(tree.locator('[tabindex="0"]')).toHaveCount(1);

  // All at once: only the top level is left, then everything again.
  const topLevel = tree.locator(':scope > [role="treeitem"]');
  const top = await topLevel.count();
  expect(top).toBeLessThan(all);
  await details.getByRole('button', { name: 'Collapse all' }).click();
  await expect(items).toHaveCount(top);
  await expect(details.getByRole('button', { name: 'Collapse all' })).toBeDisabled();
  await details.getByRole('button', { name: 'Expand all' }).click();
  await expect(items).toHaveCount(all);

  // The line still lights the field's bytes.
  await tree.getByRole('treeitem', { name: /^Topic: / }).locator('> .field-line').click();
  await expect(details.getByRole('grid', { name: 'Hex dump' }).getByRole('gridcell', { selected: true })).toHaveCount('big/samples'.length);
});

test('the timeline of a persistent session across a reconnect, and a click on it selects the packet', async ({ scope, mosquitto }) => {
  const broker = await mosquitto();
  await scope.fill({ host: broker.host, port: broker.port, clientId: 'persistent-1', clean: false, subscriptions: 'jobs/# 1' });
  await scope.connect();
  await expect(scope.packetRow('SUBACK', 'Broker → Client')).toHaveCount(1);
  await scope.disconnect();
  // The session keeps the subscription. Without a SUBSCRIBE the CONNACK is the last packet of
  // the handshake view; a SUBACK a few µs later could share its pixel on a busy machine.
  await scope.fill({ subscriptions: '' });
  await scope.connect();
  await expect(scope.connackValue('Session present')).toContainText('yes');

  const timeline = scope.region('Timeline');
  const reconnects = timeline.getByRole('list', { name: 'Connections of client id persistent-1' });
  await expect(reconnects.getByRole('listitem')).toHaveText(['Connection 1: clean session 0, session present 0', 'Connection 2: clean session 0, session present 1']);
  await expect(timeline.getByRole('button', { name: /^CONNECT → CONNACK \d/ })).toBeVisible();

  await timeline.getByRole('button', { name: 'Handshake' }).click();
  // On its marker: the middle of a packet's box may be empty space beside its label.
  await timeline.getByRole('button', { name: /^CONNACK, broker → client/ }).locator('circle').click();
  await expect(scope.region('Packet details').getByRole('heading', { name: 'CONNACK packet' })).toBeVisible();
  await expect(scope.packets.getByRole('row', { selected: true })).toContainText('CONNACK');

  // The first connection opens from the timeline, with its own story.
  await reconnects.getByRole('button', { name: /^Connection 1/ }).click();
  await expect(scope.connackValue('Session present')).toContainText('no');
  await expect(scope.packetRow('DISCONNECT', 'Client → Broker')).toHaveCount(1);
  await expect(timeline.getByRole('button', { name: /^SUBSCRIBE id \d+, / })).toBeVisible();
});

test('diagnosis: a TLS certificate for another host name, said in words with the fix', async ({ scope, mosquitto, page }) => {
  const certificates = makeCertificates(scratchDir('certs'), ['DNS:localhost']);
  const broker = await mosquitto([], { tls: { certFile: certificates.certFile, keyFile: certificates.keyFile } });
  await page.getByLabel('Transport', { exact: true }).selectOption('mqtts');
  await scope.fill({ host: '127.0.0.1', port: broker.port });
  await page.getByLabel('CA certificate', { exact: true }).setInputFiles(certificates.caFile);
  await expect(page.getByRole('button', { name: 'Choose CA certificate file…' })).toHaveAccessibleDescription('ca.crt');
  await scope.connect();

  const diagnosis = scope.region('Diagnosis');
  await expect(diagnosis).toContainText('TLS: The certificate is for another host name');
  await expect(diagnosis).toContainText('Connect with a name the certificate lists');
  await expect(scope.connack).toContainText('No CONNACK: the connection ended before a CONNECT was sent, at the TLS layer.');
  await expect(scope.page.getByRole('status', { name: 'Connection status' })).toContainText('Failed at TLS');

  // With the name the certificate lists, the same broker accepts.
  await scope.fill({ host: 'localhost' });
  await scope.connect();
  await expect(scope.connackValue('Return code')).toHaveText('0 Connection accepted');
  await expect(scope.region('Diagnosis')).toContainText('nothing wrong seen');
});

test('the broker panel: a stored session with its subscription and a queued message; its connections open in the navigator', async ({ scope, page }) => {
  await scope.showView('Broker');
  const panel = scope.region('Broker');
  await panel.getByRole('button', { name: 'Start broker' }).click();
  await expect(panel).toContainText('Embedded broker running on 127.0.0.1:');
  const port = /127\.0\.0\.1:(\d+)/.exec((await panel.locator('code').textContent())!)![1];
  await panel.getByRole('button', { name: 'Use in the connection form' }).click();
  await expect(page.getByLabel('Port', { exact: true })).toHaveValue(port);

  await scope.fill({ clientId: 'keeper', clean: false, subscriptions: 'jobs/# 1' });
  await scope.connect();
  // What the disconnect must wait for: the broker holding the subscription, as its own view says
  // (not the SUBACK's row in the packet list, which is drawn later and says less).
  await scope.showView('Broker');
  const session = panel.getByRole('listitem', { name: 'Session keeper' });
  await expect(session).toContainText('connected · persistent');
  await expect(session).toContainText('jobs/# (QoS 1)');
  await scope.navigatorItem(`keeper · 127.0.0.1:${port}, `).click();
  await scope.disconnect();

  await run('mosquitto_pub', ['-h', '127.0.0.1', '-p', port, '-i', 'dispatcher', '-q', '1', '-t', 'jobs/42', '-m', 'print report']);
  await scope.showView('Broker');
  await expect(session).toContainText('not connected (stored)');
  await expect(session).toContainText('jobs/# (QoS 1)');
  await expect(session.locator('dt', { hasText: 'Queued messages' }).locator('xpath=following-sibling::dd[1]')).toContainText('1jobs/42 QoS 1: print report');

  // The broker's side of each connection is in the navigator, with the same views.
  await expect(scope.navigatorGroupItems('Local broker')).toHaveCount(2);
  await scope.navigatorItem(/^dispatcher · /).click();
  await expect(scope.packetRow('PUBLISH', 'Client → Broker')).toHaveCount(1);
  await expect(scope.packetRow('PUBACK', 'Broker → Client')).toHaveCount(1);

  await scope.showView('Broker');
  await panel.getByRole('button', { name: 'Stop broker' }).click();
  await expect(panel.getByRole('button', { name: 'Start broker' })).toBeVisible();
});

test('the broker panel: a live clean-session subscription is shown, though Aedes stores it nowhere', async ({ scope }) => {
  await scope.showView('Broker');
  const panel = scope.region('Broker');
  await panel.getByRole('button', { name: 'Start broker' }).click();
  await expect(panel).toContainText('Embedded broker running on 127.0.0.1:');
  await panel.getByRole('button', { name: 'Use in the connection form' }).click();
  await scope.fill({ clientId: 'watcher', clean: true, subscriptions: 'will/# 0' });
  await scope.connect();
  await scope.showView('Broker');
  const watcher = panel.getByRole('listitem', { name: 'Session watcher' });
  await expect(watcher).toContainText('connected · clean');
  await expect(watcher).toContainText('will/# (QoS 0)');
});

test('the recording proxy: a client through it is traced as the proxy\'s connection', async ({ scope, mosquitto, page }) => {
  const broker = await mosquitto();
  await scope.showView('Proxy');
  const panel = scope.region('Recording proxy');
  await panel.getByLabel('Forward to port').fill(String(broker.port));
  await panel.getByRole('button', { name: 'Start proxy' }).click();
  await expect(panel).toContainText(`forwarding to 127.0.0.1:${broker.port}`);
  const port = /Listening on 127\.0\.0\.1:(\d+)/.exec((await panel.textContent())!)![1];

  await run('mosquitto_pub', ['-h', '127.0.0.1', '-p', port, '-i', 'device-9', '-t', 'x', '-m', 'hi']);
  await scope.navigatorGroupItems('Proxy').filter({ hasText: 'device-9' }).click();
  await expect(scope.connackValue('Return code')).toHaveText('0 Connection accepted');
  await expect(scope.packetRow('PUBLISH', 'Client → Broker')).toHaveCount(1);
});

test('packets filter by type and direction, and j / k step through them', async ({ scope, mosquitto, page }) => {
  const broker = await mosquitto();
  await scope.fill({ host: broker.host, port: broker.port, clientId: 'filters', subscriptions: 'a 0\nb 1' });
  await scope.connect();
  await expect(scope.packetRow('SUBACK', 'Broker → Client')).toHaveCount(1);
  const packets = scope.region('Packets');
  await packets.getByLabel('Direction').selectOption('s2c');
  await expect(scope.packets.getByRole('row')).toHaveCount(3);
  await packets.getByLabel('Type').selectOption('CONNACK');
  await expect(scope.packets.getByRole('row')).toHaveCount(2);
  await packets.getByLabel('Type').selectOption('');
  await packets.getByLabel('Direction').selectOption('');

  await page.locator('body').click({ position: { x: 5, y: 5 } });
  await scope.stepThroughHandshakeWithJK();
});

test('dropping the connection without DISCONNECT makes the local broker publish the will', async ({ scope, page }) => {
  await scope.showView('Broker');
  const panel = scope.region('Broker');
  await panel.getByRole('button', { name: 'Start broker' }).click();
  await panel.getByRole('button', { name: 'Use in the connection form' }).click();
  await scope.fill({ clientId: 'dropper', willTopic: 'status/dropper', willPayload: 'gone', willQos: '1' });
  await scope.connect();
  await expect(scope.connackValue('Return code')).toHaveText('0 Connection accepted');
  await page.getByRole('button', { name: 'Drop connection' }).click();
  await scope.showView('Broker');
  await expect(panel.getByRole('list', { name: 'Broker events' })).toContainText('Published the will of dropper on status/dropper (abnormal close)');
  await scope.navigatorItem(/^dropper · 127\.0\.0\.1:\d+, /).click();
  await expect(page.getByRole('status', { name: 'Connection status' })).toContainText('dropper');
  await expect(scope.packetRow('DISCONNECT', 'Client → Broker')).toHaveCount(0);
  await expect(page.getByRole('status', { name: 'Connection status' })).toContainText('closed by this client: no DISCONNECT was sent, so the broker publishes the will (to status/dropper)');
});

test('a message published after connecting comes back through the subscription, each QoS 1 flow drawn', async ({ scope, mosquitto, page }) => {
  const broker = await mosquitto();
  await scope.fill({ host: broker.host, port: broker.port, clientId: 'echo', subscriptions: 'echo/# 1' });
  await page.getByLabel('Publish to', { exact: true }).fill('echo/1');
  await page.getByLabel('Message', { exact: true }).fill('ping');
  await page.getByLabel('Message QoS', { exact: true }).selectOption('1');
  await scope.connect();
  await expect(scope.packetRow('PUBLISH', 'Client → Broker')).toHaveCount(1);
  await expect(scope.packetRow('PUBLISH', 'Broker → Client')).toHaveCount(1);
  await expect(scope.packetRow('PUBACK', 'Broker → Client')).toHaveCount(1);
  await expect(scope.packetRow('PUBACK', 'Client → Broker')).toHaveCount(1);
  await expect(scope.region('Timeline').getByRole('button', { name: /^PUBLISH QoS 1 id \d+,/ })).toHaveCount(2);
});

test('a broker with many clients lists them all in the navigator', async ({ scope, page }) => {
  await scope.showView('Broker');
  const panel = scope.region('Broker');
  await panel.getByRole('button', { name: 'Start broker' }).click();
  const port = /127\.0\.0\.1:(\d+)/.exec((await panel.locator('code').textContent())!)![1];
  for (let index = 0; index < 8; index++) await run('mosquitto_pub', ['-h', '127.0.0.1', '-p', port, '-i', `meter-${index}`, '-t', 'm', '-m', String(index)]);

  await expect(scope.navigatorGroupItems('Local broker')).toHaveCount(8);
  const first = scope.navigatorItem(/^meter-0 · from 127\.0\.0\.1:\d+, Closed$/);
  await first.click();
  await expect(page.getByRole('status', { name: 'Connection status' })).toContainText('meter-0');
  // mosquitto_pub said DISCONNECT: its own normal end, seen from the broker, with no alarm.
  await expect(page.getByRole('status', { name: 'Connection status' })).toContainText('closed by the client after DISCONNECT');
  await expect(page.getByRole('status', { name: 'Connection status' })).not.toContainText('TCP connect');
  await expect(scope.region('Diagnosis')).toContainText('nothing wrong seen on this connection');
  await expect(first).toHaveAttribute('aria-selected', 'true');
});
