// The embedded broker in a process of its own for `bench-broker`, as the app runs it (clients are
// other processes): traced through the engine — every connection recorded by its trace store to
// files, its views computed as for the page — or aedes untraced. Told `usage` it answers with its
// CPU time; told `stop` it ends.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startAedesBroker } from '../../electron/engine/broker/aedes-broker';
import { Engine } from '../../electron/engine/engine';

export type BrokerHostMessage = { port: number } | { usage: NodeJS.CpuUsage };

async function start(mode: string): Promise<{ port: number; stop: () => Promise<void> }> {
  if (mode !== 'traced') return startAedesBroker().then((broker) => ({ port: broker.port, stop: broker.close }));
  const engine = new Engine({ host: 'web', version: 'bench', dataDir: mkdtempSync(path.join(tmpdir(), 'mqttscope-bench-traced-')), emit: () => {} });
  const { port } = await engine.handle('broker.start', { kind: 'embedded', host: '127.0.0.1', port: 0 });
  return { port, stop: () => engine.dispose() };
}

async function main(): Promise<void> {
  const broker = await start(process.argv[2] ?? 'untraced');
  const send = (message: BrokerHostMessage) => process.send!(message);
  process.on('message', (message) => {
    if (message === 'usage') send({ usage: process.cpuUsage() });
    if (message === 'stop') void broker.stop().finally(() => process.exit(0));
  });
  send({ port: broker.port });
}

void main();
