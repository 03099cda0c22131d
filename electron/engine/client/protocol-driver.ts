// What the client does on top of the socket once connected: the person's subscriptions and
// publications, planned or asked for on the live connection, every acknowledgement flow in both
// directions (QoS 1 and 2), and keep alive.
import { findField, fromHex, PACKET_TYPE_IDS, type DecodedPacket } from '@shared/mqtt';
import type { CraftPacket } from '@shared/mqtt/encode';
import { propertyList } from '@shared/mqtt/encode/property-list';
import type { SessionPlan } from '@shared/model/connect-options';
import type { LivePublication, LiveSubscription } from '@shared/model/live-actions';
import { FIELD_KEYS, headerByte } from '@shared/mqtt/field-keys';
import { publishQos } from '@shared/mqtt/fixed-header';
import { packetIdOf, SubscriptionTable } from './subscription-table';
import { PACKET_ID_RANGE } from '@shared/limits';

/** Packet identifiers are 1 to 65535 [MQTT-2.2.1-3]. */
const PACKET_IDS = PACKET_ID_RANGE.max;

/** What an identifier in flight waits for: a QoS 1 PUBLISH its PUBACK, a QoS 2 one its PUBREC
 *  and then (released) its PUBCOMP, a SUBSCRIBE or UNSUBSCRIBE its acknowledgement. */
type InFlight = 'qos1' | 'qos2' | 'qos2-released' | 'subscribe' | 'unsubscribe';

export interface DriverOptions {
  protocolLevel: number;
  keepAliveSeconds: number;
  plan: SessionPlan;
  send: (packet: CraftPacket) => void;
}

export class ProtocolDriver {
  private nextPacketId = 1;
  /** Identifiers of our PUBLISH, SUBSCRIBE and UNSUBSCRIBE packets not yet acknowledged:
   *  never reused while in flight [MQTT-2.2.1-3]. */
  private readonly inUse = new Map<number, InFlight>();
  /** The broker's Receive Maximum: QoS 1 and 2 PUBLISHes unacknowledged at once [MQTT-4.9.0-2]. */
  private sendQuota = PACKET_IDS;
  private unackedPublishes = 0;
  readonly subscriptions: SubscriptionTable;
  private keepAliveTimer: NodeJS.Timeout | undefined;
  private lastSent = 0;
  private stopped = false;
  /** Acknowledgements held back by `plan.ackDelayMs`. */
  private readonly heldAcks = new Set<NodeJS.Timeout>();

  constructor(private readonly options: DriverOptions) {
    this.subscriptions = new SubscriptionTable(options.protocolLevel);
  }

  /** The next identifier not in flight; undefined when all are. */
  private packetId(waitsFor: InFlight): number | undefined {
    if (this.inUse.size >= PACKET_IDS) return undefined;
    for (let tries = 0; tries < PACKET_IDS; tries++) {
      const id = this.nextPacketId;
      this.nextPacketId = (this.nextPacketId % PACKET_IDS) + 1;
      if (!this.inUse.has(id)) {
        this.inUse.set(id, waitsFor);
        return id;
      }
    }
    return undefined;
  }

  /** An identifier for a QoS 1 or 2 PUBLISH, counted against the broker's quota. */
  private publishId(qos: number): number | undefined {
    if (qos === 0) return undefined;
    const id = this.packetId(qos === 1 ? 'qos1' : 'qos2');
    if (id !== undefined) this.unackedPublishes++;
    return id;
  }

  /** Whether a PUBLISH at this QoS may go now: QoS 0 always, else within the broker's quota. */
  canPublish(qos: number): boolean {
    return qos === 0 || (this.unackedPublishes < this.sendQuota && this.inUse.size < PACKET_IDS);
  }

  /** A PUBLISH asked for on the live connection; its packet identifier when QoS > 0. */
  publish(publication: LivePublication): number | undefined {
    if (!this.canPublish(publication.qos)) throw new Error(`The broker's Receive Maximum (${this.sendQuota}) is reached: wait for acknowledgements`);
    const packetId = this.publishId(publication.qos);
    this.send({
      type: 'PUBLISH',
      topic: publication.topic,
      payload: fromHex(publication.payloadHex) ?? new Uint8Array(),
      qos: publication.qos,
      retain: publication.retain,
      packetId,
      properties: propertyList(publication.properties),
    });
    return packetId;
  }

  subscribe(subscriptions: LiveSubscription[], subscriptionIdentifier?: number, userProperties?: [string, string][]) {
    const packetId = this.packetId('subscribe');
    if (packetId === undefined) throw new Error('Every packet identifier is in flight: wait for acknowledgements');
    const answered = this.subscriptions.subscribed(packetId, subscriptions, subscriptionIdentifier);
    this.send({ type: 'SUBSCRIBE', packetId, subscriptions, properties: propertyList({ subscriptionIdentifier, userProperties }) });
    return answered;
  }

