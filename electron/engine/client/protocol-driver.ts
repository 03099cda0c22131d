// What the client does on top of the socket once connected: the person's subscriptions and
// publications, every acknowledgement flow in both directions (QoS 1 and 2), and keep alive.
import { findField, PACKET_TYPE_IDS, type DecodedPacket } from '@shared/mqtt';
import type { CraftPacket } from '@shared/mqtt/encode';
import type { SessionPlan } from '@shared/model/connect-options';
import { FIELD_KEYS } from '@shared/mqtt/field-keys';

export interface DriverOptions {
  protocolLevel: number;
  keepAliveSeconds: number;
  plan: SessionPlan;
  send: (packet: CraftPacket) => void;
}

export class ProtocolDriver {
  private nextPacketId = 1;
  private keepAliveTimer: NodeJS.Timeout | undefined;
  private lastSent = 0;
  private stopped = false;
  /** Acknowledgements held back by `plan.ackDelayMs`. */
  private readonly heldAcks = new Set<NodeJS.Timeout>();

  constructor(private readonly options: DriverOptions) {}

  private packetId(): number {
    const id = this.nextPacketId;
    this.nextPacketId = (this.nextPacketId % 65535) + 1;
    return id;
  }

  private send(packet: CraftPacket): void {
    if (this.stopped) return;
    this.options.send({ ...packet, protocolLevel: this.options.protocolLevel });
  }

  /** The broker accepted the connection: subscribe and publish as planned. */
  accepted(serverKeepAlive?: number): void {
    if (serverKeepAlive !== undefined) this.options.keepAliveSeconds = serverKeepAlive;
    const { subscriptions = [], publications = [], unsubscriptions = [] } = this.options.plan;
    if (subscriptions.length > 0) {
      this.send({ type: 'SUBSCRIBE', packetId: this.packetId(), subscriptions: subscriptions.map(({ topic, qos }) => ({ topic, qos })), properties: [] });
    }
    for (const publication of publications) {
      this.send({
        type: 'PUBLISH',
        topic: publication.topic,
        payload: publication.payload,
        qos: publication.qos,
        retain: publication.retain ?? false,
        packetId: publication.qos > 0 ? this.packetId() : undefined,
        properties: [],
      });
    }
    if (unsubscriptions.length > 0) this.send({ type: 'UNSUBSCRIBE', packetId: this.packetId(), topics: unsubscriptions, properties: [] });
    this.sent();
  }

  /**
   * Something went out: the keep-alive clock starts again [MQTT-3.1.2-23]. One timer serves a
   * whole burst: when it fires early it waits out the rest instead of pinging.
   */
  sent(): void {
    this.lastSent = performance.now();
    if (this.keepAliveTimer || this.stopped || this.options.plan.noPings || this.options.keepAliveSeconds === 0) return;
    this.armKeepAlive(this.options.keepAliveSeconds * 1000);
  }

  private armKeepAlive(delayMs: number): void {
    this.keepAliveTimer = setTimeout(() => {
      this.keepAliveTimer = undefined;
      const idle = performance.now() - this.lastSent;
      const interval = this.options.keepAliveSeconds * 1000;
      if (idle >= interval - 1) this.send({ type: 'PINGREQ' });
      else this.armKeepAlive(interval - idle);
    }, delayMs);
  }

  /** A packet from the broker, as the tap decoded it: answer what needs an answer. */
  received(packet: DecodedPacket): void {
    const id = findField(packet.fields, FIELD_KEYS.packetId)?.value;
    if (typeof id !== 'number') return;
    switch (packet.type) {
      case PACKET_TYPE_IDS.PUBLISH: {
        const qos = findField(packet.fields, FIELD_KEYS.qos)?.value;
        if (qos !== 1 && qos !== 2) return;
        return this.acknowledge({ type: qos === 1 ? 'PUBACK' : 'PUBREC', packetId: id });
      }
      case PACKET_TYPE_IDS.PUBREC:
        return this.send({ type: 'PUBREL', packetId: id });
      case PACKET_TYPE_IDS.PUBREL:
        return this.send({ type: 'PUBCOMP', packetId: id });
    }
  }

  /** PUBACK or PUBREC for a PUBLISH from the broker: now, or after the plan's delay. */
  private acknowledge(ack: CraftPacket): void {
    const delay = this.options.plan.ackDelayMs ?? 0;
    if (delay === 0) return this.send(ack);
    const timer = setTimeout(() => {
      this.heldAcks.delete(timer);
      this.send(ack);
    }, delay);
    this.heldAcks.add(timer);
  }

  stop(): void {
    this.stopped = true;
    for (const timer of this.heldAcks) clearTimeout(timer);
    this.heldAcks.clear();
    if (this.keepAliveTimer) clearTimeout(this.keepAliveTimer);
    this.keepAliveTimer = undefined;
  }
}
