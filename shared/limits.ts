// The protocol's maxima and the bounds every side of the app shares (ports, hosts, MQTT
// strings), written once: everything else imports them. The schema pieces at the end apply
// them with one message each. (shared/limits.test.ts tests each at its edge; the rule that no
// bound is written elsewhere is shared/limits-rule.test.ts.)
import { utf8Length } from './mqtt/utf8';
import { z } from 'zod';

/** A lower and an upper bound, both allowed. */
export interface Range {
  readonly min: number;
  readonly max: number;
}

/** Sizes in units of 1,024, for writing the bounds below (and for reading a typed size). */
export const KIB = 1024;
export const MIB = 1024 * KIB;
export const GIB = 1024 * MIB;

// ---- MQTT's own maxima ------------------------------------------------------------------------

/** The largest value of 16 bits: a Two Byte Integer (v5 1.5.2), a TCP port or window. */
export const UINT16_MAX = 0xffff;
export const BYTE_MAX = 0xff;
export const TWO_BYTE_INTEGER_MAX = UINT16_MAX;
/** v5 1.5.3. */
export const FOUR_BYTE_INTEGER_MAX = 0xffff_ffff;
/** The largest Variable Byte Integer (v5 1.5.5): 268,435,455, in at most four bytes. */
export const VBI_MAX = 0x0fff_ffff;
export const VBI_MAX_BYTES = 4;
/** The Remaining Length is a Variable Byte Integer (v5 2.1.4). */
export const MAX_REMAINING_LENGTH = VBI_MAX;
/** The largest packet MQTT can frame: a fixed header byte, four length bytes and the most they
 *  can say (268,435,460). Also the largest maximum packet size one may ask for. */
export const MAX_PACKET_BYTES = 1 + VBI_MAX_BYTES + MAX_REMAINING_LENGTH;
/** A UTF-8 Encoded String is prefixed by its length in bytes as a Two Byte Integer (v5 1.5.4);
 *  a topic, a topic filter and a client id are such strings. */
export const MQTT_STRING_MAX_BYTES = TWO_BYTE_INTEGER_MAX;
/** Binary Data, likewise (v5 1.5.6). */
export const MQTT_BINARY_MAX_BYTES = TWO_BYTE_INTEGER_MAX;
/** [MQTT-2.2.1-3]: a non-zero Two Byte Integer. */
export const PACKET_ID_RANGE: Range = { min: 1, max: TWO_BYTE_INTEGER_MAX };
/** Seconds; 0 turns the mechanism off (v5 3.1.2.10). */
export const KEEP_ALIVE_RANGE: Range = { min: 0, max: TWO_BYTE_INTEGER_MAX };
/** A Topic Alias of 0 is a Protocol Error (v5 3.3.2.3.4). */
export const TOPIC_ALIAS_RANGE: Range = { min: 1, max: TWO_BYTE_INTEGER_MAX };
/** A Subscription Identifier of 0 is a Protocol Error (v5 3.8.2.1.2). */
export const SUBSCRIPTION_IDENTIFIER_RANGE: Range = { min: 1, max: VBI_MAX };
/** A Receive Maximum of 0 is a Protocol Error (v5 3.1.2.11.3, 3.2.2.3.3). */
export const RECEIVE_MAXIMUM_RANGE: Range = { min: 1, max: TWO_BYTE_INTEGER_MAX };
/** A Maximum Packet Size of 0 is a Protocol Error (v5 3.1.2.11.4, 3.2.2.3.6). */
export const MAXIMUM_PACKET_SIZE_RANGE: Range = { min: 1, max: FOUR_BYTE_INTEGER_MAX };
/** MQTT 3.1 takes a client id of 1 to 23 characters (3.1, section 3.1: the Client Identifier). */
export const MQTT31_CLIENT_ID_MAX_CHARS = 23;

/** The largest value of each property wire type (v5 2.2.2.2); strings and binary data by bytes. */
export const WIRE_TYPE_MAX = {
  byte: BYTE_MAX,
  'two-byte': TWO_BYTE_INTEGER_MAX,
  'four-byte': FOUR_BYTE_INTEGER_MAX,
  varint: VBI_MAX,
  utf8: MQTT_STRING_MAX_BYTES,
  binary: MQTT_BINARY_MAX_BYTES,
  'utf8-pair': MQTT_STRING_MAX_BYTES,
} as const;

/** The slabs packets are written into (shared/mqtt/encode/writer.ts); a packet over an eighth of
 *  one gets a buffer of its own. */
export const PACKET_SLAB_BYTES = 64 * KIB;

// ---- TLS's own maxima --------------------------------------------------------------------------

/** A record's fragment before encryption is at most 2^14 bytes (RFC 8446 §5.1, RFC 5246 §6.2.1). */
export const TLS_PLAINTEXT_MAX_BYTES = 16 * KIB;
/** …and after it at most 2,048 more in TLS 1.2 (RFC 5246 §6.2.3); TLS 1.3 allows 256 more (§5.2). */
export const TLS_CIPHERTEXT_MAX_BYTES = TLS_PLAINTEXT_MAX_BYTES + 2048;

