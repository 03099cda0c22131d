// What leaving out an MQTT 5 property means, and its range, by option name: checked against the
// property table and the specification.
import { describe, expect, it } from 'vitest';
import { PROPERTY_BY_OPTION, PROPERTIES } from '../mqtt/properties';
import { PROPERTY_DEFAULTS, propertyAbsent, propertyRange } from './property-defaults';

describe('the property defaults', () => {
  it('name only properties of the property table', () => {
    for (const option of Object.keys(PROPERTY_DEFAULTS)) expect(PROPERTY_BY_OPTION.get(option), option).toBeDefined();
  });

  it('give every numeric property a range: its own, or 0 to its wire type’s largest', () => {
    for (const property of PROPERTIES.filter((item) => ['byte', 'two-byte', 'four-byte', 'varint'].includes(item.type))) {
      expect(propertyRange(property.option).max, property.name).toBeGreaterThan(0);
    }
    expect(propertyRange('sessionExpiryInterval')).toEqual({ min: 0, max: 4_294_967_295 });
    expect(propertyRange('topicAlias')).toEqual({ min: 1, max: 65_535 });
    expect(propertyRange('subscriptionIdentifier')).toEqual({ min: 1, max: 268_435_455 });
  });

  it('say what leaving a property out means (v5 3.1.2.11, 3.2.2.3)', () => {
    expect(propertyAbsent('receiveMaximum')).toBe(65_535);
    expect(propertyAbsent('requestProblemInformation')).toBe(1);
    expect(propertyAbsent('requestResponseInformation')).toBe(0);
    expect(propertyAbsent('maximumPacketSize')).toBeUndefined();
    expect(propertyAbsent('maximumQoS')).toBe(2);
  });

  it('refuse a name no property has', () => {
    expect(() => propertyRange('receiveMaximun')).toThrow('No MQTT 5 property is called receiveMaximun');
  });
});
