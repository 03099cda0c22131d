// The engine's own bounds (what it keeps, buffers and accepts), written once: the engine's
// files import them from here, and so do its front ends (the command line, the browser-mode
// host, the window) for theirs. The protocol's maxima and what the UI shares are in shared/limits.
import { KIB, MIB, GIB, UINT16_MAX } from '@shared/limits';

// ---- Packets ----------------------------------------------------------------------------------

/**
 * The largest packet a connection takes unless it is asked for another: a broker's packet to the
 * client, a client's to the embedded broker, and what the tap records whole on either side (the
 * proxy's). One value for every side, so a packet the client may send, the embedded broker takes,
 * and what either takes is traced whole. A larger one is reported from its header.
 */
export const DEFAULT_MAX_PACKET_SIZE = 16 * MIB;
/**
 * The largest packet recorded whole, whatever a connection allows (a larger one is recorded from
 * its header): the bytes of a packet are held in memory while its frame completes.
 */
export const MAX_TRACED_PACKET_SIZE = 64 * MIB;
/** Bytes handed to the socket and not yet sent past which a repeated publication waits: a broker
 *  that stops reading must not make the engine hold what it would not take. */
export const WRITE_BACKLOG_BYTES = MIB;
/** The client reads a plain TCP connection into one buffer of this size (gathered-reads.ts). */
export const READ_BUFFER_BYTES = 64 * KIB;
/** Two reads of the client closer than this are a burst: the next read waits READ_GATHER_MS,
 *  so a packet in a burst is read (and timed) about that late (a timer's wait: longer on a busy machine). */
export const BURST_READ_GAP_MS = 1;
export const READ_GATHER_MS = 1;

// ---- The embedded broker ----------------------------------------------------------------------

/** A WebSocket message may carry a few small packets beside one of the largest size. */
export const WEBSOCKET_SLACK = 64 * KIB;
/** Sessions the embedded broker holds at most: a peer creating persistent sessions under new
 *  client ids must not grow it (and the journal) without an end. */
export const MAX_HELD_SESSIONS = 100_000;
/** Bytes of a queued message's payload a session's view shows. */
export const BROKER_PREVIEW_BYTES = 64;
/** Allowed ACL decisions reported per connection; refusals are always reported. */
export const MAX_ALLOWED_REPORTS = 1000;
/** Appended journal bytes below which it is never rewritten while running. */
export const COMPACT_AFTER_BYTES = 8 * MIB;
/** Journal lines that do not replay, listed at most (the rest are counted). */
export const MAX_LISTED_PROBLEMS = 100;
/** Checks of one address and user name waiting at most; a newer one pushes out the oldest, so
 *  the latest attempt (a person typing the right password) waits behind at most this many. */
export const MAX_WAITING_PER_PAIR = 8;
/** Checks waiting for a turn at most, all pairs together. */
export const MAX_WAITING_CHECKS = 256;
/** Address and user name pairs whose failures are remembered at most. */
export const MAX_TRACKED_PAIRS = 10_000;

/** What the broker writes to a connection is gathered (write-gather.ts) in a buffer of the
 *  connection's this size to start, grown as needed and let go past GATHER_KEEP_BYTES. */
export const GATHER_START_BYTES = 4 * KIB;
export const GATHER_KEEP_BYTES = MIB;

// ---- Capture from a network interface ----------------------------------------------------------

/** TCP connections followed at once; past it the one silent longest is let go. */
export const MAX_LIVE_CONNECTIONS = 10_000;
/** Out-of-order bytes held by all of a capture's connections together (each direction holds at
 *  most MAX_HELD_BYTES): past it, the connection heard from longest ago gives up its gaps. */
export const MAX_LIVE_HELD_BYTES = 64 * MIB;
/** Bytes looked through for the first whole packet of a connection the capture joined while open
 *  (each direction); of what is skipped, at most SKIPPED_SAMPLE_BYTES a piece is kept. */
export const JOIN_SCAN_BYTES = 64 * KIB;
export const SKIPPED_SAMPLE_BYTES = 4 * KIB;
/** A running capture's counts are pushed this often (`capture.status`). */
export const CAPTURE_STATUS_MS = 250;
/** The largest pcapng block read from the capture's pipe (a packet's block, its snap length at most). */
export const MAX_CAPTURE_BLOCK_BYTES = MIB;

/**
 * Bytes of one TLS handshake message held per direction while its records come: a server's
 * certificate chain (a few kilobytes a certificate) fits many times over. A message that claims
 * more is not waited for: that direction is read no further.
 */
export const MAX_TLS_HANDSHAKE_BYTES = 256 * KIB;
/** Alerts and problems a TLS handshake summary lists at most, each; past it they are counted. */
export const MAX_TLS_LISTED = 100;

// ---- The trace store --------------------------------------------------------------------------

/** A flood is written as soon as this much is waiting. */
export const FLUSH_BYTES = MIB;
/** Chunks are copied into buffers of this size as they come (a flood's small chunks die young,
 *  instead of each living until its write); a larger chunk is written as it is. */
