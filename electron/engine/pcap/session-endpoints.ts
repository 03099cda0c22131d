// The two ends the writer gives a session's TCP stream: its real ones where it knows them,
// made-up loopback ones where it does not, always of one IP family.
import type { CaptureEndpoint, CapturedSession } from '@shared/model/capture';
import { DEFAULT_PORTS } from '@shared/model/broker-url';
import { parseIpAddress } from './ip-address';
import type { FrameEndpoint } from './tcp-frame';
import { PORT_RANGE } from '@shared/limits';

/** Ports from here up are the ephemeral range (RFC 6335); a made-up client port is one of them. */
const EPHEMERAL_PORT_FIRST = 49_152;
const EPHEMERAL_PORT_COUNT = PORT_RANGE.max + 1 - EPHEMERAL_PORT_FIRST;
const LOOPBACK = { 4: Uint8Array.of(127, 0, 0, 1), 16: Uint8Array.of(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1) };
/** Locally administered addresses, so no real vendor's. */
const MACS = { client: Uint8Array.of(0x02, 0, 0, 0, 0, 0x01), broker: Uint8Array.of(0x02, 0, 0, 0, 0, 0x02) };

export interface SessionEnds {
  client: FrameEndpoint;
  broker: FrameEndpoint;
}

/** `index` picks a made-up client port no other session of the file has. */
export function sessionEnds(session: CapturedSession, index: number): SessionEnds {
  const known = (endpoint: CaptureEndpoint | undefined) => (endpoint ? parseIpAddress(endpoint.address) : undefined);
  let clientAddress = known(session.client);
  let brokerAddress = known(session.broker);
  const family = clientAddress?.length ?? brokerAddress?.length ?? 4;
  clientAddress ??= LOOPBACK[family as 4 | 16];
  brokerAddress ??= LOOPBACK[family as 4 | 16];
  if (clientAddress.length !== brokerAddress.length) [clientAddress, brokerAddress] = [asIpv6(clientAddress), asIpv6(brokerAddress)];
  return {
    client: { address: clientAddress, port: session.client?.port ?? EPHEMERAL_PORT_FIRST + (index % EPHEMERAL_PORT_COUNT), mac: MACS.client },
    broker: { address: brokerAddress, port: session.broker?.port ?? DEFAULT_PORTS.mqtt, mac: MACS.broker },
  };
}

/** An IPv4 address as IPv4-mapped IPv6 (::ffff:a.b.c.d), so one packet can hold both ends. */
function asIpv6(address: Uint8Array): Uint8Array {
  if (address.length === 16) return address;
  const mapped = new Uint8Array(16);
  mapped[10] = 0xff;
  mapped[11] = 0xff;
  mapped.set(address, 12);
  return mapped;
}
