// The payload viewer against a real mosquitto: messages published by mosquitto_pub come back
// through the subscription; JSON is shown indented and folding (and unescaped in the packet
// list), its numbers as sent, a Sparkplug B payload encoded here with the app's schema shows its
// metrics, and a second message on a topic is diffed against the first (JSON by path).
import { execFile } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { SPARKPLUG_DATA_TYPE_IDS as TYPE, sparkplugPayloadType } from '../shared/payload/sparkplug-b-schema';
import { expect, scratchDir, test } from './fixtures';

const run = promisify(execFile);

/** Matches the whole text and nothing more. */
const exactly = (text: string) => new RegExp(`^${text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`);

test.use({ permissions: ['clipboard-read', 'clipboard-write'] });

test('a message’s payload as indented JSON, Sparkplug B metrics, and the diff against the previous message on its topic', async ({ scope, mosquitto, page }) => {
  const broker = await mosquitto();
  const publish = (topic: string, ...message: string[]) => run('mosquitto_pub', ['-h', '127.0.0.1', '-p', String(broker.port), '-i', `pub-${Date.now()}`, '-t', topic, ...message]);
  await scope.fill({ host: broker.host, port: broker.port, clientId: 'viewer', subscriptions: 'meters/# 0\nspBv1.0/# 0' });
  await scope.connect();
  await expect(scope.packetRow('SUBACK', 'Broker → Client')).toHaveCount(1);
  const received = scope.packetRow('PUBLISH', 'Broker → Client');
  await scope.openDrawer('Payload');
  const payload = scope.region('Payload');
  await expect(payload).toContainText('Choose a PUBLISH to see its payload.');

  // JSON: the list shows it as written; the viewer indents it, one key a line, and folds.
  await publish('meters/m1', '-m', '{"n":4985,"unit":"mm","limits":{"low":0,"high":9000}}');
  await expect(received).toHaveCount(1);
  await expect(received.first().getByRole('cell').last()).toHaveText('PUBLISH QoS 0 "meters/m1" 53 bytes: {"n":4985,"unit":"mm","limits":{"low":0,"high":9000}}');
  await received.first().click();
  await expect(payload.getByRole('tab', { name: 'JSON' })).toHaveAttribute('aria-selected', 'true');
  const tree = payload.getByRole('list', { name: 'JSON tree' });
  await expect(tree.getByRole('listitem').filter({ hasText: /^"n": 4985$/ })).toHaveCount(1);
  await expect(tree.getByRole('listitem').filter({ hasText: /^"unit": "mm"$/ })).toHaveCount(1);
  const limits = tree.getByRole('button', { name: 'Fold limits' });
  await expect(tree.getByRole('listitem').filter({ hasText: /^"high": 9000$/ })).toHaveCount(1);
  await limits.click();
  await expect(tree.getByRole('listitem').filter({ hasText: /^"high": 9000$/ })).toHaveCount(0);
  await expect(tree).toContainText('{ 2 keys }');
  await payload.getByRole('button', { name: 'Copy the JSON' }).click();
  await expect(payload.getByRole('status', { name: 'Payload copy outcome' })).toHaveText('Copied the JSON.');
  expect(JSON.parse(await page.evaluate(() => navigator.clipboard.readText()))).toEqual({ n: 4985, unit: 'mm', limits: { low: 0, high: 9000 } });

  // Hex and Base64 of the same bytes.
  await payload.getByRole('tab', { name: 'Hex' }).click();
  await expect(payload.getByRole('tabpanel', { name: 'Hex view' })).toContainText('00000000  7b 22 6e 22 3a 34 39 38 35 2c 22 75 6e 69 74 22  |{"n":4985,"unit"|');
  await payload.getByRole('tab', { name: 'Base64' }).click();
  await expect(payload.getByRole('tabpanel', { name: 'Base64 view' })).toHaveText(Buffer.from('{"n":4985,"unit":"mm","limits":{"low":0,"high":9000}}').toString('base64'));

  // Sparkplug B, encoded here with protobufjs and the app's schema, published as a file's bytes.
  const type = sparkplugPayloadType();
  const birth = type.encode(type.fromObject({
    timestamp: 1718000000123,
    seq: 1,
    metrics: [
      { name: 'Temperature', datatype: TYPE.Float, float_value: 21.7 },
      { name: 'Running', datatype: TYPE.Boolean, boolean_value: true },
      { name: 'Line', datatype: TYPE.String, string_value: 'north-3' },
    ],
  })).finish();
  const file = path.join(scratchDir('spb'), 'ddata.bin');
  writeFileSync(file, birth);
  await publish('spBv1.0/group/DDATA/edge/device', '-f', file);
  await expect(received).toHaveCount(2);
  await received.nth(1).click();
  // The choice of Base64 stands while stepping through messages (it reads any payload).
  await expect(payload.getByRole('tab', { name: 'Base64' })).toHaveAttribute('aria-selected', 'true');
  await payload.getByRole('tab', { name: 'Sparkplug B' }).click();
  const metrics = payload.getByRole('list', { name: 'Sparkplug B tree' });
  await expect(metrics.getByRole('listitem').filter({ hasText: /^"name": "Temperature"$/ })).toHaveCount(1);
  await expect(metrics.getByRole('listitem').filter({ hasText: /^"datatype": "Float"$/ })).toHaveCount(1);
  await expect(metrics.getByRole('listitem').filter({ hasText: /^"value": 21\.7$/ })).toHaveCount(1);
  await expect(metrics.getByRole('listitem').filter({ hasText: /^"name": "Running"$/ })).toHaveCount(1);
  await expect(metrics.getByRole('listitem').filter({ hasText: /^"value": true$/ })).toHaveCount(1);
  await expect(metrics.getByRole('listitem').filter({ hasText: /^"value": "north-3"$/ })).toHaveCount(1);
  await expect(payload.getByRole('tab', { name: 'JSON' })).toHaveClass(/not-applying/);

  // A second message on meters/m1, its keys in another order: the diff names the one value changed by its path.
  await publish('meters/m1', '-m', '{"unit":"mm","limits":{"high":9000,"low":0},"n":4986}');
  await expect(received).toHaveCount(3);
  await received.nth(2).click();
  await payload.getByRole('tab', { name: 'Diff' }).click();
  const changes = payload.getByRole('list', { name: 'Changes' });
  await expect(changes.getByRole('listitem')).toHaveText(['$.n: 4985 → 4986']);
  await expect(changes.locator('del')).toHaveText(['4985']);
  await expect(changes.locator('ins')).toHaveText(['4986']);
  await expect(payload).toContainText('Against the previous message on "meters/m1", compared as JSON by path.');
  await payload.getByRole('button', { name: 'Copy the diff' }).click();
  await expect(payload.getByRole('status', { name: 'Payload copy outcome' })).toHaveText('Copied the diff.');
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe('$.n: 4985 → 4986');
  // The first message on a topic has nothing to compare with; the previous one is one click away.
  await payload.getByRole('button', { name: 'Go to the previous message' }).click();
  await expect(received.first()).toHaveAttribute('aria-selected', 'true');
  await expect(payload).toContainText('This is the first message on "meters/m1" in this direction: nothing to compare with.');

  // A packet without a payload.
  await scope.packetRow('CONNACK', 'Broker → Client').click();
  await expect(payload).toContainText('A CONNACK carries no message payload: choose a PUBLISH.');
});

