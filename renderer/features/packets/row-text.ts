// The one line a packet row shows, made when the row is first shown and remembered.
import { decode, describePacket, fromHex } from '@shared/mqtt';
import type { RowEntry } from '../../store/trace-log';

const lines = new WeakMap<RowEntry, string>();

export function rowText(row: RowEntry): string {
  let line = lines.get(row);
  if (line === undefined) {
    line = row.kind === 'packet' ? describePacket(decode(fromHex(row.hex)!, { protocolLevel: row.protocolLevel })) : row.message;
    lines.set(row, line);
  }
  return line;
}
