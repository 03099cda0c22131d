// `mqttscope capture`: every MQTT connection on a network interface, as it happens, with dumpcap
// (Wireshark's capture tool): connections this app did not make — a sensor's, a gateway's, a
// container's. Printed as `broker` prints its connections, until Ctrl-C (or SIGTERM) stops it.
import { parseArgs } from 'node:util';
import { DEFAULT_CAPTURE_FILTER, listInterfaces, requireDumpcap } from '../engine/capture/dumpcap';
import { LiveCapture } from '../engine/capture/live-capture';
import { ServerPrinter } from './server-printer';
import { savedOrFailed } from './save-flag';
import { UsageError } from './usage-error';

export const CAPTURE_USAGE = `mqttscope capture [-i IFACE] [-f FILTER] [--list] [--save FILE] [--json]
  -i, --interface IFACE        the interface to capture on (default lo, the loopback; --list names them)
  -f, --filter FILTER          a capture filter, as tcpdump and Wireshark write them
                               (default "${DEFAULT_CAPTURE_FILTER}")
  --list                       list the interfaces dumpcap can capture on, and end
  --save FILE                  write every MQTT connection's trace to FILE (mqttscope open)
  --json                       JSON lines instead of text
  Runs until Ctrl-C. Needs dumpcap (Wireshark, or the wireshark-common package) and the right to
  capture; MQTT is found by a CONNECT or by its ports (1883, 8883, 1884).`;

const DEFAULT_INTERFACE = 'lo';

export async function runCapture(args: string[], out: (line: string) => void): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({
      args,
      options: {
        interface: { type: 'string', short: 'i' },
        filter: { type: 'string', short: 'f' },
        list: { type: 'boolean' },
        save: { type: 'string' },
        json: { type: 'boolean' },
      },
    }));
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  let dumpcap: string;
  try {
    dumpcap = await requireDumpcap();
  } catch (error) {
    process.stderr.write(`mqttscope capture: ${(error as Error).message}\n`);
    return 1;
  }
  if (values.list) {
    for (const found of await listInterfaces(dumpcap)) out(values.json ? JSON.stringify(found) : `${found.name}${found.description ? ` (${found.description})` : ''}`);
    return 0;
  }
  const json = values.json ?? false;
  const iface = values.interface ?? DEFAULT_INTERFACE;
  const filter = values.filter ?? DEFAULT_CAPTURE_FILTER;
  const printer = new ServerPrinter(out, { json, save: values.save, origin: 'capture', diagnose: true });
  let capture: LiveCapture;
  try {
    capture = await LiveCapture.start({ dumpcap, iface, filter, sink: printer.sink, onChunk: printer.onChunk, onEnded: (id, time) => printer.ended(id, time) });
  } catch (error) {
    process.stderr.write(`mqttscope capture: ${(error as Error).message}\n`);
    await savedOrFailed(printer.saving, values.save);
    return 1;
  }
  out(json ? JSON.stringify({ event: 'capturing', interface: iface, filter }) : `Capturing MQTT on ${iface} (${filter}); Ctrl-C stops`);
  const stop = () => void capture.stop();
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  const end = await capture.ended;
  process.off('SIGINT', stop);
  process.off('SIGTERM', stop);
  const { counts } = end;
  const dropped = counts.dropped === undefined ? 'drops not known' : `${counts.dropped} dropped`;
  out(json ? JSON.stringify({ event: 'capture-ended', ...counts, ...(end.error ? { error: end.error } : {}), problems: end.problems }) : `Captured ${counts.packets} packets (${counts.bytes} bytes, ${dropped}), ${counts.connections} MQTT connection${counts.connections === 1 ? '' : 's'}${end.error ? `; ${end.error}` : ''}`);
  const saved = await savedOrFailed(printer.saving, values.save);
  return end.error ? 1 : saved;
}
