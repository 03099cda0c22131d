// What a person does on a connection that is already open: publish (once or repeated),
// subscribe with the MQTT 5 options, unsubscribe. One schema serves the UI, the hosts and the engine.
import { z } from 'zod';
import { KIB, mqttString, PUBLISH_PAYLOAD_MAX_BYTES, REPEAT_COUNT_RANGE, REPEAT_INTERVAL_RANGE, wholeNumberSchema } from '../limits';
import { hexBytes, qos, topic, userProperties } from './connect-options';
import { propertyRange } from './property-defaults';

const connectionId = z.string().min(1).max(64);

/** MQTT 5 PUBLISH properties (v5 3.3.2.3), by their names in the specification. */
export const publishPropertiesSchema = z.object({
  payloadFormatIndicator: z.boolean().optional(),
  messageExpiryInterval: wholeNumberSchema('Message expiry', propertyRange('messageExpiryInterval')).optional(),
  contentType: mqttString('Content type').optional(),
  responseTopic: topic.optional(),
  correlationData: hexBytes.optional(),
  userProperties: userProperties.optional(),
  topicAlias: wholeNumberSchema('Topic alias', propertyRange('topicAlias')).optional(),
}).strict();

export type PublishProperties = z.infer<typeof publishPropertiesSchema>;

export const repeatSchema = z.object({
  count: wholeNumberSchema('Times', REPEAT_COUNT_RANGE),
  intervalMs: wholeNumberSchema('Every (ms)', REPEAT_INTERVAL_RANGE),
}).strict();

export const livePublicationSchema = z.object({
  /** Empty only when a topic alias the broker already knows stands for it (v5 3.3.2.3.4). */
  topic: mqttString('Topic'),
  payloadHex: z.string().regex(/^(?:[0-9a-fA-F]{2})*$/, 'The payload travels as hex, two digits a byte').max(PUBLISH_PAYLOAD_MAX_BYTES * 2, `A payload is at most ${PUBLISH_PAYLOAD_MAX_BYTES / KIB} KiB here`),
  qos,
  retain: z.boolean(),
  properties: publishPropertiesSchema.optional(),
}).strict().refine((publication) => publication.topic.length > 0 || publication.properties?.topicAlias !== undefined, { message: 'A topic is needed (or a topic alias the broker already knows)', path: ['topic'] });

export type LivePublication = z.infer<typeof livePublicationSchema>;

export const liveSubscriptionSchema = z.object({
  topic,
  qos,
  noLocal: z.boolean().optional(),
  retainAsPublished: z.boolean().optional(),
  retainHandling: z.union([z.literal(0), z.literal(1), z.literal(2)]).optional(),
}).strict();

export type LiveSubscription = z.infer<typeof liveSubscriptionSchema>;

export const liveRequestSchemas = {
  'connection.publish': z.object({ connectionId, publication: livePublicationSchema, repeat: repeatSchema.optional() }).strict(),
  'connection.stopRepeat': z.object({ connectionId }).strict(),
  'connection.subscribe': z.object({
    connectionId,
    subscriptions: z.array(liveSubscriptionSchema).min(1).max(100),
    subscriptionIdentifier: wholeNumberSchema('Subscription identifier', propertyRange('subscriptionIdentifier')).optional(),
    userProperties: userProperties.optional(),
  }).strict(),
  'connection.unsubscribe': z.object({ connectionId, topics: z.array(topic).min(1).max(100) }).strict(),
  'connection.subscriptions': z.object({ connectionId }).strict(),
};

/** What the broker answered for one topic filter. */
export interface FilterOutcome {
  /** The SUBACK's or UNSUBACK's code for it (a 3.x UNSUBACK has none: success). */
  code?: number;
  /** The granted QoS when the subscription was accepted. */
  grantedQos?: number;
  /** In words: "Granted QoS 1", "Not authorized — …", "No SUBACK within 10 s". */
  words: string;
  ok: boolean;
}

/** A filter of the connection, as asked and as the broker answered. */
export interface SubscriptionState {
  subscription: LiveSubscription;
  subscriptionIdentifier?: number;
  /** Absent while the SUBACK is awaited. */
  outcome?: FilterOutcome;
}

export interface RepeatProgress {
  connectionId: string;
  sent: number;
  count: number;
  done: boolean;
  /** Why it stopped early: stopped by the person, or the connection ended. */
  stopped?: string;
}

export interface LiveResults {
  'connection.publish': { packetId?: number; repeating: boolean };
  'connection.stopRepeat': { stopped: boolean };
  'connection.subscribe': { results: (FilterOutcome & { topic: string })[] };
  'connection.unsubscribe': { results: (FilterOutcome & { topic: string })[] };
  'connection.subscriptions': { subscriptions: SubscriptionState[] };
}
