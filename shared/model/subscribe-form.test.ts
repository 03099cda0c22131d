// The Subscriptions form read into a SUBSCRIBE: filters checked as the specification says,
// MQTT 5 options only on MQTT 5.
import { describe, expect, it } from 'vitest';
import { DEFAULT_SUBSCRIBE_FORM, parseSubscribeForm, topicFilterProblem, type SubscribeFormValues } from './subscribe-form';
import { SUBSCRIPTION_IDENTIFIER_RANGE } from '../limits';

const form = (values: Partial<SubscribeFormValues>): SubscribeFormValues => ({ ...DEFAULT_SUBSCRIBE_FORM, ...values });

describe('topicFilterProblem', () => {
  it('accepts wildcards that stand alone in their level, # last', () => {
    for (const filter of ['a', 'a/b', '#', '+', 'a/+/c', 'a/#', '+/+', '/a', 'a/', '$SYS/#']) expect(topicFilterProblem(filter), filter).toBeUndefined();
  });

  it('refuses the rest, saying which wildcard is wrong', () => {
    expect(topicFilterProblem('')).toBe('A topic filter must not be empty');
    for (const filter of ['a/#/b', 'a#', '#/a', 'a/b#']) expect(topicFilterProblem(filter), filter).toMatch(/^“#”/);
    for (const filter of ['a+', 'a/+b/c', '+a']) expect(topicFilterProblem(filter), filter).toMatch(/^“\+”/);
  });

  it('reads a shared subscription as $share/{share name}/{filter}, each part checked', () => {
    expect(topicFilterProblem('$share/group/sensors/#')).toBeUndefined();
    expect(topicFilterProblem('$shared/x')).toBeUndefined();
    expect(topicFilterProblem('$share/g')).toBe('A shared subscription needs a topic filter after $share/g/');
    expect(topicFilterProblem('$share/g/')).toBe('A shared subscription needs a topic filter after $share/g/');
    for (const filter of ['$share//x', '$share/g+/x', '$share/#/x']) expect(topicFilterProblem(filter), filter).toMatch(/^A shared subscription is \$share\/\{share name\}\/\{filter\}/);
    expect(topicFilterProblem('$share/g/a/#/b')).toMatch(/^“#”/);
  });
});

describe('parseSubscribeForm', () => {
  it('reads a 3.x subscription without the MQTT 5 options', () => {
    expect(parseSubscribeForm(form({ topic: 'a/#', qos: '1', noLocal: true, subscriptionIdentifier: '7' }), false)).toEqual({ ok: true, subscription: { topic: 'a/#', qos: 1 } });
  });

  it('reads the MQTT 5 options and the subscription identifier', () => {
    expect(parseSubscribeForm(form({ topic: 'a', qos: '2', noLocal: true, retainAsPublished: true, retainHandling: '2', subscriptionIdentifier: '7' }), true)).toEqual({
      ok: true,
      subscription: { topic: 'a', qos: 2, noLocal: true, retainAsPublished: true, retainHandling: 2 },
      subscriptionIdentifier: 7,
    });
  });

  it('refuses No Local on a shared subscription [MQTT-3.8.3-4], MQTT 5 only', () => {
    expect(parseSubscribeForm(form({ topic: '$share/g/a', noLocal: true }), true)).toEqual({ ok: false, errors: { noLocal: 'No Local on a shared subscription is a protocol error [MQTT-3.8.3-4]' } });
    expect(parseSubscribeForm(form({ topic: '$share/g/a', noLocal: true }), false)).toMatchObject({ ok: true });
  });

  it('says what is wrong next to its field, at the identifier’s edges', () => {
    expect(parseSubscribeForm(form({ topic: 'a', subscriptionIdentifier: String(SUBSCRIPTION_IDENTIFIER_RANGE.max) }), true)).toMatchObject({ ok: true });
    expect(parseSubscribeForm(form({ topic: 'a/#/b', subscriptionIdentifier: String(SUBSCRIPTION_IDENTIFIER_RANGE.max + 1) }), true)).toEqual({
      ok: false,
      errors: { topic: '“#” must be a whole level, and the last one (e.g. sensors/#)', subscriptionIdentifier: `A subscription identifier is a whole number from 1 to ${SUBSCRIPTION_IDENTIFIER_RANGE.max}` },
    });
    expect(parseSubscribeForm(form({ topic: 'a', subscriptionIdentifier: '0' }), true)).toMatchObject({ ok: false, errors: { subscriptionIdentifier: expect.any(String) } });
  });
});
