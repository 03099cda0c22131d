// What a connection is asked to do: the engine's typed options, checked by one schema for the
// UI, the command line and the engine. Each option of the table (connect-fields.ts) is checked
// as its row says, at the place its row says; what the table does not hold (lists, the raw
// CONNECT, binary data) is written here.
import { z } from 'zod';
import { HOST_MAX_CHARS, hostSchema, HTTP_PATH_MAX_CHARS, MAX_PACKET_BYTES, MQTT_BINARY_MAX_BYTES, mqttString, PASSPHRASE_MAX_CHARS, PEM_MAX_CHARS, wholeNumberSchema } from '../limits';
import { CONNECT_OPTIONS, type ConnectOption, type TextFormat } from './connect-fields';

export const PROTOCOL_VERSIONS = ['3.1', '3.1.1', '5'] as const;

export const qos = z.union([z.literal(0), z.literal(1), z.literal(2)]);
const topicOf = (label: string) => mqttString(label).refine((text) => text.length > 0, 'A topic must not be empty');
export const topic = topicOf('Topic');

export const userProperties = z.array(z.tuple([mqttString('A user property’s key'), mqttString('A user property’s value')])).max(100);
export const hexBytes = z.string().regex(/^(?:[0-9a-fA-F]{2})*$/, 'Binary data is written as hex, two digits a byte').max(2 * MQTT_BINARY_MAX_BYTES);

const TEXT_SCHEMAS: Record<TextFormat, (label: string) => z.ZodString> = {
  mqtt: mqttString,
  topic: topicOf,
  host: hostSchema,
  pem: () => z.string().max(PEM_MAX_CHARS),
  passphrase: () => z.string().max(PASSPHRASE_MAX_CHARS),
  'server-name': () => z.string().max(HOST_MAX_CHARS),
  'http-path': () => z.string().startsWith('/', 'The path starts with /').max(HTTP_PATH_MAX_CHARS),
};

/** The schema an option's row says: its kind, bounds and words. */
export function optionSchema(row: ConnectOption): z.ZodType {
  switch (row.kind) {
    case 'number':
      return wholeNumberSchema(row.label, row, row.unit);
    case 'text':
      return TEXT_SCHEMAS[row.format ?? 'mqtt'](row.label);
    case 'flag':
      return z.boolean();
    case 'qos':
      return qos;
  }
}

type Row = (typeof CONNECT_OPTIONS)[number];
type SchemaOf<R extends Row> = R extends { kind: 'number' } ? z.ZodNumber : R extends { kind: 'flag' } ? z.ZodBoolean : R extends { kind: 'qos' } ? typeof qos : z.ZodString;
type Last<P> = P extends readonly [...unknown[], infer L extends string] ? L : never;
type RowsAt<P extends readonly string[]> = Extract<Row, { path: readonly [...P, string] }>;
type ShapeAt<P extends readonly string[]> = { [R in RowsAt<P> as Last<R['path']>]: R extends { required: true } ? SchemaOf<R> : z.ZodOptional<SchemaOf<R>> };

/** The table's options at `prefix` of ConnectOptions, each checked as its row says: optional
 *  unless the row says ConnectOptions always holds it. */
function shapeAt<P extends readonly string[]>(...prefix: P): ShapeAt<P> {
  const rows = (CONNECT_OPTIONS as readonly ConnectOption[]).filter((row) => row.path.length === prefix.length + 1 && prefix.every((key, index) => row.path[index] === key));
  return Object.fromEntries(rows.map((row) => [row.path[prefix.length], row.required ? optionSchema(row) : optionSchema(row).optional()])) as ShapeAt<P>;
}

/** MQTT 5 CONNECT properties (v5 3.1.2.11), by their names in the specification. */
export const connectPropertiesSchema = z.object({
  ...shapeAt('properties'),
  userProperties: userProperties.optional(),
  authenticationData: hexBytes.optional(),
}).strict();

