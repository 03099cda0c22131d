// The browser-mode host as the person runs it: the built program, its own data folder, port 0.
import path from 'node:path';
import { startProcess } from '../../testing/processes';

export interface WebHostProcess {
  url: string;
  stop(): Promise<void>;
}

export async function startWebHostProcess(dataDir: string): Promise<WebHostProcess> {
  const program = path.resolve('dist/node/web.cjs');
  const started = await startProcess(process.execPath, [program, '--port', '0'], {
    ready: /Open: http:\/\/\S+/,
    env: { ...process.env, MQTTSCOPE_DATA_DIR: dataDir },
  });
  const url = /Open: (http:\/\/\S+)/.exec(started.line)![1];
  return { url, stop: started.stop };
}
