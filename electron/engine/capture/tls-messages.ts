// The cleartext handshake messages a passive reader learns from: the ClientHello (RFC 8446
// §4.1.2), the ServerHello (§4.1.3) and a TLS 1.2 Certificate (RFC 5246 §7.4.2). Each reads only
// within its message and within every length inside it, and keeps what it read before a length
// ran out; what ran out is said in words.
import { X509Certificate } from 'node:crypto';
import type { CertificateInfo } from '@shared/model/trace';
import { cipherSuiteName, EXTENSION_TYPES, HELLO_RETRY_REQUEST_RANDOM, SERVER_NAME_HOST_NAME, versionName } from '@shared/tls/tls-tables';
import { certificateInfo } from '../client/certificates';

export interface ClientHelloFacts {
  serverName?: string;
  offeredVersions: string[];
  offeredCiphers: string[];
  alpnOffered?: string[];
}

export interface ServerHelloFacts {
  /** The supported_versions extension's when present, else the legacy version. */
  version: number;
  cipherSuite: number;
  alpn?: string;
  helloRetry: boolean;
}

export interface CertificateFacts {
  certificates: CertificateInfo[];
  problems: string[];
}

/** What a message held, and what ran out first when it was shorter than its lengths said. */
export interface Read<T> {
  facts: T;
  problem?: string;
}

const RANDOM_LENGTH = 32;
const text = new TextDecoder();

/** Reads within [offset, end); the first read that runs out is remembered (shared with the vectors inside). */
class Cursor {
  constructor(
    private readonly bytes: Uint8Array,
    private offset: number,
    private readonly end: number,
    private readonly shortOf: { what?: string },
  ) {}

  get left(): number {
    return this.end - this.offset;
  }

  get missing(): string | undefined {
    return this.shortOf.what;
  }

  take(length: number, what: string): Uint8Array | undefined {
    if (this.shortOf.what !== undefined) return undefined;
    if (this.end - this.offset < length) {
      this.shortOf.what = what;
      return undefined;
    }
    this.offset += length;
    return this.bytes.subarray(this.offset - length, this.offset);
  }

  number(size: 1 | 2 | 3, what: string): number | undefined {
    const bytes = this.take(size, what);
    return bytes && bytes.reduce((value, byte) => value * 256 + byte, 0);
  }

  /** A vector prefixed by its length in `size` bytes, read by a cursor of its own. */
  vector(size: 1 | 2 | 3, what: string): Cursor | undefined {
    const length = this.number(size, `the length of ${what}`);
    if (length === undefined || !this.take(length, what)) return undefined;
    return new Cursor(this.bytes, this.offset - length, this.offset, this.shortOf);
  }

  /** Numbers of `size` bytes each until the end. */
  numbers(size: 2, what: string): number[] {
    const values: number[] = [];
    while (this.left > 0) {
      const value = this.number(size, what);
      if (value === undefined) break;
      values.push(value);
    }
    return values;
  }

  /** Each extension's type and contents, until the end or one that runs out. */
  extensions(): { type: number; data: Cursor }[] {
    const found: { type: number; data: Cursor }[] = [];
    while (this.left > 0) {
      const type = this.number(2, 'an extension type');
      const data = type === undefined ? undefined : this.vector(2, `extension ${type}`);
      if (type === undefined || !data) break;
      found.push({ type, data });
    }
    return found;
  }
}

const cursorOver = (body: Uint8Array) => new Cursor(body, 0, body.length, {});
const problemOf = (message: string, cursor: Cursor) => (cursor.missing ? { problem: `the ${message} ends inside ${cursor.missing}` } : {});

function hex(bytes: Uint8Array): string {
  return Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('');
}

/** The names a ServerName list holds: the first host name is the one a server goes by. */
function hostName(list: Cursor): string | undefined {
  while (list.left > 0) {
    const type = list.number(1, 'a server name type');
    const name = list.vector(2, 'a server name');
    if (type === undefined || !name) return undefined;
    if (type === SERVER_NAME_HOST_NAME) return text.decode(name.take(name.left, 'a server name'));
  }
  return undefined;
}

