import type { Field } from '../field';
import type { PacketReader } from '../reader';
import type { FixedHeader } from './fixed-header';

export interface BodyResult {
  fields: Field[];
  /** Set by CONNECT, whose protocol level decides how the rest of the connection is read. */
  protocolLevel?: number;
}

/** Decodes the variable header and payload of one packet type. */
export type BodyDecoder = (reader: PacketReader, header: FixedHeader, protocolLevel: number) => BodyResult;
