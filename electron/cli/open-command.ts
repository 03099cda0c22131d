// `mqttscope open FILE [--json]`: the sessions in a saved trace (or a capture), printed as
// `connect` prints a live one; each line names its session. A file that breaks is shown up to
// the break, and where it breaks is said.
import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { ConnectionDecoder } from '@shared/mqtt';
import { readCaptureFile } from '../engine/trace-store/read-capture-file';
import { replaySession } from '../engine/trace-store/replay';
import { jsonLine, textLine } from './trace-lines';
import { UsageError } from './usage-error';

export const OPEN_USAGE = `mqttscope open FILE [--json]    print the sessions of a saved trace (--save), pcap or pcapng
  --json                       JSON lines as connect --json prints them, each naming its session`;

type Write = (line: string) => void;

export async function runOpen(args: string[], out: Write, err: Write): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({ args, allowPositionals: true, options: { json: { type: 'boolean' } } });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  if (parsed.positionals.length !== 1) throw new UsageError('give one file to open');
  const [file] = parsed.positionals;
  const json = parsed.values.json ?? false;
  let bytes: Uint8Array;
  try {
    bytes = await readFile(file);
  } catch (error) {
    throw new UsageError(`cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
  const { sessions, problems } = readCaptureFile(bytes, file);
  sessions.forEach((session, index) => {
    const decoder = new ConnectionDecoder();
    const tag = index + 1;
    if (json) out(JSON.stringify({ event: 'session', session: session.id, origin: session.origin, label: session.label, startTime: session.startTime, ...(session.client ? { client: session.client } : {}), ...(session.broker ? { broker: session.broker } : {}) }));
    else out(`#${tag} ${session.label} (${session.origin}, ${new Date(session.startTime).toISOString()})`);
    replaySession(session, (entry) => out(json ? jsonLine(entry, session.startTime, decoder, { session: session.id }) : `#${tag} ${textLine(entry, session.startTime, decoder)}`));
  });
  for (const problem of problems) err(`mqttscope open: ${problem}`);
  return problems.length > 0 ? 1 : 0;
}