export const GATHER_BYTES = 64 * KIB;
/** Finished QoS flows and pings the story keeps: the story is pushed to the UI as it changes,
 *  so a long session's must stay small. */
export const STORY_KEEPS = 200;
/** Past sessions held open in memory at once (each an index of its packets). */
export const LOADED_LIMIT = 3;
/** Views of the sessions that closed last, kept as they closed for the UI's next push. */
export const CLOSED_VIEWS_KEPT = 256;
/** Trace files one export reads at most: it is made in memory (about three times this). */
export const EXPORT_LIMIT_BYTES = 256 * MIB;
/** Sessions one opened file adds to the store at most. */
export const MAX_OPENED_SESSIONS = 1000;
/** The largest file that can be opened in parts from the page. */
export const MAX_UPLOAD_BYTES = GIB;
/** Uploads under way at once. */
export const MAX_UPLOADS = 8;
/** A record's payload is at most this long: a chunk is far smaller, and a length past it is damage. */
export const MAX_RECORD_PAYLOAD = 256 * MIB;
/** Streams a file holds at most (the record's stream number is 16 bits). */
export const MAX_STREAMS = UINT16_MAX + 1;
/** One read covers a page of entries when their bytes lie within this much of the file. */
export const ONE_READ_LIMIT = 16 * MIB;
/** A held file is read this much at a time. */
export const READ_PIECE_BYTES = 64 * KIB;
/** What a session record (JSON, within its schema's limits: an id of 200 characters, a label of
 *  1,000, each escaped as \uXXXX at worst) and its header take at most. */
export const MAX_SESSION_RECORD_BYTES = 16 * KIB;
/** A trace file is replayed this much at a time. */
export const REPLAY_PIECE_BYTES = 4 * MIB;
/** Filters kept per session at once (each a column of the rows it lets through). */
export const KEPT_FILTERS = 8;
/** The longest summary a row carries. */
export const SUMMARY_CHARS = 400;

// ---- The lab ----------------------------------------------------------------------------------

/** Packets a lab connection keeps as evidence. */
export const LAB_KEPT_PACKETS = 200;
/** Lab connections whose local address is kept to tell the local broker's side of them: a few runs' worth. */
export const LAB_PEERS_KEPT = 1000;

// ---- Capture files (pcap, pcapng) -------------------------------------------------------------

/** Problems a capture file reports one by one; past it they are counted. */
export const MAX_CAPTURE_PROBLEMS = 200;
/**
 * The largest packet Wireshark and libpcap accept (WTAP_MAX_PACKET_SIZE_STANDARD). A record that
 * claims more is a broken file, not a packet: reading stops there instead of trusting it.
 */
export const MAX_CAPTURED_PACKET = 256 * KIB;
/** The most payload one segment carries here: an IPv4 total length is 16 bits. */
export const MAX_SEGMENT_PAYLOAD = 65_000;
/**
 * Out-of-order bytes held per direction before the gap is given up on: past this the missing
 * bytes are taken as never captured and what follows is delivered.
 */
export const MAX_HELD_BYTES = 16 * MIB;

// ---- The front ends ---------------------------------------------------------------------------

/** The command line: characters of one string (a hex dump, a payload) a text line keeps. */
export const MAX_TEXT_CHARS = 4096;
/** The command line: how long one printed line may grow before what follows is left out (give
 *  or take the `"truncated":true` markers). */
export const MAX_LINE_CHARS = MIB;
/** The command line: characters of a JSON line kept for the decoded packet when its hex does not
 *  fit: the raw bytes are the source of truth and come first, but a program should still learn
 *  what the packet was. */
export const DECODED_ROOM = 64 * KIB;
/** The command line: bytes of output that may wait for the reader. */
export const MAX_WAITING_OUTPUT = 16 * MIB;
/** The command line: finished QoS flows a command keeps of a connection it follows (the
 *  newest): its memory has a bound. */
export const KEPT_FLOWS = 10_000;
/** The browser-mode host: the largest message a page may send. */
export const MAX_MESSAGE_BYTES = MIB;
/** The browser-mode host: what it holds for a page that stopped reading before it drops that
 *  page's socket. */
export const MAX_BUFFERED_BYTES = 32 * MIB;
/** The window: a profiles export is a small JSON document; a larger file is not one. */
export const MAX_PROFILES_FILE_BYTES = 16 * MIB;
/** The window: the smallest it may be made. */
export const MIN_WINDOW_SIZE = { width: 900, height: 600 } as const;
/** The window: the largest side or coordinate a saved window place may have. */
export const MAX_SIDE = 32_768;
/** The command line: bytes of printed lines gathered into one write to its output (a pipe's
 *  buffer on Linux): a full batch goes out at once, else within OUTPUT_GATHER_MS. */
export const OUTPUT_BATCH_BYTES = 64 * KIB;
/** …and for at most this many milliseconds (a person at a terminal does not see it). */
export const OUTPUT_GATHER_MS = 5;
