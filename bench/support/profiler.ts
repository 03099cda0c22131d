// Where a page's main thread spends its time, by function, from the DevTools protocol's sampling
// profiler (MQTTSCOPE_BENCH_PROFILE=1 in the UI benchmarks).
import type { CdpPage } from './cdp-page';

/** MQTTSCOPE_BENCH_PROFILE=1: where the page's main thread spent the flood, by function. */
export async function startProfiler(page: CdpPage): Promise<() => Promise<string>> {
  await page.command('Profiler.enable');
  await page.command('Profiler.start');
  return async () => {
    const { profile } = await page.command('Profiler.stop');
    const selfMs = new Map<string, number>();
    const byId = new Map<number, { callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number } }>(profile.nodes.map((node: { id: number }) => [node.id, node]));
    const interval = (profile.endTime - profile.startTime) / 1000 / (profile.samples?.length ?? 1);
    for (const id of profile.samples ?? []) {
      const frame = byId.get(id)!.callFrame;
      const name = `${frame.functionName || '(anonymous)'} ${frame.url.split('/').pop()}:${frame.lineNumber}:${frame.columnNumber}`;
      selfMs.set(name, (selfMs.get(name) ?? 0) + interval);
    }
    return [...selfMs].sort((a, b) => b[1] - a[1]).slice(0, 25).map(([name, ms]) => `  ${ms.toFixed(0).padStart(6)} ms  ${name}`).join('\n');
  };
}