test('numbers as sent (51.0 stays 51.0) in the tree and the copy; the JSON diff by path names changed, added and removed values', async ({ scope, mosquitto, page }) => {
  const broker = await mosquitto();
  const publish = (message: string) => run('mosquitto_pub', ['-h', '127.0.0.1', '-p', String(broker.port), '-i', `pub-${Date.now()}`, '-t', 'plant/line-3', '-m', message]);
  await scope.fill({ host: broker.host, port: broker.port, clientId: 'as-sent', subscriptions: 'plant/# 0' });
  await scope.connect();
  await expect(scope.packetRow('SUBACK', 'Broker → Client')).toHaveCount(1);
  const received = scope.packetRow('PUBLISH', 'Broker → Client');
  await scope.openDrawer('Payload');
  const payload = scope.region('Payload');

  const first = '{"t":51.0,"k":1e3,"big":12345678901234567890,"z":-0,"a":{"b":20.5},"gone":"old","list":[1,2]}';
  await publish(first);
  await expect(received).toHaveCount(1);
  await received.first().click();
  const tree = payload.getByRole('list', { name: 'JSON tree' });
  for (const line of ['"t": 51.0', '"k": 1e3', '"big": 12345678901234567890', '"z": -0', '"b": 20.5']) await expect(tree.getByRole('listitem').filter({ hasText: exactly(line) }), line).toHaveCount(1);
  await payload.getByRole('button', { name: 'Copy the JSON' }).click();
  await expect(payload.getByRole('status', { name: 'Payload copy outcome' })).toHaveText('Copied the JSON.');
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  for (const line of ['"t": 51.0', '"k": 1e3', '"big": 12345678901234567890', '"z": -0']) expect(copied).toContain(line);

  await publish('{"t":51.0,"k":1e3,"big":12345678901234567890,"z":-0,"a":{"b":21},"list":[1,2,3],"new":true}');
  await expect(received).toHaveCount(2);
  await received.nth(1).click();
  await payload.getByRole('tab', { name: 'Diff' }).click();
  await expect(payload.getByRole('list', { name: 'Changes' }).getByRole('listitem')).toHaveText(['$.a.b: 20.5 → 21', '$.gone: removed "old"', '$.list[2]: added 3', '$.new: added true']);
});

