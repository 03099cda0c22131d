// Named MQTT 5 properties, as options carry them (`{ sessionExpiryInterval: 60 }`), into the
// encoder's list, each id and wire type read from the property table.
import { fromHex } from '../field';
import { PROPERTY_BY_OPTION } from '../properties';
import type { PropertyInput } from './types';

export function propertyList(named: object | undefined): PropertyInput[] {
  const list: PropertyInput[] = [];
  for (const [option, value] of Object.entries(named ?? {})) {
    if (value === undefined) continue;
    const property = PROPERTY_BY_OPTION.get(option);
    if (!property) throw new Error(`"${option}" is not an MQTT 5 property`);
    if (property.type === 'utf8-pair') {
      for (const pair of value as [string, string][]) list.push({ id: property.id, value: pair });
    } else if (property.type === 'binary') {
      // Binary values travel in options as hex.
      list.push({ id: property.id, value: fromHex(value as string)! });
    } else {
      list.push({ id: property.id, value: typeof value === 'boolean' ? Number(value) : (value as number | string) });
    }
  }
  return list;
}