// ---- Hosts, ports and files -------------------------------------------------------------------

/** A port to connect to: 0 is no one's. */
export const PORT_RANGE: Range = { min: 1, max: UINT16_MAX };
/** A port to listen on, where 0 asks the system for any free one (and a recorded end, 0 when
 *  not known). */
export const PORT_OR_ANY_RANGE: Range = { min: 0, max: UINT16_MAX };
/** A DNS name as written is at most 253 characters (RFC 1035, 2.3.4, less the root's dot and the
 *  length bytes); an IP address is far shorter. */
export const HOST_MAX_CHARS = 253;
/** The longest file name most file systems take. */
export const FILE_NAME_MAX_CHARS = 255;
/** The HTTP path of a WebSocket endpoint, as a person or a URL gives it. */
export const HTTP_PATH_MAX_CHARS = 2048;
/** PEM text of a certificate, a chain or a key; a key's passphrase. */
export const PEM_MAX_CHARS = 1_000_000;
export const PASSPHRASE_MAX_CHARS = 1024;

// ---- What crosses the contract ----------------------------------------------------------------

/** Longest ACL text the broker takes (1 MiB of characters). */
export const MAX_ACL_CHARS = MIB;
/** A capture's interface name, and its capture filter (BPF) as a person writes it. */
export const MAX_INTERFACE_NAME_CHARS = 200;
export const MAX_CAPTURE_FILTER_CHARS = 2000;
/** Bytes of a file one `files.open` part carries at most (base64 makes it 4/3 larger). */
export const FILE_PART_BYTES = 512 * KIB;
/** Rows one `sessions.rows` answer carries at most. */
export const MAX_ROWS_PER_REQUEST = 1000;
/** Entries one `sessions.entries` answer carries at most. */
export const MAX_ENTRIES_PER_REQUEST = 20_000;
/** A PUBLISH's payload is carried as hex; past this it is refused before it reaches the engine. */
export const PUBLISH_PAYLOAD_MAX_BYTES = MIB;
/** A repeated publication: how many times, and how far apart (milliseconds). */
export const REPEAT_COUNT_RANGE: Range = { min: 1, max: 100_000 };
export const REPEAT_INTERVAL_RANGE: Range = { min: 0, max: 3_600_000 };
/** A connection's experiments, in milliseconds: the wait before the CONNECT, the timeout for each
 *  step that waits on the broker, the hold on each acknowledgement. */
export const CONNECT_DELAY_RANGE: Range = { min: 0, max: 600_000 };
export const STEP_TIMEOUT_RANGE: Range = { min: 1, max: 600_000 };
export const ACK_DELAY_RANGE: Range = { min: 0, max: 60_000 };
/** Templates one profile keeps at most. */
export const MAX_TEMPLATES_PER_PROFILE = 200;
/** Experiment names one `lab.run` takes at most, and the longest name. */
export const LAB_RUN_LIMITS = { names: 32, nameChars: 64 } as const;
/** The seconds a client may take to send its CONNECT to the embedded broker: Node's timers hold
 *  at most 2^31 − 1 ms, past which a timeout fires at once and drops every client. */
export const CONNECT_TIMEOUT_RANGE: Range = { min: 0.1, max: 3600 };
/** Arrays and objects nested deeper than this are refused: the reader would follow them, but
 *  the subscribers' parsers may recurse (JSON.stringify throws on such nesting). */
export const MAX_JSON_DEPTH = 1000;

// ---- The trace store, as the UI and the engine both see it ------------------------------------

/** The store's default size cap: the oldest closed sessions go first past it. */
export const DEFAULT_TRACE_CAP_BYTES = 2 * GIB;
/** The smallest size cap the store takes. */
export const TRACE_CAP_MIN_BYTES = MIB;
/** Sessions one cap change deletes at most once confirmed (their ids fit one request of the
 *  browser-mode host's 1 MiB); a cap that deletes more is lowered in steps. */
export const MAX_CONFIRMED_DELETES = 5_000;
/** Above this many packets in a window, lanes show density instead of single packets. */
export const MAX_DRAWN_PACKETS = 400;

// ---- Topics -----------------------------------------------------------------------------------

/** Distinct topic levels (`a`, `a/b`, `a/b/c` are three) the engine keeps per session; past it,
 *  messages on new topics are counted as `overflowMessages` rather than growing memory. */
export const TOPIC_LEVEL_CAP = 1_000_000;
/** Characters of the levels' paths and the aliases' topics kept at most (about 128 MiB): past it, as past the cap. */
export const TOPIC_CHARS_CAP = 64 * MIB;
/** Levels one topic makes at most: the rest of a deeper topic is its last level, whole. A topic
 *  of 32,767 levels would otherwise keep paths of a billion characters. */
export const MAX_TOPIC_DEPTH = 64;
/** Levels, messages or retained messages one answer carries at most. */
export const MAX_TOPIC_RESULTS = 500;
/** The bytes of a payload the tree shows as its last value. */
export const TOPIC_PREVIEW_BYTES = 80;
/** Payloads one `sessions.topicPayloads` answer carries at most. */
export const MAX_PAYLOADS_PER_ANSWER = 10_000;
/** A PUBLISH longer than this is not read for its payload's text: a plot wants numbers, and an
 *  answer of MAX_PAYLOADS_PER_ANSWER payloads stays under 20 MiB of text. */
