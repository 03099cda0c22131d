// Times as people read them, and a timeline whose labels never overlap or leave the picture.
import type { Locator } from '@playwright/test';
import { expect, test } from './fixtures';

test.use({ viewport: { width: 1280, height: 800 } });

const WALL_CLOCK = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})\.(\d{3})\d{3}$/;

/** The local date and time a title says (to the µs), as epoch milliseconds. */
function wallClock(title: string | null): number {
  const match = WALL_CLOCK.exec(title ?? '');
  expect(match, `a local date and time with microseconds: ${title}`).not.toBeNull();
  const [year, month, day, hour, minute, second, ms] = match!.slice(1).map(Number);
  return new Date(year, month - 1, day, hour, minute, second, ms).getTime();
}

/** Microseconds a `s.µµµµµµ` cell says. */
const micros = (text: string) => Math.round(Number(text) * 1e6);

test('packet times in the format chosen, kept across a reload, with the wall clock on hover; the axis starts at 0', async ({ scope, mosquitto, page }) => {
  const broker = await mosquitto();
  const before = Date.now();
  await scope.fill({ host: broker.host, port: broker.port, clientId: 'times', keepAlive: '1' });
  await scope.connect();
  await expect(scope.packetRow('PINGRESP', 'Broker → Client')).toHaveCount(1);
  const after = Date.now();

  // Seconds since the connection began, to the microsecond.
  const header = scope.packets.getByRole('columnheader').nth(1);
  await expect(header).toHaveText('Since start (s)');
  const timeOf = (row: Locator) => row.getByRole('cell').nth(1);
  const connect = timeOf(scope.packetRow('CONNECT', 'Client → Broker'));
  await expect(connect).toHaveText(/^0\.\d{6}$/);
  const ping = timeOf(scope.packetRow('PINGREQ', 'Client → Broker').first());
  await expect(ping).toHaveText(/^\d+\.\d{6}$/);
  expect(Number(await ping.textContent())).toBeGreaterThanOrEqual(0.5);
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

  // The list stops growing; each format read over all its rows, in order.
  await scope.disconnect();
  // Its last row listed and every row loaded (a row still loading shows its time as …).
  await expect(scope.packetRow('DISCONNECT', 'Client → Broker')).toHaveCount(1);
  await expect(scope.packets.locator('[role="row"][aria-busy="true"]')).toHaveCount(0);
  const rows = scope.packets.getByRole('row').filter({ has: page.getByRole('cell') });
  const cells = () => rows.evaluateAll((list) => list.map((row) => ({ index: Number(row.getAttribute('aria-rowindex')), time: row.children[1].textContent!, title: row.children[1].getAttribute('title')! })).sort((a, b) => a.index - b.index));
  const sinceStart = await cells();
  expect(sinceStart.length).toBeGreaterThanOrEqual(4);
  const timeFormat = page.getByLabel('Time format', { exact: true });

  // Since the previous packet as listed: the first is 0, each other the gap to the row above.
  await timeFormat.selectOption({ label: 'Seconds since previous packet' });
  await expect(header).toHaveText('Since previous (s)');
  await expect(timeOf(rows.first())).toHaveText('0.000000');
  const sincePrevious = await cells();
  expect(sincePrevious.map((cell) => cell.index)).toEqual(sinceStart.map((cell) => cell.index));
  for (const [index, cell] of sincePrevious.entries()) {
    expect(cell.time).toMatch(/^\d+\.\d{6}$/);
    // Both read from the same times, each rounded to the µs on its own.
    if (index > 0) expect(Math.abs(micros(cell.time) - (micros(sinceStart[index].time) - micros(sinceStart[index - 1].time)))).toBeLessThanOrEqual(1);
  }

  // The wall clock: the time of day the title says in full.
  await timeFormat.selectOption({ label: 'Wall clock' });
  await expect(header).toHaveText('Time of day');
  await expect(timeOf(rows.first())).toHaveText(/^\d{2}:\d{2}:\d{2}\.\d{6}$/);
  for (const cell of await cells()) expect(cell.title.endsWith(` ${cell.time}`), `${cell.time} in ${cell.title}`).toBe(true);

  // Kept across a reload.
  await page.reload();
  await expect(page.getByRole('button', { name: 'Connect', exact: true })).toBeEnabled();
  // The session, closed, is a past one now: opened from the navigator.
  await scope.navigatorItem(/^times · /).click();
  await expect(timeFormat).toHaveValue('wall-clock');
  await expect(header).toHaveText('Time of day');
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
