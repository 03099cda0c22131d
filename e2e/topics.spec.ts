// The Topics region against a real mosquitto: messages published by mosquitto_pub become a tree
// with counts; a topic chosen shows its messages and opens them; text is found in the payloads;
// a retained message cleared from the UI (once confirmed) is gone for a new subscriber.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { expect, test } from './fixtures';

const run = promisify(execFile);

test('a tree of the topics received, their messages, a payload word found, a retained message cleared', async ({ scope, mosquitto }) => {
  const broker = await mosquitto();
  const publish = (topic: string, message: string, ...flags: string[]) => run('mosquitto_pub', ['-h', '127.0.0.1', '-p', String(broker.port), '-t', topic, '-m', message, ...flags]);
  // Retained before the app subscribes: it arrives with the retain flag.
  await publish('plant/status', 'running', '-r');
  await scope.fill({ host: broker.host, port: broker.port, clientId: 'topics-e2e', subscriptions: 'plant/# 0' });
  await scope.connect();
  await expect(scope.packetRow('SUBACK', 'Broker → Client')).toBeVisible();
  for (const [topic, message] of [['plant/line-1/temp', '21.0'], ['plant/line-2/temp', '19.5'], ['plant/line-1/temp', '21.4 walrus'], ['plant/line-1/temp', '21.9']]) await publish(topic, message);

  await scope.openDrawer('Topics');
  const topics = scope.region('Topics');
  const level = (path: string) => topics.getByRole('treeitem', { name: path, exact: true });
  await expect(level('plant')).toContainText('5 below');
  await level('plant').getByRole('button', { name: 'plant' }).click();
  await expect(level('plant/line-1')).toContainText('3 below');
  await expect(level('plant/line-2')).toContainText('1 below');
  await expect(level('plant/status')).toContainText('1 message');
  await expect(level('plant/status')).toContainText('retained');
  await level('plant/line-1').getByRole('button', { name: 'line-1' }).click();
  await expect(level('plant/line-1/temp')).toContainText('3 messages');
  await expect(level('plant/line-1/temp')).toContainText('21.9');
  // With no message since, the topic's rate falls as time passes: read again while nothing comes.
  const rate = level('plant/line-1/temp').locator('.topic-rate');
  const first = Number.parseFloat((await rate.textContent()) ?? '');
  expect(first).toBeGreaterThan(0);
  await expect.poll(async () => Number.parseFloat((await rate.textContent()) ?? ''), { timeout: 30_000 }).toBeLessThan(first);

  // Choosing the topic lists its messages, newest first, and opens the newest.
  await level('plant/line-1/temp').getByRole('button', { name: 'temp' }).click();
  const messages = topics.getByRole('list', { name: 'Messages on plant/line-1/temp' });
  await expect(messages.getByRole('listitem')).toHaveCount(3);
  await expect(messages.getByRole('listitem').first()).toContainText('21.9');
  const details = scope.region('Packet details');
  await expect(details).toContainText('21.9');
  // Beside the tree, as MQTT Explorer shows them: the topic's messages and the payload opened.
  const payload = topics.getByRole('region', { name: 'Payload' });
  await expect(payload).toContainText('on "plant/line-1/temp"');
  const tree = (await topics.getByRole('tree', { name: 'Topic tree' }).boundingBox())!;
  for (const beside of [messages, payload]) {
    const box = (await beside.boundingBox())!;
    expect(box.x).toBeGreaterThanOrEqual(tree.x + tree.width - 1);
    expect(box.y).toBeLessThan(tree.y + tree.height);
  }
  await messages.getByRole('button').last().click();
  await expect(details).toContainText('21.0');
  await expect(messages.getByRole('button').last()).toHaveAttribute('aria-pressed', 'true');

  // A topic found by a part of its name.
  await topics.getByLabel('Find topic', { exact: true }).fill('line-2');
  await expect(topics.getByRole('tree', { name: 'Topics found' }).getByRole('treeitem')).toHaveCount(2);
  await topics.getByLabel('Find topic', { exact: true }).fill('');

  // A word of a payload, found in the engine; the match opens its packet.
  await topics.getByLabel('Find in messages', { exact: true }).fill('walrus');
  const found = topics.getByRole('list', { name: 'Messages found' });
  await expect(found.getByRole('listitem')).toHaveCount(1);
  await found.getByRole('button').click();
  await expect(details).toContainText('21.4 walrus');

  // The retained message, cleared once confirmed: a new subscriber gets nothing for the topic.
  const retained = topics.getByRole('list', { name: 'Retained messages received' }).getByRole('listitem', { name: 'plant/status' });
  await expect(retained).toContainText('running');
  // By keyboard: the confirm takes the focus from Clear (on Keep it, so a second Enter does not
  // clear unread), Keep it gives it back, and once cleared the topic's row holds it.
  const clearButton = retained.getByRole('button', { name: 'Clear', exact: true });
  await clearButton.focus();
  await scope.page.keyboard.press('Enter');
  await expect(retained.getByRole('button', { name: 'Keep it', exact: true })).toBeFocused();
  await scope.page.keyboard.press('Enter');
  await expect(clearButton).toBeFocused();
  await scope.page.keyboard.press('Enter');
  await expect(retained.getByRole('button', { name: 'Keep it', exact: true })).toBeFocused();
  await scope.page.keyboard.press('Shift+Tab');
  await expect(retained.getByRole('button', { name: 'Clear it', exact: true })).toBeFocused();
  await scope.page.keyboard.press('Enter');
  await expect(retained).toContainText('cleared');
  await expect(retained.getByRole('button').first()).toBeFocused();
  const fresh = await run('mosquitto_sub', ['-h', '127.0.0.1', '-p', String(broker.port), '-t', 'plant/status', '-C', '1', '-W', '2']).catch((error: { stdout: string; code: number }) => error);
  expect(fresh.stdout).toBe('');
});

