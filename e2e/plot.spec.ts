// The drawer's Plot tab against a real mosquitto: JSON messages published by mosquitto_pub, the
// topic chosen in the Topics tab (the plot follows it), a numeric field chosen, its points counted
// and drawn; then another topic typed, whose payloads are plain numbers, plotted as they come.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import type { Locator } from '@playwright/test';
import { expect, test } from './fixtures';

const run = promisify(execFile);

/** Whether the chart's canvas holds pixels of the line's colour (the theme's accent). */
function lineDrawn(chart: Locator): Promise<boolean> {
  return chart.locator('canvas').evaluate((canvas: HTMLCanvasElement) => {
    const accent = getComputedStyle(document.documentElement).getPropertyValue('--accent').trim();
    const [r, g, b] = [1, 3, 5].map((at) => Number.parseInt(accent.slice(at, at + 2), 16));
    const { data } = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height);
    for (let at = 0; at < data.length; at += 4) {
      if (data[at + 3] > 200 && Math.abs(data[at] - r) < 8 && Math.abs(data[at + 1] - g) < 8 && Math.abs(data[at + 2] - b) < 8) return true;
    }
    return false;
  });
}

test('a JSON field of the topic chosen in Topics, then a typed topic of plain numbers, plotted over time', async ({ scope, mosquitto }) => {
  const broker = await mosquitto();
  const publish = (topic: string, message: string) => run('mosquitto_pub', ['-h', '127.0.0.1', '-p', String(broker.port), '-t', topic, '-m', message]);
  await scope.fill({ host: broker.host, port: broker.port, clientId: 'plot-e2e', subscriptions: 'plant/# 0' });
  await scope.connect();
  await expect(scope.packetRow('SUBACK', 'Broker → Client')).toBeVisible();
  for (const message of ['{"temp": 20.5, "hum": 40}', '{"temp": 21}', '{"status": "ok"}', '{"temp": "hot"}', '{"temp": 21.5, "hum": 42}']) await publish('plant/kitchen', message);

  await scope.openDrawer('Plot');
  const plot = scope.region('Plot');
  await expect(plot).toContainText('Choose a topic in Topics, or type one');
  await scope.openDrawer('Topics');
  const topics = scope.region('Topics');
  const level = (path: string) => topics.getByRole('treeitem', { name: path, exact: true });
  await expect(level('plant')).toContainText('5 below');
  await level('plant').getByRole('button', { name: 'plant' }).click();
  await level('plant/kitchen').getByRole('button', { name: 'kitchen' }).click();
  await scope.openDrawer('Plot');
  await expect(plot.getByLabel('Topic', { exact: true })).toHaveValue('plant/kitchen');

  const value = plot.getByLabel('Value', { exact: true });
  await expect(value.locator('option')).toHaveText(['Payload as number', 'temp', 'hum']);
  await value.selectOption('temp');
  await expect(plot).toContainText('3 points, 2 messages skipped (1 not a number, 1 without temp)');
  const chart = plot.getByRole('img', { name: 'temp on plant/kitchen over time' });
  await expect(chart).toBeVisible();
  await expect.poll(() => lineDrawn(chart)).toBe(true);

  // Another topic, typed: its payloads are numbers, plotted as the payload itself, as they come.
  await plot.getByLabel('Topic', { exact: true }).fill('plant/pressure');
  await expect(plot).toContainText('No message on plant/pressure yet.');
  for (const message of ['1013.2', '1012', 'offline', '1e3']) await publish('plant/pressure', message);
  await expect(value).toHaveValue('');
  await expect(plot).toContainText('3 points, 1 message skipped (not a number)');
  await expect.poll(() => lineDrawn(plot.getByRole('img', { name: 'Payload on plant/pressure over time' }))).toBe(true);
});
