// The connection's topic filters as asked and as the broker answered: each SUBSCRIBE and
// UNSUBSCRIBE waits for its acknowledgement by packet identifier, and gives up after a while.
import { findField, type DecodedPacket } from '@shared/mqtt';
import { FIELD_KEYS } from '@shared/mqtt/field-keys';
import { reasonCodeMeaning } from '@shared/mqtt/reason-codes';
import type { FilterOutcome, LiveSubscription, SubscriptionState } from '@shared/model/live-actions';

export const ACK_TIMEOUT_MS = 10_000;

type Outcomes = (FilterOutcome & { topic: string })[];

interface Pending {
  kind: 'SUBACK' | 'UNSUBACK';
  topics: string[];
  timer: NodeJS.Timeout;
  /** Answers the request; a second call (a late acknowledgement after the timeout) does nothing. */
  settle: (outcomes: Outcomes) => void;
}

export class SubscriptionTable {
  private readonly filters = new Map<string, SubscriptionState>();
  private readonly pending = new Map<number, Pending>();

  constructor(private readonly protocolLevel: number) {}

  list(): SubscriptionState[] {
    return [...this.filters.values()];
  }

  /** A SUBSCRIBE went out with `packetId`: its filters wait for the SUBACK. */
  subscribed(packetId: number, subscriptions: LiveSubscription[], subscriptionIdentifier?: number): Promise<Outcomes> {
    for (const subscription of subscriptions) {
      this.filters.set(subscription.topic, { subscription, ...(subscriptionIdentifier !== undefined ? { subscriptionIdentifier } : {}) });
    }
    return this.await(packetId, 'SUBACK', subscriptions.map(({ topic }) => topic));
  }

  /** An UNSUBSCRIBE went out with `packetId`: its filters go when the UNSUBACK says so. */
  unsubscribed(packetId: number, topics: string[]): Promise<Outcomes> {
    return this.await(packetId, 'UNSUBACK', topics);
  }

  /** A SUBACK or UNSUBACK from the broker; true when it answered one of ours. */
  acknowledged(kind: 'SUBACK' | 'UNSUBACK', packet: DecodedPacket, packetId: number): boolean {
    const pending = this.pending.get(packetId);
    if (!pending || pending.kind !== kind) return false;
    this.pending.delete(packetId);
    clearTimeout(pending.timer);
    const codes = packet.fields.filter((field) => field.key === FIELD_KEYS.subackQos || field.key === FIELD_KEYS.subackReasonCode || field.key === FIELD_KEYS.unsubackReasonCode).map((field) => field.value as number);
    const outcomes = pending.topics.map((topic, index) => ({ topic, ...(kind === 'SUBACK' ? this.subackOutcome(codes[index]) : this.unsubackOutcome(codes[index])) }));
    for (const outcome of outcomes) {
      if (kind === 'UNSUBACK' && outcome.ok) this.filters.delete(outcome.topic);
      const state = this.filters.get(outcome.topic);
      if (kind === 'SUBACK' && state) state.outcome = withoutTopic(outcome);
    }
    pending.settle(outcomes);
    return true;
  }

  /** The connection ended: whatever still waits is answered so. */
  close(): void {
    for (const [packetId, pending] of this.pending) {
      clearTimeout(pending.timer);
      this.pending.delete(packetId);
      pending.settle(pending.topics.map((topic) => ({ topic, ok: false, words: `The connection ended before the ${pending.kind}` })));
    }
  }

  private await(packetId: number, kind: Pending['kind'], topics: string[]): Promise<Outcomes> {
    return new Promise((settle) => {
      // The request is answered, but the acknowledgement is still awaited: a late one says what
      // the broker granted after all, and frees the identifier [MQTT-2.2.1-3].
      const timer = setTimeout(() => {
        const outcome = { ok: false, words: `No ${kind} within ${ACK_TIMEOUT_MS / 1000} s` };
        for (const topic of topics) {
          const state = this.filters.get(topic);
          if (kind === 'SUBACK' && state) state.outcome = outcome;
        }
        settle(topics.map((topic) => ({ topic, ...outcome })));
      }, ACK_TIMEOUT_MS);
      timer.unref();
      this.pending.set(packetId, { kind, topics, timer, settle });
    });
  }

  private subackOutcome(code: number | undefined): FilterOutcome {
    if (code === undefined) return { ok: false, words: 'The SUBACK carried no code for this filter' };
    if (code <= 2) return { code, grantedQos: code, ok: true, words: `Granted QoS ${code}` };
    if (this.protocolLevel !== 5) return { code, ok: false, words: `Refused (return code 0x${code.toString(16)})` };
    const meaning = reasonCodeMeaning('SUBACK', code);
    return { code, ok: false, words: meaning ? `${meaning.name}: ${meaning.explanation}` : `Refused with reason code 0x${code.toString(16)}` };
  }

  private unsubackOutcome(code: number | undefined): FilterOutcome {
    if (this.protocolLevel !== 5) return { ok: true, words: 'Unsubscribed' };
    if (code === undefined) return { ok: false, words: 'The UNSUBACK carried no code for this filter' };
    const meaning = reasonCodeMeaning('UNSUBACK', code);
    const words = meaning ? (code < 0x80 ? meaning.name : `${meaning.name}: ${meaning.explanation}`) : `Reason code 0x${code.toString(16)}`;
    // 0x11 "No subscription existed": the filter is gone all the same.
    return { code, ok: code < 0x80, words };
  }
}

function withoutTopic({ topic: _topic, ...outcome }: FilterOutcome & { topic: string }): FilterOutcome {
  return outcome;
}

/** The packet identifier of an acknowledgement, when it has one. */
export function packetIdOf(packet: DecodedPacket): number | undefined {
  const id = findField(packet.fields, FIELD_KEYS.packetId)?.value;
  return typeof id === 'number' ? id : undefined;
}