test('JSON nested deeper than a stack, published twice, leaves the page working with the diff open', async ({ scope, mosquitto, page }) => {
  const broker = await mosquitto();
  await scope.fill({ host: broker.host, port: broker.port, clientId: 'deep', subscriptions: 'deep/# 0' });
  await scope.connect();
  await expect(scope.packetRow('SUBACK', 'Broker → Client')).toHaveCount(1);
  const received = scope.packetRow('PUBLISH', 'Broker → Client');
  await scope.openDrawer('Payload');
  const payload = scope.region('Payload');
  const dir = scratchDir('deep');
  for (const [index, leaf] of ['1', '2'].entries()) {
    const file = path.join(dir, `deep-${leaf}.json`);
    writeFileSync(file, `${'['.repeat(100_000)}${leaf}${']'.repeat(100_000)}`);
    await run('mosquitto_pub', ['-h', '127.0.0.1', '-p', String(broker.port), '-i', `pub-deep-${leaf}`, '-t', 'deep/a', '-f', file]);
    await expect(received).toHaveCount(index + 1);
  }
  await received.nth(1).click();
  await payload.getByRole('tab', { name: 'Diff' }).click();
  await expect(payload).toContainText('Against the previous message on "deep/a", compared as text (the first 64 K characters of each).');
  // Both start with 64 K of "[": what differs lies past what is compared, and that is said.
  await expect(payload).toContainText('The compared starts are the same.');
  // Copy the JSON copies the whole payload, not nesting cut at the depth the tree draws.
  await payload.getByRole('tab', { name: 'JSON' }).click();
  await payload.getByRole('button', { name: 'Copy the JSON' }).click();
  await expect(payload.getByRole('status', { name: 'Payload copy outcome' })).toHaveText('Copied the JSON.');
  expect((await page.evaluate(() => navigator.clipboard.readText())).length).toBe(200_001);
  // The rest of the page is still there.
  await expect(page.getByRole('heading', { name: 'MQTT Scope' })).toBeVisible();
  await received.first().click();
  await expect(received.first()).toHaveAttribute('aria-selected', 'true');
});