export const PAYLOAD_TEXT_PACKET_BYTES = 2048;

// ---- The payload viewer: what is rendered, decoded and diffed at most, so a large payload never
// freezes the page ------------------------------------------------------------------------------

/** Bytes of a payload the hex and Base64 views render (the rest is said, not drawn). */
export const RENDER_BYTES = 64 * KIB;
/** Characters of text the Text view renders. */
export const RENDER_CHARS = 64 * KIB;
/** Payloads larger than this are not tried as JSON, Sparkplug B, CBOR or MessagePack. */
export const DECODE_BYTES = 4 * MIB;
/** Characters of a decoder's error message shown. */
export const DECODE_MESSAGE_CHARS = 120;
/** Children of one JSON node drawn before a "show more" button. */
export const TREE_CHILDREN = 200;
/** Characters of each side a diff compares (a line diff is quadratic in the worst case). */
export const DIFF_CHARS = 64 * KIB;
/** Edits (lines) a diff may take before it gives up. */
export const DIFF_MAX_EDIT_LINES = 5000;
/** Bytes a byte string inside a decoded value shows as hex. */
export const BYTES_PREVIEW = 64;
/** Changes a JSON diff lists before it says there are more. */
export const JSON_DIFF_CHANGES = 1000;
/** Characters of each value a JSON diff writes beside its path. */
export const JSON_DIFF_VALUE_CHARS = 200;
/** Characters of indented JSON a copy writes before it copies the text as sent instead. */
export const COPY_CHARS = 64 * MIB;
/** Nesting a decoded value keeps before it is cut (a hostile payload can nest deeper than a stack). */
export const PLAIN_VALUE_MAX_DEPTH = 200;
/** Protobuf messages nested deeper than this are refused (a hostile payload can nest past the stack). */
export const PROTOBUF_MAX_DEPTH = 64;

// ---- Schema pieces: each bound applied with its one message -----------------------------------

/** Whole numbers in a range, in the words every form and flag uses. */
export function wholeNumberMessage(label: string, range: Range, unit?: string): string {
  return `${label} must be a whole number${unit ? ` of ${unit}` : ''} from ${range.min} to ${range.max}`;
}

export function inRange(value: number, range: Range): boolean {
  return Number.isInteger(value) && value >= range.min && value <= range.max;
}

/** A whole number in `range`, refused in one message whatever is wrong with it. */
function rangeSchema(range: Range, message: string) {
  return z.number({ error: message }).int(message).min(range.min, message).max(range.max, message);
}

export function wholeNumberSchema(label: string, range: Range, unit?: string) {
  return rangeSchema(range, wholeNumberMessage(label, range, unit));
}

/** A port's one message: `Port must be a whole number from 1 to 65535`, or with 0 for any free port. */
export function portMessage(label: string, anyFree = false): string {
  return anyFree ? `${wholeNumberMessage(label, PORT_OR_ANY_RANGE)} (0: any free port)` : wholeNumberMessage(label, PORT_RANGE);
}

/** What is wrong with a port (a number read from a flag or a field), or undefined. */
export function portProblem(port: number, label: string, anyFree = false): string | undefined {
  return inRange(port, anyFree ? PORT_OR_ANY_RANGE : PORT_RANGE) ? undefined : portMessage(label, anyFree);
}

export function portSchema(label = 'Port') {
  return rangeSchema(PORT_RANGE, portMessage(label));
}

export function portOrAnySchema(label = 'Port') {
  return rangeSchema(PORT_OR_ANY_RANGE, portMessage(label, true));
}

const HOST_PATTERN = /^[A-Za-z0-9.:\-_[\]%]+$/;

export function hostMessages(label = 'Host'): { missing: string; format: string } {
  return {
    missing: `${label} is required: a host name or an IP address`,
    format: `${label} must be a host name or an IP address, without spaces or a scheme`,
  };
}

/** A host name or an IP address (v6 with a zone too), trimmed. */
export function hostSchema(label = 'Host') {
  const { missing, format } = hostMessages(label);
  return z.string().trim().min(1, missing).max(HOST_MAX_CHARS, format).regex(HOST_PATTERN, format);
}

export function mqttStringMessage(label: string): string {
  return `${label} must be at most ${MQTT_STRING_MAX_BYTES} bytes of UTF-8`;
}

/** An MQTT UTF-8 string: its length is counted in UTF-8 bytes, as the wire's length prefix counts it. */
export function mqttString(label = 'Text') {
  // Three bytes a UTF-16 unit at most: a string this short always fits, and is not counted.
  const surelyFits = Math.floor(MQTT_STRING_MAX_BYTES / 3);
  return z.string().refine((text) => text.length <= surelyFits || utf8Length(text) <= MQTT_STRING_MAX_BYTES, mqttStringMessage(label));
}
