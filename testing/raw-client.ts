// A client for tests that says exactly what it is told, byte for byte, over a real socket, and
// keeps every whole packet the broker sends back: for what no polite client does (resending a
// PUBLISH with DUP after a broker crash, holding back a PUBREL).
import net from 'node:net';
import { MqttFramer } from '../shared/mqtt/framer';
import { encodePacket, type CraftPacket } from '../shared/mqtt/encode';
import { toHex } from '../shared/mqtt';
import { until } from './wait';

export class RawClient {
  /** Every packet the broker sent, as hex, in order. */
  readonly received: string[] = [];
  private readonly framer = new MqttFramer();
  private ended = false;

  private constructor(private readonly socket: net.Socket) {
    socket.on('data', (chunk) => {
      for (const frame of this.framer.push(chunk)) if (frame.kind === 'packet') this.received.push(toHex(frame.bytes));
    });
    socket.on('close', () => (this.ended = true));
    socket.on('error', () => {});
  }

  static connect(port: number): Promise<RawClient> {
    return new Promise((resolve, reject) => {
      const socket = net.connect(port, '127.0.0.1', () => resolve(new RawClient(socket)));
      socket.once('error', reject);
    });
  }

  get closed(): boolean {
    return this.ended;
  }

  send(...packets: CraftPacket[]): void {
    for (const packet of packets) this.socket.write(encodePacket(packet));
  }

  /** Waits for a packet whose hex starts with `prefix` (after `from` packets), and returns it. */
  async expect(prefix: string, timeoutMs = 30_000, from = 0): Promise<string> {
    const find = () => this.received.slice(from).find((hex) => hex.startsWith(prefix));
    try {
      await until(() => find() !== undefined || this.ended, timeoutMs);
    } catch {
      throw new Error(`timed out waiting for a packet starting ${prefix} (got ${this.received.join(' ')})`);
    }
    const found = find();
    if (found === undefined) throw new Error(`the connection closed before a packet starting ${prefix} (got ${this.received.join(' ')})`);
    return found;
  }

  /** Sends DISCONNECT and waits for the broker to close. */
  async disconnect(): Promise<void> {
    this.send({ type: 'DISCONNECT' });
    this.socket.end();
    await until(() => this.ended, 5000, 'the close');
  }

  /** Drops the socket without a DISCONNECT. */
  abort(): void {
    this.socket.destroy();
  }
}
