// The command line's port flags, checked with the port's one message (shared/limits.ts): past
// the edge each is refused before anything starts, in the same words as the form's.
import { describe, expect, it } from 'vitest';
import { runBroker } from './broker-command';
import { runExport } from './export-command';
import { runProxy } from './proxy-command';
import { UsageError } from './usage-error';

const quiet = () => {};

describe('port flags', () => {
  it('mqttscope broker: --port and --websocket-port are 0 (any free port) to 65535', async () => {
    await expect(runBroker(['--port', '65536'], quiet)).rejects.toThrow(new UsageError('--port must be a whole number from 0 to 65535 (0: any free port), not "65536"'));
    await expect(runBroker(['--port=-1'], quiet)).rejects.toThrow(new UsageError('--port must be a whole number from 0 to 65535 (0: any free port), not "-1"'));
    await expect(runBroker(['--port', '0', '--websocket-port', '65536'], quiet)).rejects.toThrow(new UsageError('--websocket-port must be a whole number from 0 to 65535 (0: any free port), not "65536"'));
  });

  it('mqttscope export: --port is 1 to 65535', async () => {
    await expect(runExport(['f.trace', '--pcapng', 'out.pcapng', '--port', '0'], quiet, quiet)).rejects.toThrow(new UsageError('--port must be a whole number from 1 to 65535, not "0"'));
    await expect(runExport(['f.trace', '--pcapng', 'out.pcapng', '--port', '65536'], quiet, quiet)).rejects.toThrow(new UsageError('--port must be a whole number from 1 to 65535, not "65536"'));
  });

  it('mqttscope proxy: a HOST:PORT past 65535 is refused', async () => {
    await expect(runProxy(['--target', '127.0.0.1:65536'], quiet)).rejects.toThrow(new UsageError('--target must be HOST:PORT, not "127.0.0.1:65536"'));
  });
});
