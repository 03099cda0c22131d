import type { Field } from '../field';
import type { PacketReader } from '../reader';

/**
 * Decodes the variable header and payload of one packet type into `fields`, given the packet's
 * first byte (type and flags) and its remaining length. Returns a protocol level when the packet
 * itself decides it: a CONNECT (for the rest of the connection), or a CONNACK in the 3.1.1 form
 * answering a v5 CONNECT.
 */
export type BodyDecoder = (reader: PacketReader, first: number, remainingLength: number, protocolLevel: number, fields: Field[]) => number | undefined | void;
