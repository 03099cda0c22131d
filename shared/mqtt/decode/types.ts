import type { Field } from '../field';
import type { PacketReader } from '../reader';
import type { FixedHeader } from './fixed-header';

export interface BodyResult {
  fields: Field[];
  /**
   * Set when the packet itself decides its level: a CONNECT (for the rest of the connection),
   * or a CONNACK in the 3.1.1 form answering a v5 CONNECT.
   */
  protocolLevel?: number;
}

/** Decodes the variable header and payload of one packet type. */
export type BodyDecoder = (reader: PacketReader, header: FixedHeader, protocolLevel: number) => BodyResult;
