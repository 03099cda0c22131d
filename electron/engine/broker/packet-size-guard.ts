// The embedded broker's limit on a client's packet size. Aedes reads a packet whole before it
// looks at it, so a client announcing 256 MiB would be buffered to the end: this reads only
// each fixed header as the bytes pass and ends the connection as soon as one announces more
// than the limit [MQTT-3.1.2-24 lets a server choose its maximum]. Nothing is copied.
import type { Duplex } from 'node:stream';

export function guardPacketSize(stream: Duplex, maxBytes: number, onTooLarge: (declaredSize: number) => void): void {
  /** Bytes of the current packet's body still to pass. */
  let toPass = 0;
  /** The fixed header read so far: its length bytes and where the length stands. */
  let headerBytes = 0;
  let remaining = 0;
  let multiplier = 1;
  let done = false;
  stream.on('data', (chunk: Buffer) => {
    let index = 0;
    while (!done && index < chunk.length) {
      if (toPass > 0) {
        const passed = Math.min(toPass, chunk.length - index);
        toPass -= passed;
        index += passed;
        continue;
      }
      const byte = chunk[index++];
      if (headerBytes++ === 0) continue; // the packet type and flags
      remaining += (byte & 0x7f) * multiplier;
      multiplier *= 128;
      if (byte & 0x80) {
        // A length past four bytes is malformed: Aedes closes the connection for it.
        if (headerBytes > 4) done = true;
        continue;
      }
      const declared = headerBytes + remaining;
      if (declared > maxBytes) {
        done = true;
        onTooLarge(declared);
        return;
      }
      toPass = remaining;
      headerBytes = 0;
      remaining = 0;
      multiplier = 1;
    }
  });
}
