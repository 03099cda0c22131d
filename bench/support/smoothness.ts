// How smooth the page stays while something happens: the long tasks a PerformanceObserver sees
// and the frames a requestAnimationFrame loop counts, recorded in the page around `during`.
import type { CdpPage } from './cdp-page';

export interface FrameStats {
  longestTaskMs: number;
  longTasks: number;
  frames: number;
  p50: number;
  p95: number;
  p99: number;
  worstFrameMs: number;
}

const START_RECORDING = `(() => {
  const record = { tasks: [], frames: [], running: true };
  window.__bench = record;
  new PerformanceObserver((list) => { for (const entry of list.getEntries()) record.tasks.push(entry.duration); }).observe({ type: 'longtask' });
  let last = performance.now();
  const frame = (now) => { record.frames.push(now - last); last = now; if (record.running) requestAnimationFrame(frame); };
  requestAnimationFrame(frame);
})()`;

const STOP_RECORDING = `(() => {
  const record = window.__bench;
  record.running = false;
  const frames = [...record.frames].sort((a, b) => a - b);
  const at = (fraction) => frames[Math.min(frames.length - 1, Math.floor(frames.length * fraction))];
  return { longestTaskMs: Math.max(0, ...record.tasks), longTasks: record.tasks.length, frames: frames.length, p50: at(0.5), p95: at(0.95), p99: at(0.99), worstFrameMs: frames.at(-1) ?? 0 };
})()`;

export async function measureSmoothness(page: CdpPage, during: () => Promise<unknown>): Promise<FrameStats> {
  await page.evaluate(START_RECORDING);
  await during();
  return page.evaluate<FrameStats>(STOP_RECORDING);
}
