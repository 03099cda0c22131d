// `mqttscope export FILE --pcapng OUT [--port N]`: a saved trace (or a capture) written as
// pcapng for Wireshark, one TCP stream per session.
import { createWriteStream } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { finished } from 'node:stream/promises';
import { parseArgs } from 'node:util';
import { pcapngBlocks } from '../engine/pcap';
import { withEndpoints } from '../engine/trace-store/endpoints';
import { readCaptureFile } from '../engine/trace-store/read-capture-file';
import { UsageError } from './usage-error';
import { portProblem } from '@shared/limits';

export const EXPORT_USAGE = `mqttscope export FILE --pcapng OUT [--port N]
                               write the sessions of a saved trace, pcap or pcapng as pcapng
  --port N                     (reading a capture) MQTT is on this port too`;

export async function runExport(args: string[], out: (line: string) => void, err: (line: string) => void): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({ args, allowPositionals: true, options: { pcapng: { type: 'string' }, port: { type: 'string' } } });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const { positionals, values } = parsed;
  if (positionals.length !== 1 || values.pcapng === undefined) throw new UsageError('give one file and --pcapng OUT');
  const port = values.port === undefined ? undefined : Number(values.port);
  const portWrong = port === undefined ? undefined : portProblem(port, '--port');
  if (portWrong) throw new UsageError(`${portWrong}, not "${values.port}"`);
  let bytes: Uint8Array;
  try {
    bytes = await readFile(positionals[0]);
  } catch (error) {
    throw new UsageError(`cannot read ${positionals[0]}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
  const { sessions, problems } = readCaptureFile(bytes, positionals[0], port === undefined ? {} : { port });
  const output = createWriteStream(values.pcapng, { mode: 0o644 });
  for (const block of pcapngBlocks(sessions.map(withEndpoints))) {
    if (!output.write(block)) await new Promise<void>((resolve) => output.once('drain', () => resolve()));
  }
  output.end();
  await finished(output);
  out(`${sessions.length} session${sessions.length === 1 ? '' : 's'} written to ${values.pcapng}`);
  for (const problem of problems) err(`mqttscope export: ${problem}`);
  return problems.length > 0 ? 1 : 0;
}
