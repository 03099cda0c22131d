// What "Copy as mosquitto_…" builds its line from: the options when this app opened the
// connection, else its CONNECT (read from the engine) and the broker's address the session has.
import type { EngineApi } from '@shared/contract';
import { parseAddress, sourceFromConnectHex, sourceFromOptions, type CommandSource } from '@shared/model/mosquitto-command';
import { fetchPacket } from '../../api/packet-entry';
import type { ConnectionView } from '../../store/connections-slice';

export async function commandSourceOf(api: EngineApi, connection: ConnectionView): Promise<CommandSource> {
  if (connection.options) return sourceFromOptions(connection.options);
  const connect = connection.story.connect;
  if (!connect) throw new Error('this connection has no CONNECT to read it from');
  let address = connection.recorded?.broker;
  if (address === undefined) address = (await api.request('sessions.list', {})).sessions.find((session) => session.id === connection.id)?.broker;
  const broker = parseAddress(address);
  if (!broker) throw new Error('the broker’s address of this session is not known');
  const packet = await fetchPacket(api, connection.id, connect.seq);
  const source = sourceFromConnectHex(packet.hex, packet.protocolLevel, broker);
  if (!source) throw new Error('its CONNECT could not be read');
  return source;
}
