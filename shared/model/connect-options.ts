// What a connection is asked to do: the engine's typed options, and the form's text values
// parsed into them with a message per field. One schema serves the UI and the engine's checks.
import { z } from 'zod';
import { FOUR_BYTE_INTEGER_MAX, HOST_MAX_CHARS, hostSchema, KEEP_ALIVE_RANGE, MAX_PACKET_BYTES, MQTT_BINARY_MAX_BYTES, mqttString, portSchema, TWO_BYTE_INTEGER_MAX, wholeNumberSchema } from '../limits';

export const PROTOCOL_VERSIONS = ['3.1', '3.1.1', '5'] as const;

export const qos = z.union([z.literal(0), z.literal(1), z.literal(2)]);
export const topic = mqttString('Topic').refine((text) => text.length > 0, 'A topic must not be empty');

export const u16 = z.number().int().min(0).max(TWO_BYTE_INTEGER_MAX);
export const u32 = z.number().int().min(0).max(FOUR_BYTE_INTEGER_MAX);
export const userProperties = z.array(z.tuple([mqttString('A user property’s key'), mqttString('A user property’s value')])).max(100);
export const hexBytes = z.string().regex(/^(?:[0-9a-fA-F]{2})*$/, 'Binary data is written as hex, two digits a byte').max(2 * MQTT_BINARY_MAX_BYTES);

/** MQTT 5 CONNECT properties (v5 3.1.2.11), by their names in the specification. */
export const connectPropertiesSchema = z.object({
  sessionExpiryInterval: u32.optional(),
  receiveMaximum: u16.min(1).optional(),
  maximumPacketSize: u32.min(1).optional(),
  topicAliasMaximum: u16.optional(),
  requestResponseInformation: z.boolean().optional(),
  requestProblemInformation: z.boolean().optional(),
  userProperties: userProperties.optional(),
  authenticationMethod: mqttString('Authentication method').optional(),
  authenticationData: hexBytes.optional(),
}).strict();

/** MQTT 5 will properties (v5 3.1.3.2). */
export const willPropertiesSchema = z.object({
  willDelayInterval: u32.optional(),
  payloadFormatIndicator: z.boolean().optional(),
  messageExpiryInterval: u32.optional(),
  contentType: mqttString('Will content type').optional(),
  responseTopic: mqttString('Will response topic').optional(),
  correlationData: hexBytes.optional(),
  userProperties: userProperties.optional(),
}).strict();

export type ConnectProperties = z.infer<typeof connectPropertiesSchema>;
export type WillProperties = z.infer<typeof willPropertiesSchema>;

export const willSchema = z.object({
  topic,
  payload: mqttString('Will payload'),
  qos,
  retain: z.boolean(),
  properties: willPropertiesSchema.optional(),
}).strict();

/** What the client does once the broker accepts it, and the experiments it can run. */
const sessionPlanFields = z.object({
  subscriptions: z.array(z.object({ topic, qos }).strict()).max(100).optional(),
  publications: z.array(z.object({ topic, payload: z.string().max(1_000_000), qos, retain: z.boolean().optional() }).strict()).max(100_000).optional(),
  /** Topic filters to unsubscribe from after the publications. */
  unsubscriptions: z.array(topic).max(100).optional(),
  /** Wait this long between the TCP connection and the CONNECT (the broker's connect timeout). */
  connectDelayMs: z.number().int().min(0).max(600_000).optional(),
  /** Send these bytes instead of the CONNECT (hex, from the encoder or typed by hand). */
  rawConnectHex: z.string().regex(/^(?:[0-9a-fA-F]{2})+$/, 'Raw bytes must be hex, two digits a byte').max(2_000_000).optional(),
  /** Hold each PUBACK and PUBREC this long, to see the broker's flow control (Receive Maximum). */
  ackDelayMs: z.number().int().min(0).max(60_000).optional(),
  /** Do not send PINGREQ, to see the broker's keep-alive timeout. */
  noPings: z.boolean().optional(),
  /** Give up on each step that waits on the broker (TCP, the TLS handshake, the WebSocket upgrade,
   *  the CONNACK) after this long (default 10 s each). Read from `connackTimeoutMs` too, its name
   *  when it bounded the CONNACK only (saved profiles, scripts); the form's field and the CLI's
   *  `--connack-timeout` keep that name. */
  stepTimeoutMs: z.number().int().min(1).max(600_000).optional(),
  /** Larger packets from the broker are reported from their header and skipped (default 16 MiB). */
  maxPacketSize: z.number().int().min(2).max(MAX_PACKET_BYTES).optional(),
}).strict();

/** The plan, `connackTimeoutMs` (the old name) read as `stepTimeoutMs` when that is not given. */
export const sessionPlanSchema = z.preprocess((plan) => {
  if (typeof plan !== 'object' || plan === null || !('connackTimeoutMs' in plan)) return plan;
  const { connackTimeoutMs, ...rest } = plan as Record<string, unknown>;
  return 'stepTimeoutMs' in rest ? rest : { ...rest, stepTimeoutMs: connackTimeoutMs };
}, sessionPlanFields);

const pem = z.string().max(1_000_000);

/** TLS for mqtts://: certificates as PEM text (the hosts read the files). */
export const tlsSchema = z.object({
  caPem: pem.optional(),
  certPem: pem.optional(),
  keyPem: pem.optional(),
  passphrase: z.string().max(1024).optional(),
  /** Check the broker's certificate chain and host name (on unless turned off). */
  verify: z.boolean().optional(),
  /** Server name to send (SNI) and to check the certificate against; the host by default. */
  serverName: z.string().max(HOST_MAX_CHARS).optional(),
  alpn: z.array(z.string().min(1).max(255)).max(8).optional(),
}).strict();

export type TlsOptions = z.infer<typeof tlsSchema>;

export const connectOptionsSchema = z.object({
  host: hostSchema(),
  port: portSchema(),
  protocolVersion: z.enum(PROTOCOL_VERSIONS),
  clientId: mqttString('Client ID'),
  clean: z.boolean(),
  keepAlive: wholeNumberSchema('Keep alive', KEEP_ALIVE_RANGE, 'seconds'),
  username: mqttString('Username').optional(),
  password: mqttString('Password').optional(),
  will: willSchema.optional(),
  /** MQTT 5 only; ignored for 3.1 and 3.1.1. */
  properties: connectPropertiesSchema.optional(),
  plan: sessionPlanSchema.optional(),
  /** Present for mqtts:// and wss://: the connection is made over TLS. */
  tls: tlsSchema.optional(),
  /** Present for ws:// and wss://: MQTT inside WebSocket binary messages. */
  websocket: z.object({ path: z.string().startsWith('/', 'The path starts with /').max(2048) }).strict().optional(),
});

export type ConnectOptions = z.infer<typeof connectOptionsSchema>;
export type SessionPlan = z.infer<typeof sessionPlanSchema>;
