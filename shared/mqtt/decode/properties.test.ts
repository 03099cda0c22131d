import { describe, expect, it } from 'vitest';
import { writeProperties } from '../encode/properties';
import { PacketWriter } from '../encode/writer';
import { PROPERTIES, type PropertyDefinition } from '../properties';
import { PacketReader } from '../reader';
import { decodeProperties } from './properties';

const sample = (property: PropertyDefinition): string | number | Uint8Array | [string, string] => {
  switch (property.type) {
    case 'utf8': return 'text';
    case 'binary': return Uint8Array.of(1, 2);
    case 'utf8-pair': return ['k', 'v'];
    case 'varint': return 300;
    default: return 1;
  }
};

/** The problems of a block holding these properties, read where `place` puts it. */
function problems(properties: readonly PropertyDefinition[], place: PropertyDefinition['places'][number]): string[] {
  const out = new PacketWriter();
  writeProperties(out, properties.map((property) => ({ id: property.id, value: sample(property) })));
  const bytes = out.toBytes();
  const reader = new PacketReader(bytes, 0, bytes.length);
  decodeProperties(reader, place);
  return reader.problems.map((problem) => problem.message);
}

describe('decodeProperties', () => {
  it('every property once, where it may be: no problem (each property has a bit of its own)', () => {
    for (const property of PROPERTIES) expect(problems([property], property.places[0]), property.name).toEqual([]);
    const publish = PROPERTIES.filter((property) => property.places.includes('PUBLISH'));
    expect(problems(publish, 'PUBLISH')).toEqual([]);
    expect(PROPERTIES.length).toBeLessThanOrEqual(31);
  });

  it('every property twice: a problem unless it may repeat there (v5 2.2.2.2)', () => {
    for (const property of PROPERTIES) {
      for (const place of property.places) {
        const repeats = property.repeatable?.includes(place) ?? false;
        expect(problems([property, property], place), `${property.name} in ${place}`).toEqual(repeats ? [] : [`${property.name} appears more than once`]);
      }
    }
  });

  it('a property where it may not be', () => {
    expect(problems([PROPERTIES.find((property) => property.option === 'topicAlias')!], 'CONNECT')).toEqual(['Topic Alias is not allowed in a CONNECT']);
  });
});
