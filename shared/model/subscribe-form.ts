// The Subscriptions form's values as typed, and the SUBSCRIBE they describe, with a message per
// field. The MQTT 5 subscription options are read only for an MQTT 5 connection.
import { liveSubscriptionSchema, type LiveSubscription } from './live-actions';
import { inRange } from '../limits';
import { propertyRange } from './property-defaults';

export interface SubscribeFormValues {
  topic: string;
  qos: '0' | '1' | '2';
  noLocal: boolean;
  retainAsPublished: boolean;
  retainHandling: '0' | '1' | '2';
  subscriptionIdentifier: string;
}

export type SubscribeFormErrors = Partial<Record<keyof SubscribeFormValues, string>>;

export const DEFAULT_SUBSCRIBE_FORM: SubscribeFormValues = { topic: '', qos: '0', noLocal: false, retainAsPublished: false, retainHandling: '0', subscriptionIdentifier: '' };

export const RETAIN_HANDLING_CHOICES = [
  ['0', '0 Send retained messages at subscribe'],
  ['1', '1 Only if the subscription is new'],
  ['2', '2 Never send retained messages'],
] as const;

/** Why a topic filter is not one, or undefined: wildcards stand alone in their level, and `#`
 *  comes last [MQTT-4.7.1-1] [MQTT-4.7.1-2]. */
export function topicFilterProblem(filter: string): string | undefined {
  if (filter === '') return 'A topic filter must not be empty';
  const shared = /^\$share\/([^/]*)(?:\/(.*))?$/s.exec(filter);
  if (shared) {
    // $share/{ShareName}/{filter} [MQTT-4.8.2-1] [MQTT-4.8.2-2].
    const [, shareName, sharedFilter] = shared;
    if (shareName === '' || /[+#]/.test(shareName)) return 'A shared subscription is $share/{share name}/{filter}: the share name is a level without “+” or “#”';
    if (sharedFilter === undefined || sharedFilter === '') return `A shared subscription needs a topic filter after $share/${shareName}/`;
    return topicFilterProblem(sharedFilter);
  }
  const levels = filter.split('/');
  for (const [index, level] of levels.entries()) {
    if (level.includes('#') && (level !== '#' || index !== levels.length - 1)) return '“#” must be a whole level, and the last one (e.g. sensors/#)';
    if (level.includes('+') && level !== '+') return '“+” must be a whole level (e.g. sensors/+/temperature)';
  }
  return undefined;
}

export type ParsedSubscribe = { ok: true; subscription: LiveSubscription; subscriptionIdentifier?: number } | { ok: false; errors: SubscribeFormErrors };

export function parseSubscribeForm(values: SubscribeFormValues, v5: boolean): ParsedSubscribe {
  const errors: SubscribeFormErrors = {};
  const filterProblem = topicFilterProblem(values.topic);
  if (filterProblem) errors.topic = filterProblem;
  let subscriptionIdentifier: number | undefined;
  if (v5 && values.subscriptionIdentifier.trim() !== '') {
    subscriptionIdentifier = Number(values.subscriptionIdentifier.trim());
    const range = propertyRange('subscriptionIdentifier');
    if (!inRange(subscriptionIdentifier, range)) {
      errors.subscriptionIdentifier = `A subscription identifier is a whole number from ${range.min} to ${range.max}`;
    }
  }
  const candidate = {
    topic: values.topic,
    qos: Number(values.qos),
    ...(v5 ? { noLocal: values.noLocal, retainAsPublished: values.retainAsPublished, retainHandling: Number(values.retainHandling) } : {}),
  };
  if (v5 && values.noLocal && values.topic.startsWith('$share/')) errors.noLocal = 'No Local on a shared subscription is a protocol error [MQTT-3.8.3-4]';
  const checked = liveSubscriptionSchema.safeParse(candidate);
  if (!checked.success) errors.topic ??= checked.error.issues[0].message;
  if (Object.keys(errors).length > 0 || !checked.success) return { ok: false, errors };
  return { ok: true, subscription: checked.data, ...(subscriptionIdentifier !== undefined ? { subscriptionIdentifier } : {}) };
}
