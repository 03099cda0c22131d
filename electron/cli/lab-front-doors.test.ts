// The lab against the embedded local broker through both front doors: the UI's (the engine's
// broker.start as the Broker panel's Start sends it, then lab.run) and `mqttscope lab`. Same
// broker, same verdicts, and every experiment the broker can show is run.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, it } from 'vitest';
import type { LabResult } from '@shared/model/lab';
import { Engine } from '../engine/engine';
import { runLabCommand } from './lab-command';

const verdicts = (results: Pick<LabResult, 'name' | 'verdict'>[]) => Object.fromEntries(results.map(({ name, verdict }) => [name, verdict]));

it('the UI and the command line give the embedded broker the same verdicts: all pass but mqtt5-extras (not run: no MQTT 5)', async () => {
  const engine = new Engine({ host: 'web', version: 'test', dataDir: mkdtempSync(path.join(tmpdir(), 'mqttscope-lab-doors-')), emit: () => {} });
  try {
    await engine.handle('broker.start', { kind: 'embedded', port: 0 });
    const lines: string[] = [];
    const [ui, cli] = await Promise.all([
      engine.handle('lab.run', {}).then(({ results }) => results),
      runLabCommand(['--json'], (line) => lines.push(line), {}).then(() => lines.map((line) => JSON.parse(line) as LabResult)),
    ]);
    const observed = JSON.stringify([...ui, ...cli].filter((result) => result.verdict !== 'pass').map(({ name, observation }) => `${name}: ${observation}`));
    expect(verdicts(ui), observed).toEqual(verdicts(cli));
    expect(Object.entries(verdicts(ui)).filter(([, verdict]) => verdict !== 'pass'), observed).toEqual([['mqtt5-extras', 'not-run']]);
  } finally {
    await engine.dispose();
  }
}, 240_000);
