// The embedded broker's limit on a client's packet size. Aedes reads a packet whole before it
// looks at it, so a client announcing 256 MiB would be buffered to the end: this reads only
// each fixed header as the bytes pass and ends the connection as soon as one announces more
// than the limit [MQTT-3.1.2-24 lets a server choose its maximum]. Only a fixed header split
// between chunks is copied (its few bytes).
import type { Duplex } from 'node:stream';
import { VBI_MAX_BYTES } from '@shared/limits';
import { fixedHeaderLength, packetLength, readFixedHeader, remainingLength } from '@shared/mqtt/fixed-header';
import { VBI_INCOMPLETE, VBI_MALFORMED } from '@shared/mqtt/variable-byte-integer';

export function guardPacketSize(stream: Duplex, maxBytes: number, onTooLarge: (declaredSize: number) => void): void {
  /** Bytes of the current packet still to pass once its header is read. */
  let toPass = 0;
  /** A fixed header cut by the end of a chunk: its bytes so far. */
  const split = new Uint8Array(1 + VBI_MAX_BYTES);
  let splitLength = 0;
  let done = false;
  /** Checks a whole header; false once the guard is done with the stream. */
  const admit = (header: number): boolean => {
    if (header === VBI_MALFORMED) {
      // Aedes closes the connection for a length past four bytes.
      done = true;
      return false;
    }
    const declared = packetLength(header);
    if (declared > maxBytes) {
      done = true;
      onTooLarge(declared);
      return false;
    }
    return true;
  };
  stream.on('data', (chunk: Buffer) => {
    let index = 0;
    while (!done && index < chunk.length) {
      if (toPass > 0) {
        const passed = Math.min(toPass, chunk.length - index);
        toPass -= passed;
        index += passed;
        continue;
      }
      if (splitLength > 0) {
        // One byte at a time onto the split header, until it reads whole.
        split[splitLength++] = chunk[index++];
        const header = readFixedHeader(split, 0, splitLength);
        if (header === VBI_INCOMPLETE) continue;
        splitLength = 0;
        if (!admit(header)) return;
        toPass = remainingLength(header);
        continue;
      }
      const header = readFixedHeader(chunk, index, chunk.length);
      if (header === VBI_INCOMPLETE) {
        split.set(chunk.subarray(index), 0);
        splitLength = chunk.length - index;
        return;
      }
      if (!admit(header)) return;
      index += fixedHeaderLength(header);
      toPass = remainingLength(header);
    }
  });
}
