// Times as people read them, and a timeline whose labels never overlap or leave the picture.
import type { Locator } from '@playwright/test';
import { expect, test } from './fixtures';

test.use({ viewport: { width: 1280, height: 800 } });

const WALL_CLOCK = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})\.(\d{3})$/;

/** The local date and time a title says, as epoch milliseconds. */
function wallClock(title: string | null): number {
  const match = WALL_CLOCK.exec(title ?? '');
  expect(match, `a local date and time with milliseconds: ${title}`).not.toBeNull();
  const [year, month, day, hour, minute, second, ms] = match!.slice(1).map(Number);
  return new Date(year, month - 1, day, hour, minute, second, ms).getTime();
}

test('packet times read as people read them, with the wall clock on hover; the axis starts at 0', async ({ scope, mosquitto }) => {
  const broker = await mosquitto();
  const before = Date.now();
  await scope.fill({ host: broker.host, port: broker.port, clientId: 'times', keepAlive: '1' });
  await scope.connect();
  await expect(scope.packetRow('PINGRESP', 'Broker → Client')).toHaveCount(1);
  const after = Date.now();

  const timeOf = (row: Locator) => row.getByRole('cell').nth(1);
  const connect = timeOf(scope.packetRow('CONNECT', 'Client → Broker'));
  await expect(connect).toHaveText(/^\+(\d{1,3} µs|\d{1,3}\.\d{3} ms)$/);
  const ping = timeOf(scope.packetRow('PINGREQ', 'Client → Broker'));
  await expect(ping).toHaveText(/^\+\d\.\d{3} s$/);
  for (const cell of [connect, ping]) {
    const at = wallClock(await cell.getAttribute('title'));
    expect(at).toBeGreaterThanOrEqual(before - 1000);
    expect(at).toBeLessThanOrEqual(after + 1000);
  }

  const ticks = scope.region('Timeline').locator('svg .tick');
  await expect(ticks.first()).toHaveText('0');
  for (const text of await ticks.allTextContents()) expect(text).toMatch(/^(0|\d+(\.\d+)? (µs|ms|s)|\d+ min( \d{2} s)?)$/);

  await scope.region('Timeline').getByRole('button', { name: 'Handshake' }).click();
  await expect(ticks.first()).toHaveText('0');
  for (const text of await ticks.allTextContents()) expect(text).toMatch(/^(0|\d+(\.\d+)? (µs|ms))$/);
});

test('timeline labels never overlap nor leave the picture; a legend says what the marks mean', async ({ scope, mosquitto, page }) => {
  const broker = await mosquitto();
  await scope.fill({ host: broker.host, port: broker.port, clientId: 'labels-that-would-crowd', subscriptions: 'a 0\nb 1\nc 2\nd/# 1\ne/+/f 2' });
  await page.getByLabel('Publish to', { exact: true }).fill('a');
  await page.getByLabel('Message', { exact: true }).fill('hello');
  await scope.connect();
  await expect(scope.packetRow('PUBLISH', 'Broker → Client')).toHaveCount(1);
  await scope.disconnect();
  const timeline = scope.region('Timeline');

  const check = async (view: string) => {
    const boxes = await timeline.getByRole('group', { name: /^Timeline of/ }).evaluate((svg) => {
      const frame = svg.getBoundingClientRect();
      return {
        frame: { left: frame.left, right: frame.right, top: frame.top, bottom: frame.bottom },
        labels: [...svg.querySelectorAll('text')]
          .filter((text) => text.textContent && getComputedStyle(text).display !== 'none')
          .map((text) => {
            const box = text.getBoundingClientRect();
            return { text: text.textContent!, left: box.left, right: box.right, top: box.top, bottom: box.bottom };
          }),
      };
    });
    expect(boxes.labels.length, view).toBeGreaterThan(5);
    for (const [index, a] of boxes.labels.entries()) {
      expect(a.left, `${view}: "${a.text}" inside on the left`).toBeGreaterThanOrEqual(boxes.frame.left - 0.5);
      expect(a.right, `${view}: "${a.text}" inside on the right`).toBeLessThanOrEqual(boxes.frame.right + 0.5);
      for (const b of boxes.labels.slice(index + 1)) {
        const apart = a.right <= b.left + 0.5 || b.right <= a.left + 0.5 || a.bottom <= b.top + 0.5 || b.bottom <= a.top + 0.5;
        expect(apart, `${view}: "${a.text}" and "${b.text}" overlap`).toBe(true);
      }
    }
  };
  await check('whole session');
  await timeline.getByRole('button', { name: 'Handshake' }).click();
  await check('handshake');

  const legend = timeline.getByRole('list', { name: 'Legend' });
  await expect(legend.getByRole('listitem')).toHaveCount(5);
  await expect(legend).toContainText('step');
  await expect(legend).toContainText('packet');
  await expect(legend).toContainText('dashed');
});
