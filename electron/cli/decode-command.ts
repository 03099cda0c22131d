// `mqttscope decode`: hex in, one JSON object per packet out. With --stream, JSON lines of one
// connection's traffic on stdin ({"dir":"c2s"|"s2c","hex":"…"}), the version learned from the
// CONNECT. Bad input is reported on stderr with its line and the rest goes on.
import { createInterface } from 'node:readline';
import { ConnectionDecoder, fromHex, MqttFramer, PROTOCOL_LEVELS, type Direction, type Frame } from '@shared/mqtt';
import { boundedJson } from './bounded-output';

export interface DecodeOptions {
  protocolLevel?: number;
  stream: boolean;
  hex: string[];
}

type Write = (line: string) => void;

function framedBytes(frame: Frame): Uint8Array {
  return frame.kind === 'oversize' ? frame.header : frame.bytes;
}

export async function decodeCommand(options: DecodeOptions, out: Write, err: Write, input: NodeJS.ReadableStream = process.stdin): Promise<number> {
  // Packets given one by one are read as 3.1.1 unless told; a stream is read as a capture is, its
  // version unknown until its CONNECT.
  const decoder = new ConnectionDecoder(options.protocolLevel ?? (options.stream ? undefined : PROTOCOL_LEVELS['3.1.1']));
  if (!options.stream) {
    if (options.hex.length === 0) {
      err('mqttscope decode: give the packets as hex (mqttscope decode 20020000), or use --stream');
      return 2;
    }
    let status = 0;
    for (const [index, text] of options.hex.entries()) {
      const bytes = fromHex(text);
      if (!bytes) {
        err(`mqttscope decode: argument ${index + 1} is not hex: ${text.slice(0, 40)}`);
        status = 2;
        continue;
      }
      const framer = new MqttFramer();
      for (const frame of [...framer.push(bytes), ...framer.end()]) out(boundedJson(decoder.decode('c2s', framedBytes(frame))));
    }
    return status;
  }

  const framers: Record<Direction, MqttFramer> = { c2s: new MqttFramer(), s2c: new MqttFramer() };
  const emit = (dir: Direction, frames: Frame[]) => {
    for (const frame of frames) out(boundedJson({ dir, ...decoder.decode(dir, framedBytes(frame)) }));
  };
  let lineNumber = 0;
  let status = 0;
  for await (const line of createInterface({ input, crlfDelay: Infinity })) {
    lineNumber++;
    if (line.trim() === '') continue;
    let message: { dir?: unknown; hex?: unknown };
    try {
      message = JSON.parse(line);
    } catch {
      err(`mqttscope decode: line ${lineNumber} is not JSON`);
      status = 2;
      continue;
    }
    const bytes = typeof message.hex === 'string' ? fromHex(message.hex) : undefined;
    if ((message.dir !== 'c2s' && message.dir !== 's2c') || !bytes) {
      err(`mqttscope decode: line ${lineNumber} needs {"dir":"c2s"|"s2c","hex":"…"}`);
      status = 2;
      continue;
    }
    emit(message.dir, framers[message.dir].push(bytes));
  }
  for (const dir of ['c2s', 's2c'] as const) emit(dir, framers[dir].end());
  return status;
}
