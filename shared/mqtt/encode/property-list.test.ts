import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { PROPERTIES } from '../properties';
import { propertyList } from './property-list';

const require = createRequire(import.meta.url);
/** mqtt-packet's property names and ids: the option names of our table must be the same. */
const MQTT_PACKET_IDS = (require('mqtt-packet/constants') as { properties: Record<string, number> }).properties;

describe('the property table’s option names', () => {
  it('are mqtt-packet’s names for the same ids', () => {
    for (const property of PROPERTIES) expect(MQTT_PACKET_IDS[property.option], property.name).toBe(property.id);
  });
});

describe('propertyList', () => {
  it('turns named options into ids and wire values from the table', () => {
    expect(propertyList({ sessionExpiryInterval: 60, requestProblemInformation: false, authenticationData: 'c0ff', userProperties: [['a', 'b'], ['c', 'd']], contentType: undefined })).toEqual([
      { id: 0x11, value: 60 },
      { id: 0x17, value: 0 },
      { id: 0x16, value: Uint8Array.from([0xc0, 0xff]) },
      { id: 0x26, value: ['a', 'b'] },
      { id: 0x26, value: ['c', 'd'] },
    ]);
  });

  it('refuses a name that is not a property', () => {
    expect(() => propertyList({ keepAlive: 60 })).toThrow('"keepAlive" is not an MQTT 5 property');
  });
});
