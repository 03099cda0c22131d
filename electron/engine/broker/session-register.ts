// Which client ids the broker holds a session for: each one whose last accepted CONNECT had
// clean session off. Aedes keeps no such list — it infers a session from stored subscriptions —
// so CONNACK's session present is read from here instead [MQTT-3.2.2-2].
import { MAX_HELD_SESSIONS } from '../limits';
export interface SessionRegister {
  holds(clientId: string): boolean;
  /** Resolves once the change is kept (on disk, for the journal). */
  hold(clientId: string): Promise<void>;
  drop(clientId: string): Promise<void>;
  held(): string[];
  /** How many client ids it holds. */
  readonly size: number;
}

export class MemorySessionRegister implements SessionRegister {
  private readonly ids = new Set<string>();

  holds(clientId: string): boolean {
    return this.ids.has(clientId);
  }

  async hold(clientId: string): Promise<void> {
    this.ids.add(clientId);
  }

  async drop(clientId: string): Promise<void> {
    this.ids.delete(clientId);
  }

  held(): string[] {
    return [...this.ids];
  }

  get size(): number {
    return this.ids.size;
  }
}