  unsubscribe(topics: string[]) {
    const packetId = this.packetId('unsubscribe');
    if (packetId === undefined) throw new Error('Every packet identifier is in flight: wait for acknowledgements');
    const answered = this.subscriptions.unsubscribed(packetId, topics);
    this.send({ type: 'UNSUBSCRIBE', packetId, topics, properties: [] });
    return answered;
  }

  private send(packet: CraftPacket): void {
    if (this.stopped) return;
    // Set on the packet, not spread into a copy: each is a literal made for this one send.
    packet.protocolLevel = this.options.protocolLevel;
    this.options.send(packet);
  }

  /** The broker accepted the connection: subscribe and publish as planned. */
  accepted(serverKeepAlive?: number, receiveMaximum?: number): void {
    if (serverKeepAlive !== undefined) this.options.keepAliveSeconds = serverKeepAlive;
    if (receiveMaximum !== undefined && receiveMaximum > 0) this.sendQuota = receiveMaximum;
    const { subscriptions = [], publications = [], unsubscriptions = [] } = this.options.plan;
    if (subscriptions.length > 0) void this.subscribe(subscriptions.map(({ topic, qos }) => ({ topic, qos })));
    for (const publication of publications) {
      // The plan is an experiment: it goes out as written, whatever the broker's quota says.
      const packetId = this.publishId(publication.qos);
      this.send({
        type: 'PUBLISH',
        topic: publication.topic,
        payload: publication.payload,
        qos: publication.qos,
        retain: publication.retain ?? false,
        packetId,
        properties: [],
      });
    }
    if (unsubscriptions.length > 0) void this.unsubscribe(unsubscriptions);
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
    // A QoS 0 PUBLISH, most of a flood, needs no answer: said by its first byte.
    const qos = packet.type === PACKET_TYPE_IDS.PUBLISH ? publishQos(headerByte(packet) ?? 0) : undefined;
    if (qos === 0) return;
    const id = packetIdOf(packet);
    if (id === undefined) return;
    switch (packet.type) {
      case PACKET_TYPE_IDS.PUBLISH:
        if (qos !== 1 && qos !== 2) return;
        return this.acknowledge({ type: qos === 1 ? 'PUBACK' : 'PUBREC', packetId: id });
      case PACKET_TYPE_IDS.PUBREC: {
        const waiting = this.inUse.get(id);
        // A PUBREC for an identifier another packet of ours holds is not this flow's: no answer.
        if (waiting !== undefined && waiting !== 'qos2' && waiting !== 'qos2-released') return;
        // A v5 PUBREC with a failure code ends the flow: no PUBREL [MQTT-4.3.3-4].
        const code = findField(packet.fields, 'mqtt.pubrec.reason_code')?.value;
        if (typeof code === 'number' && code >= 0x80) return this.released(id, 'qos2');
        if (waiting === 'qos2') this.inUse.set(id, 'qos2-released');
        return this.send({ type: 'PUBREL', packetId: id });
      }
      case PACKET_TYPE_IDS.PUBREL:
        return this.send({ type: 'PUBCOMP', packetId: id });
      case PACKET_TYPE_IDS.PUBACK:
        return this.released(id, 'qos1');
      case PACKET_TYPE_IDS.PUBCOMP:
        return this.released(id, 'qos2-released');
      case PACKET_TYPE_IDS.SUBACK:
      case PACKET_TYPE_IDS.UNSUBACK: {
        const kind = packet.type === PACKET_TYPE_IDS.SUBACK ? 'SUBACK' : 'UNSUBACK';
        if (this.inUse.get(id) !== (kind === 'SUBACK' ? 'subscribe' : 'unsubscribe')) return;
        if (this.subscriptions.acknowledged(kind, packet, id)) this.inUse.delete(id);
      }
    }
  }

  /** Our QoS 1 or 2 PUBLISH is done: its identifier and its place in the quota are free again.
   *  An acknowledgement of another kind than the identifier waits for changes nothing. */
  private released(id: number, waiting: InFlight): void {
    if (this.inUse.get(id) !== waiting && !(waiting === 'qos2' && this.inUse.get(id) === 'qos2-released')) return;
    this.inUse.delete(id);
    this.unackedPublishes = Math.max(0, this.unackedPublishes - 1);
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
    this.subscriptions.close();
    for (const timer of this.heldAcks) clearTimeout(timer);
    this.heldAcks.clear();
    if (this.keepAliveTimer) clearTimeout(this.keepAliveTimer);
    this.keepAliveTimer = undefined;
  }
}