/** MQTT 5 will properties (v5 3.1.3.2). */
export const willPropertiesSchema = z.object({
  ...shapeAt('will', 'properties'),
  correlationData: hexBytes.optional(),
  userProperties: userProperties.optional(),
}).strict();

export type ConnectProperties = z.infer<typeof connectPropertiesSchema>;
export type WillProperties = z.infer<typeof willPropertiesSchema>;

export const willSchema = z.object({
  ...shapeAt('will'),
  properties: willPropertiesSchema.optional(),
}).strict();

/** What the client does once the broker accepts it, and the experiments it can run. */
const sessionPlanFields = z.object({
  subscriptions: z.array(z.object({ topic, qos }).strict()).max(100).optional(),
  publications: z.array(z.object({ topic, payload: z.string().max(1_000_000), qos, retain: z.boolean().optional() }).strict()).max(100_000).optional(),
  /** Topic filters to unsubscribe from after the publications. */
  unsubscriptions: z.array(topic).max(100).optional(),
  /** Send these bytes instead of the CONNECT (hex, from the encoder or typed by hand). */
  rawConnectHex: z.string().regex(/^(?:[0-9a-fA-F]{2})+$/, 'Raw bytes must be hex, two digits a byte').max(2_000_000).optional(),
  /** Larger packets from the broker are reported from their header and skipped (default: the
   *  engine's DEFAULT_MAX_PACKET_SIZE, 16 MiB). */
  maxPacketSize: z.number().int().min(2).max(MAX_PACKET_BYTES).optional(),
  /** The table's: the wait before the CONNECT (the broker's connect timeout), the hold on each
   *  PUBACK and PUBREC (the broker's flow control, Receive Maximum), no PINGREQ (its keep-alive
   *  timeout), and the timeout of each step that waits on the broker (TCP, the TLS handshake,
   *  the WebSocket upgrade, the CONNACK; 10 s each by default). That one is read from
   *  `connackTimeoutMs` too, its name when it bounded the CONNACK only (saved profiles, scripts);
   *  the form's field and the CLI's `--connack-timeout` keep that name. */
  ...shapeAt('plan'),
}).strict();

/** The plan, `connackTimeoutMs` (the old name) read as `stepTimeoutMs` when that is not given. */
export const sessionPlanSchema = z.preprocess((plan) => {
  if (typeof plan !== 'object' || plan === null || !('connackTimeoutMs' in plan)) return plan;
  const { connackTimeoutMs, ...rest } = plan as Record<string, unknown>;
  return 'stepTimeoutMs' in rest ? rest : { ...rest, stepTimeoutMs: connackTimeoutMs };
}, sessionPlanFields);

/** TLS for mqtts://: certificates as PEM text (the hosts read the files); the broker's chain and
 *  name checked unless `verify` is false; the server name sent (SNI) and checked, the host's by
 *  default. */
export const tlsSchema = z.object({
  ...shapeAt('tls'),
  alpn: z.array(z.string().min(1).max(255)).max(8).optional(),
}).strict();

export type TlsOptions = z.infer<typeof tlsSchema>;

/** ws:// and wss://: the HTTP path of the broker's WebSocket endpoint. */
export const websocketSchema = z.object(shapeAt('websocket')).strict();

export const connectOptionsSchema = z.object({
  ...shapeAt(),
  protocolVersion: z.enum(PROTOCOL_VERSIONS),
  will: willSchema.optional(),
  /** MQTT 5 only; ignored for 3.1 and 3.1.1. */
  properties: connectPropertiesSchema.optional(),
  plan: sessionPlanSchema.optional(),
  /** Present for mqtts:// and wss://: the connection is made over TLS. */
  tls: tlsSchema.optional(),
  /** Present for ws:// and wss://: MQTT inside WebSocket binary messages. */
  websocket: websocketSchema.optional(),
});

export type ConnectOptions = z.infer<typeof connectOptionsSchema>;
export type SessionPlan = z.infer<typeof sessionPlanSchema>;
