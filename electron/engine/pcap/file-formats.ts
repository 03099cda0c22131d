// The numbers of the two capture file formats, spelled once.
// pcap: https://www.ietf.org/archive/id/draft-ietf-opsawg-pcap-04.html
// pcapng: https://www.ietf.org/archive/id/draft-ietf-opsawg-pcapng-02.html

/** The first four bytes of a pcap file, read in the writer's byte order. */
export const PCAP_MAGIC = { microseconds: 0xa1b2c3d4, nanoseconds: 0xa1b23c4d } as const;
export const PCAP_FILE_HEADER_LENGTH = 24;
export const PCAP_RECORD_HEADER_LENGTH = 16;

export const PCAPNG_BLOCK_TYPES = {
  sectionHeader: 0x0a0d0d0a,
  interfaceDescription: 0x00000001,
  /** Obsolete, still written by old tools. */
  packet: 0x00000002,
  simplePacket: 0x00000003,
  interfaceStatistics: 0x00000005,
  enhancedPacket: 0x00000006,
} as const;

/** Read in the section's byte order, it says which order that is. */
export const PCAPNG_BYTE_ORDER_MAGIC = 0x1a2b3c4d;

export const PCAPNG_OPTIONS = {
  endOfOptions: 0,
  comment: 1,
  /** SHB: the application that wrote the section. */
  userApplication: 4,
  /** IDB: the resolution of timestamps; high bit clear: 10^-n seconds, set: 2^-n. */
  timestampResolution: 9,
  /** IDB: seconds added to every timestamp of the interface. */
  timestampOffset: 14,
  /** ISB: packets the interface dropped, and the capture (the operating system) dropped. */
  interfaceDropped: 5,
  captureDropped: 7,
} as const;

/** Microseconds, what pcap files and pcapng interfaces use when they say nothing else. */
export const DEFAULT_TIMESTAMP_RESOLUTION = 6;
