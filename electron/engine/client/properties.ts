// Named MQTT 5 properties (as the options carry them) into the encoder's property list, using
// the property table for the ids.
import { fromHex } from '@shared/mqtt';
import type { PropertyInput } from '@shared/mqtt/encode';
import type { ConnectProperties, WillProperties } from '@shared/model/connect-options';

const IDS: Record<string, number> = {
  sessionExpiryInterval: 0x11,
  receiveMaximum: 0x21,
  maximumPacketSize: 0x27,
  topicAliasMaximum: 0x22,
  requestResponseInformation: 0x19,
  requestProblemInformation: 0x17,
  authenticationMethod: 0x15,
  authenticationData: 0x16,
  willDelayInterval: 0x18,
  payloadFormatIndicator: 0x01,
  messageExpiryInterval: 0x02,
  contentType: 0x03,
  responseTopic: 0x08,
  correlationData: 0x09,
};
const BINARY = new Set(['authenticationData', 'correlationData']);

export function propertyList(properties: ConnectProperties | WillProperties | undefined): PropertyInput[] {
  const list: PropertyInput[] = [];
  for (const [name, value] of Object.entries(properties ?? {})) {
    if (value === undefined) continue;
    if (name === 'userProperties') {
      for (const pair of value as [string, string][]) list.push({ id: 0x26, value: pair });
    } else if (BINARY.has(name)) {
      list.push({ id: IDS[name], value: fromHex(value as string)! });
    } else {
      list.push({ id: IDS[name], value: typeof value === 'boolean' ? Number(value) : (value as number | string) });
    }
  }
  return list;
}
