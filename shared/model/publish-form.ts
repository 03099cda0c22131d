// The Publish form's values as typed, and the publication (and repeat) they describe, with a
// message per field. MQTT 5 properties are read only for an MQTT 5 connection.
import { parseUserPropertyLines } from './connect-form';
import { livePublicationSchema, type LivePublication, type PublishProperties } from './live-actions';
import { decodePayload, encodePayload, type PayloadFormat } from './payload-encoding';
import { inRange, REPEAT_COUNT_RANGE, REPEAT_INTERVAL_RANGE, wholeNumberMessage, type Range } from '../limits';
import { propertyRange } from './property-defaults';

export interface PublishFormValues {
  topic: string;
  payloadFormat: PayloadFormat;
  payload: string;
  qos: '0' | '1' | '2';
  retain: boolean;
  /** MQTT 5 PUBLISH properties, as typed. */
  payloadIsUtf8: boolean;
  messageExpiryInterval: string;
  contentType: string;
  responseTopic: string;
  correlationData: string;
  userProperties: string;
  topicAlias: string;
  repeatCount: string;
  repeatIntervalMs: string;
}

export type PublishField = keyof PublishFormValues;
export type PublishFormErrors = Partial<Record<PublishField, string>>;

export const DEFAULT_PUBLISH_FORM: PublishFormValues = {
  topic: '',
  payloadFormat: 'text',
  payload: '',
  qos: '0',
  retain: false,
  payloadIsUtf8: false,
  messageExpiryInterval: '',
  contentType: '',
  responseTopic: '',
  correlationData: '',
  userProperties: '',
  topicAlias: '',
  repeatCount: '5',
  repeatIntervalMs: '1000',
};

export interface Repeat {
  count: number;
  intervalMs: number;
}

type Parsed<T> = { ok: true; value: T } | { ok: false; errors: PublishFormErrors };

/** A whole number in a range, or undefined for an empty field. */
function wholeNumber(text: string, range: Range, field: PublishField, label: string, errors: PublishFormErrors): number | undefined {
  if (text.trim() === '') return undefined;
  const value = Number(text.trim());
  if (!inRange(value, range)) errors[field] = wholeNumberMessage(label, range);
  return value;
}

function readProperties(values: PublishFormValues, errors: PublishFormErrors): PublishProperties | undefined {
  const properties: PublishProperties = {};
  if (values.payloadIsUtf8) properties.payloadFormatIndicator = true;
  const expiry = wholeNumber(values.messageExpiryInterval, propertyRange('messageExpiryInterval'), 'messageExpiryInterval', 'Message expiry', errors);
  if (expiry !== undefined) properties.messageExpiryInterval = expiry;
  if (values.contentType) properties.contentType = values.contentType;
  if (values.responseTopic) properties.responseTopic = values.responseTopic;
  if (values.correlationData.trim()) {
    const correlation = encodePayload('hex', values.correlationData);
    if (correlation.ok) properties.correlationData = correlation.hex;
    else errors.correlationData = correlation.message;
  }
  const { pairs, error } = parseUserPropertyLines(values.userProperties);
  if (error) errors.userProperties = error;
  if (pairs) properties.userProperties = pairs;
  const alias = wholeNumber(values.topicAlias, propertyRange('topicAlias'), 'topicAlias', 'Topic alias', errors);
  if (alias !== undefined) properties.topicAlias = alias;
  return Object.keys(properties).length > 0 ? properties : undefined;
}

/** Where a schema path of a publication shows in the form. */
function fieldOf(path: readonly PropertyKey[]): PublishField {
  const last = String(path.at(-1));
  if (last === 'payloadHex') return 'payload';
  if (last === 'payloadFormatIndicator') return 'payloadIsUtf8';
  if (path[0] === 'properties' && path[1] === 'userProperties') return 'userProperties';
  return last in DEFAULT_PUBLISH_FORM ? (last as PublishField) : 'topic';
}

export function parsePublishForm(values: PublishFormValues, v5: boolean): Parsed<LivePublication> {
  const errors: PublishFormErrors = {};
  // [MQTT-3.3.2-2] The Topic Name in a PUBLISH must not contain wildcard characters.
  if (/[+#]/.test(values.topic)) errors.topic = 'A topic to publish to has no wildcards (+ or #)';
  const payload = encodePayload(values.payloadFormat, values.payload);
  if (!payload.ok) errors.payload = payload.message;
  const properties = v5 ? readProperties(values, errors) : undefined;
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  const candidate = { topic: values.topic, payloadHex: payload.ok ? payload.hex : '', qos: Number(values.qos) as 0 | 1 | 2, retain: values.retain, ...(properties ? { properties } : {}) };
  const checked = livePublicationSchema.safeParse(candidate);
  if (checked.success) return { ok: true, value: checked.data };
  for (const issue of checked.error.issues) errors[fieldOf(issue.path)] ??= issue.message;
  return { ok: false, errors };
}

export function parseRepeat(values: PublishFormValues): Parsed<Repeat> {
  const errors: PublishFormErrors = {};
  const count = wholeNumber(values.repeatCount, REPEAT_COUNT_RANGE, 'repeatCount', 'Times', errors);
  const intervalMs = wholeNumber(values.repeatIntervalMs, REPEAT_INTERVAL_RANGE, 'repeatIntervalMs', 'Every (ms)', errors);
  if (count === undefined) errors.repeatCount = wholeNumberMessage('Times', REPEAT_COUNT_RANGE);
  if (intervalMs === undefined) errors.repeatIntervalMs = wholeNumberMessage('Every (ms)', REPEAT_INTERVAL_RANGE);
  return Object.keys(errors).length > 0 ? { ok: false, errors } : { ok: true, value: { count: count!, intervalMs: intervalMs! } };
}

/** The form filled with a publication (a template's or the history's), its payload shown in
 *  the format it was written in, or as hex when its bytes are not text. */
export function publishFormOf(publication: LivePublication, payloadFormat: PayloadFormat, current: PublishFormValues = DEFAULT_PUBLISH_FORM): PublishFormValues {
  const shown = decodePayload(payloadFormat, publication.payloadHex);
  const properties = publication.properties ?? {};
  return {
    ...current,
    topic: publication.topic,
    payloadFormat: shown === undefined ? 'hex' : payloadFormat,
    payload: shown ?? publication.payloadHex,
    qos: String(publication.qos) as PublishFormValues['qos'],
    retain: publication.retain,
    payloadIsUtf8: properties.payloadFormatIndicator ?? false,
    messageExpiryInterval: properties.messageExpiryInterval?.toString() ?? '',
    contentType: properties.contentType ?? '',
    responseTopic: properties.responseTopic ?? '',
    correlationData: properties.correlationData ?? '',
    userProperties: (properties.userProperties ?? []).map(([key, value]) => `${key}=${value}`).join('\n'),
    topicAlias: properties.topicAlias?.toString() ?? '',
  };
}

/** The form with its payload written in another format: the same bytes when they can be (text
 *  typed, then Hex, shows its bytes), the text as it was when they cannot (bytes that are not
 *  UTF-8 shown as text, or a payload that does not read in its current format). */
export function withPayloadFormat(values: PublishFormValues, payloadFormat: PayloadFormat): PublishFormValues {
  const current = encodePayload(values.payloadFormat, values.payload);
  const converted = current.ok ? decodePayload(payloadFormat, current.hex) : undefined;
  return { ...values, payloadFormat, payload: converted ?? values.payload };
}
