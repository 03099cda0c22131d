// A v5 property block read as values by property name, for whoever reads what a packet asked or
// granted: the session story, the client (Server Keep Alive), the CONNACK card.
import type { Field } from './field';
import { PROPERTY_BY_ID } from './properties';

/** A v5 property block by property name; a user property reads `key=value`, repeated ones join. */
export type PropertyValues = Record<string, string | number>;

/** A property block's values by property name. */
export function propertyValues(block: Field | undefined): PropertyValues {
  const values: PropertyValues = {};
  for (const property of block?.children ?? []) {
    if (property.key !== 'mqtt.property_id') continue;
    const name = PROPERTY_BY_ID[property.value as number]?.name ?? `0x${(property.value as number).toString(16)}`;
    const parts = (property.children ?? []).filter((child) => !child.key.endsWith('_len')).map((child) => child.value);
    const value = parts.length === 2 ? `${parts[0]}=${parts[1]}` : (parts[0] as string | number);
    values[name] = name in values ? `${values[name]}, ${value}` : value;
  }
  return values;
}