function protocolNames(list: Cursor): string[] {
  const names: string[] = [];
  while (list.left > 0) {
    const name = list.vector(1, 'a protocol name');
    if (!name) break;
    names.push(text.decode(name.take(name.left, 'a protocol name')));
  }
  return names;
}

export function readClientHello(body: Uint8Array): Read<ClientHelloFacts> {
  const hello = cursorOver(body);
  const facts: ClientHelloFacts = { offeredVersions: [], offeredCiphers: [] };
  const legacyVersion = hello.number(2, 'its version');
  hello.take(RANDOM_LENGTH, 'its random');
  hello.vector(1, 'its session id');
  const suites = hello.vector(2, 'its cipher suites');
  if (suites) facts.offeredCiphers = suites.numbers(2, 'its cipher suites').map(cipherSuiteName);
  hello.vector(1, 'its compression methods');
  let supportedVersions: number[] | undefined;
  // A ClientHello may end after its compression methods: no extensions (RFC 5246 §7.4.1.2).
  const extensions = hello.left > 0 ? hello.vector(2, 'its extensions') : undefined;
  for (const { type, data } of extensions?.extensions() ?? []) {
    if (type === EXTENSION_TYPES.serverName && facts.serverName === undefined) {
      const list = data.vector(2, 'the server name list');
      const name = list && hostName(list);
      if (name !== undefined) facts.serverName = name;
    } else if (type === EXTENSION_TYPES.supportedVersions) {
      supportedVersions = data.vector(1, 'the supported versions')?.numbers(2, 'the supported versions');
    } else if (type === EXTENSION_TYPES.applicationLayerProtocolNegotiation) {
      const list = data.vector(2, 'the ALPN list');
      if (list) facts.alpnOffered = protocolNames(list);
    }
  }
  const versions = supportedVersions ?? (legacyVersion === undefined ? [] : [legacyVersion]);
  facts.offeredVersions = versions.map(versionName);
  return { facts, ...problemOf('ClientHello', hello) };
}

/** The ServerHello's choices; undefined when it ends before its cipher suite. */
export function readServerHello(body: Uint8Array): Read<ServerHelloFacts | undefined> {
  const hello = cursorOver(body);
  const legacyVersion = hello.number(2, 'its version');
  const random = hello.take(RANDOM_LENGTH, 'its random');
  hello.vector(1, 'its session id');
  const cipherSuite = hello.number(2, 'its cipher suite');
  hello.number(1, 'its compression method');
  if (legacyVersion === undefined || random === undefined || cipherSuite === undefined) return { facts: undefined, ...problemOf('ServerHello', hello) };
  const facts: ServerHelloFacts = { version: legacyVersion, cipherSuite, helloRetry: hex(random) === HELLO_RETRY_REQUEST_RANDOM };
  const extensions = hello.left > 0 ? hello.vector(2, 'its extensions') : undefined;
  for (const { type, data } of extensions?.extensions() ?? []) {
    if (type === EXTENSION_TYPES.supportedVersions) {
      const selected = data.number(2, 'the selected version');
      if (selected !== undefined) facts.version = selected;
    } else if (type === EXTENSION_TYPES.applicationLayerProtocolNegotiation) {
      const list = data.vector(2, 'the ALPN list');
      const [alpn] = list ? protocolNames(list) : [];
      if (alpn !== undefined) facts.alpn = alpn;
    }
  }
  return { facts, ...problemOf('ServerHello', hello) };
}

/** A TLS 1.2 Certificate message: the chain as sent, the sender's own certificate first. */
export function readCertificates(body: Uint8Array): CertificateFacts {
  const message = cursorOver(body);
  const facts: CertificateFacts = { certificates: [], problems: [] };
  const list = message.vector(3, 'its certificate list');
  while (list && list.left > 0) {
    const der = list.vector(3, 'a certificate');
    if (!der) break;
    try {
      facts.certificates.push(certificateInfo(new X509Certificate(der.take(der.left, 'a certificate')!)));
    } catch {
      // One unreadable is enough to say: a list of thousands of tiny ones is not read to its end.
      facts.problems.push(`certificate ${facts.certificates.length + 1} of the Certificate message is not one X.509 can read: the rest not read`);
      break;
    }
  }
  const { problem } = problemOf('Certificate message', message);
  if (problem) facts.problems.push(problem);
  return facts;
}