test('topic levels in natural order: sensor-2 before sensor-10', async ({ scope, mosquitto }) => {
  const broker = await mosquitto();
  await scope.fill({ host: broker.host, port: broker.port, clientId: 'natural-order', subscriptions: 'site/# 0' });
  await scope.connect();
  await expect(scope.packetRow('SUBACK', 'Broker → Client')).toBeVisible();
  for (const name of ['sensor-10', 'sensor-2', 'sensor-1']) await run('mosquitto_pub', ['-h', '127.0.0.1', '-p', String(broker.port), '-t', `site/${name}`, '-m', '1']);
  await scope.openDrawer('Topics');
  const topics = scope.region('Topics');
  await expect(topics.getByRole('treeitem', { name: 'site', exact: true })).toContainText('3 below');
  await topics.getByRole('treeitem', { name: 'site', exact: true }).getByRole('button', { name: 'site' }).click();
  const sensors = topics.getByRole('tree', { name: 'Topic tree' }).getByRole('treeitem', { level: 2 });
  await expect(sensors.getByRole('button')).toHaveText(['sensor-1', 'sensor-2', 'sensor-10']);
  // And so in what a search finds.
  await topics.getByLabel('Find topic', { exact: true }).fill('sensor');
  await expect(topics.getByRole('tree', { name: 'Topics found' }).getByRole('button')).toHaveText(['site/sensor-1', 'site/sensor-2', 'site/sensor-10']);
});

test('the embedded broker lists its retained messages and purges one once confirmed', async ({ scope }) => {
  await scope.showView('Broker');
  const panel = scope.region('Broker');
  await panel.getByRole('button', { name: 'Start broker' }).click();
  await expect(panel).toContainText('Embedded broker running on 127.0.0.1:');
  const port = /127\.0\.0\.1:(\d+)/.exec((await panel.textContent()) ?? '')![1];
  await run('mosquitto_pub', ['-h', '127.0.0.1', '-p', port, '-V', 'mqttv311', '-t', 'site/door', '-m', 'closed', '-r']);
  await panel.getByRole('button', { name: 'Read retained messages again' }).click();
  const retained = panel.getByRole('list', { name: 'Broker retained messages' }).getByRole('listitem', { name: 'site/door' });
  await expect(retained).toContainText('closed');
  await retained.getByRole('button', { name: 'Purge', exact: true }).click();
  await retained.getByRole('button', { name: 'Purge it', exact: true }).click();
  await expect(panel.getByRole('list', { name: 'Broker retained messages' }).getByRole('listitem')).toHaveCount(0);
});
