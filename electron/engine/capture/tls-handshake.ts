// A TLS session seen from the wire (a capture), as far as its handshake is in cleartext: what
// the client offered, what the server chose, the server's certificates (TLS 1.2), the alerts
// either side sent, and whether the handshake finished. Given each direction's bytes in order,
// in any pieces; it never throws, and holds at most one unfinished handshake message a direction.
// Once a direction encrypts, its records are only counted.
import type { CertificateInfo } from '@shared/model/trace';
import { TLS_PLAINTEXT_MAX_BYTES } from '@shared/limits';
import { ALERT_LEVELS, alertDescription, cipherSuiteName, CONTENT_TYPES, HANDSHAKE_TYPES, TLS_1_3, versionName } from '@shared/tls/tls-tables';
import { MAX_TLS_LISTED } from '../limits';
import { TlsMessageAssembler } from './tls-message-assembler';
import { readCertificates, readClientHello, readServerHello, type ClientHelloFacts, type ServerHelloFacts } from './tls-messages';
import { TlsRecordFramer } from './tls-record-framer';

export type TlsSide = 'client' | 'server';

export interface TlsAlert {
  from: TlsSide;
  level: 'warning' | 'fatal' | number;
  description: string;
  code: number;
  time: number;
}

export interface TlsHandshakeSummary {
  /** The host name the ClientHello asked for (SNI). */
  serverName?: string;
  /** The ClientHello's supported_versions, or its legacy version when it has none. */
  offeredVersions: string[];
  /** IANA names; one not in the table as 0x....; GREASE values as such. */
  offeredCiphers: string[];
  alpnOffered?: string[];
  /** The ServerHello's supported_versions, or its legacy version when it has none. */
  chosenVersion?: string;
  cipher?: string;
  /** The ServerHello's ALPN choice (TLS 1.2; in TLS 1.3 it is sent encrypted). */
  alpn?: string;
  /** The server asked for a HelloRetryRequest (TLS 1.3: none of the client's key shares would do). */
  helloRetryRequested?: boolean;
  /** The server's certificates as sent in cleartext (TLS 1.2), its own first. */
  certificates: CertificateInfo[];
  /** TLS 1.3: the Certificate message is encrypted. */
  certificatesHidden?: boolean;
  /** The server asked the client for a certificate (TLS 1.2). */
  clientCertificateRequested?: boolean;
  /** The client's certificates (TLS 1.2), when it sent a Certificate message: empty when it had none to give. */
  clientCertificates?: CertificateInfo[];
  /** Alerts sent in cleartext. */
  alerts: TlsAlert[];
  /** Alert records whose contents are encrypted (TLS 1.2 after ChangeCipherSpec): sent, not readable. */
  encryptedAlerts: { from: TlsSide; time: number }[];
  /** TLS 1.3: after the ServerHello an alert is an encrypted record like any other, so only
   *  alerts sent in cleartext are listed. */
  alertsHidden?: boolean;
  /** TLS 1.2: both sides sent ChangeCipherSpec and then their Finished. TLS 1.3, where the
   *  messages cannot be told apart: after the client's first encrypted record the server sent
   *  one other than a lone alert (a ticket, application data). */
  handshakeComplete: boolean;
  /** Records read, each direction. */
  records: Record<TlsSide, number>;
  problems: string[];
}

interface Direction {
  framer: TlsRecordFramer;
  messages: TlsMessageAssembler;
  /** The record being read: its type, and whether its body is read (cleartext) or only counted. */
  record?: { type: number; readable: boolean };
  records: number;
  /** application_data records: encrypted, whatever they hold. */
  encryptedRecords: number;
  changedCipherSpec: boolean;
  /** TLS 1.2: a handshake record after ChangeCipherSpec, the encrypted Finished. */
  finishedAfterChange: boolean;
  /** An alert's first byte when its second has not come. */
  alertLevel?: number;
}

const SIDES: readonly TlsSide[] = ['client', 'server'];
/** A TLS 1.3 record holding one alert: its two bytes, the inner content type, a 16-byte AEAD tag (RFC 8446 §5.2). */
const TLS13_ENCRYPTED_ALERT_LENGTH = 2 + 1 + 16;
/** Messages only one side sends. */
const SENT_BY: Partial<Record<number, { by: TlsSide; name: string }>> = {
  [HANDSHAKE_TYPES.clientHello]: { by: 'client', name: 'ClientHello' },
  [HANDSHAKE_TYPES.serverHello]: { by: 'server', name: 'ServerHello' },
  [HANDSHAKE_TYPES.certificateRequest]: { by: 'server', name: 'CertificateRequest' },
};

export class TlsHandshakeReader {
  private readonly sides: Record<TlsSide, Direction>;
  private clientHello?: ClientHelloFacts;
  private serverHello?: ServerHelloFacts;
  /** The ServerHello that was not a HelloRetryRequest came. */
  private helloDone = false;
  private helloRetryRequested = false;
  private certificates: CertificateInfo[] = [];
  private clientCertificates?: CertificateInfo[];
  private clientCertificateRequested = false;
  private readonly alerts: TlsAlert[] = [];
  private fatalAlertListed = false;
  private readonly encryptedAlerts: { from: TlsSide; time: number }[] = [];
  private readonly problems: string[] = [];
  private readonly unlisted = { alerts: 0, problems: 0 };
  /** TLS 1.3: after the client's first encrypted record, the server sent one that is not an alert's size. */
  private serverWentOn = false;
  private time = 0;

  constructor() {
    const direction = (side: TlsSide): Direction => ({
      framer: new TlsRecordFramer({
        start: (type, length, at) => this.recordStarts(side, type, length, at),
        body: (piece) => this.recordBody(side, piece),
        end: () => this.recordEnds(side),
        broken: (message) => this.problem(side, message),
      }),
      messages: new TlsMessageAssembler(
        (type, body) => this.message(side, type, body),
        (message) => this.problem(side, message),
      ),
      records: 0,
      encryptedRecords: 0,
      changedCipherSpec: false,
      finishedAfterChange: false,
    });
    this.sides = { client: direction('client'), server: direction('server') };
  }

  /** The next bytes `from` sent, in order; records and messages may span pieces. */
  push(from: TlsSide, bytes: Uint8Array, time: number): void {
    this.time = time;
    this.sides[from].framer.push(bytes);
  }

  /** The connection ended: a record or message cut short is said. */
  finish(): void {
    for (const side of SIDES) {
      const { framer, messages } = this.sides[side];
      const unfinished = framer.unfinished() ?? messages.unfinished();
      if (unfinished) this.problem(side, `the stream ended ${unfinished}`);
    }
  }

  /** Bytes held for unfinished handshake messages, both directions. */
  get heldBytes(): number {
    return this.sides.client.messages.held + this.sides.server.messages.held;
  }

  /** Over, as far as a reader on the wire can tell: completed, or a fatal alert listed. Asked at
   *  every chunk until it holds, so it builds nothing (summary() copies every list). */
  get settled(): boolean {
    return this.completed() || this.fatalAlertListed;
  }

  private completed(): boolean {
    const { client, server } = this.sides;
    return this.helloDone && this.speaksTls13 ? this.serverWentOn : client.finishedAfterChange && server.finishedAfterChange;
  }

  summary(): TlsHandshakeSummary {
    const encryptedAfterHello = this.helloDone && this.speaksTls13;
    const { client, server } = this.sides;
    const problems = [...this.problems];
    if (this.unlisted.problems > 0) problems.push(`${this.unlisted.problems} more problems not listed`);
    if (this.unlisted.alerts > 0) problems.push(`${this.unlisted.alerts} more alerts not listed`);
    return {
      ...(this.clientHello ?? { offeredVersions: [], offeredCiphers: [] }),
      ...(this.serverHello && {
        chosenVersion: versionName(this.serverHello.version),
        cipher: cipherSuiteName(this.serverHello.cipherSuite),
        ...(this.serverHello.alpn !== undefined && { alpn: this.serverHello.alpn }),
      }),
      ...(this.helloRetryRequested && { helloRetryRequested: true }),
      certificates: [...this.certificates],
      ...(encryptedAfterHello && { certificatesHidden: true, alertsHidden: true }),
      ...(this.clientCertificateRequested && { clientCertificateRequested: true }),
      ...(this.clientCertificates && { clientCertificates: [...this.clientCertificates] }),
      alerts: [...this.alerts],
      encryptedAlerts: [...this.encryptedAlerts],
      handshakeComplete: this.completed(),
      records: { client: client.records, server: server.records },
      problems,
    };
  }

  /** TLS 1.3 was chosen (a HelloRetryRequest chooses it too). */
  private get speaksTls13(): boolean {
    return this.serverHello?.version === TLS_1_3;
  }

  private recordStarts(side: TlsSide, type: number, length: number, at: number): void {
    const direction = this.sides[side];
    direction.records++;
    const readable = this.readable(direction, type, length);
    direction.record = { type, readable };
    if (readable && length > TLS_PLAINTEXT_MAX_BYTES) {
      direction.framer.stop();
      this.problem(side, `the cleartext record at byte ${at} claims ${length} bytes, more than TLS allows (${TLS_PLAINTEXT_MAX_BYTES}): not read further`);
      return;
    }
    if (type === CONTENT_TYPES.applicationData) this.encryptedRecord(side, length);
    if (type === CONTENT_TYPES.alert && !readable) this.listEncryptedAlert(side);
    if (type === CONTENT_TYPES.handshake && !readable && direction.changedCipherSpec) direction.finishedAfterChange = true;
  }

  /**
   * Whether a record's body is cleartext. application_data never is; handshake and alert records
   * are until the side's ChangeCipherSpec in TLS 1.2 (TLS 1.3 sends its encrypted ones as
   * application_data). An alert record of two bytes is cleartext whatever came before: an
   * encrypted one carries its authentication tag too.
   */
  private readable(direction: Direction, type: number, length: number): boolean {
    switch (type) {
      case CONTENT_TYPES.handshake:
        return this.speaksTls13 || !direction.changedCipherSpec;
      case CONTENT_TYPES.alert:
        return length === 2 || this.speaksTls13 || !direction.changedCipherSpec;
      case CONTENT_TYPES.changeCipherSpec:
        return true;
      default:
        return false;
    }
  }

  private recordBody(side: TlsSide, piece: Uint8Array): void {
    const direction = this.sides[side];
    if (!direction.record?.readable) return;
    if (direction.record.type === CONTENT_TYPES.handshake) direction.messages.push(piece);
    else if (direction.record.type === CONTENT_TYPES.alert) this.alertBytes(side, piece);
  }

  private recordEnds(side: TlsSide): void {
    const direction = this.sides[side];
    const type = direction.record?.type;
    direction.record = undefined;
    if (type === CONTENT_TYPES.alert && direction.alertLevel !== undefined) {
      direction.alertLevel = undefined;
      this.problem(side, 'an alert record ends inside an alert');
    }
    // TLS 1.3 sends ChangeCipherSpec only to look like TLS 1.2 to middleboxes (RFC 8446 §D.4).
    if (type !== CONTENT_TYPES.changeCipherSpec || this.speaksTls13) return;
    const unfinished = direction.messages.unfinished();
    if (unfinished) this.problem(side, `ChangeCipherSpec came ${unfinished}`);
    direction.changedCipherSpec = true;
    direction.messages.clear();
  }

  private encryptedRecord(side: TlsSide, length: number): void {
    const direction = this.sides[side];
    direction.encryptedRecords++;
    // The client's handshake goes on encrypted: nothing more of it to hold.
    if (side === 'client') direction.messages.clear();
    // Which encrypted record is the client's Finished cannot be seen; the server going on after
    // the client's first one can. A server refusing the client (its certificate) sends one
    // encrypted alert: a record of an alert's size is not taken for going on.
    if (side === 'server' && this.sides.client.encryptedRecords > 0 && length !== TLS13_ENCRYPTED_ALERT_LENGTH) this.serverWentOn = true;
  }

  private alertBytes(side: TlsSide, piece: Uint8Array): void {
    const direction = this.sides[side];
    for (const byte of piece) {
      if (direction.alertLevel === undefined) {
        direction.alertLevel = byte;
        continue;
      }
      const level = direction.alertLevel;
      direction.alertLevel = undefined;
      if (this.alerts.length >= MAX_TLS_LISTED) {
        this.unlisted.alerts++;
        continue;
      }
      this.alerts.push({ from: side, level: ALERT_LEVELS[level] ?? level, description: alertDescription(byte), code: byte, time: this.time });
      if (ALERT_LEVELS[level] === 'fatal') this.fatalAlertListed = true;
    }
  }

  private listEncryptedAlert(side: TlsSide): void {
    if (this.encryptedAlerts.length < MAX_TLS_LISTED) this.encryptedAlerts.push({ from: side, time: this.time });
    else this.unlisted.alerts++;
  }

  private message(side: TlsSide, type: number, body: Uint8Array): void {
    const sender = SENT_BY[type];
    if (sender && sender.by !== side) {
      this.problem(side, `a ${sender.name} came from the ${side}: not read`);
      return;
    }
    switch (type) {
      case HANDSHAKE_TYPES.clientHello:
        return this.readClientHello(body);
      case HANDSHAKE_TYPES.serverHello:
        return this.readServerHello(body);
      case HANDSHAKE_TYPES.certificate:
        return this.readCertificates(side, body);
      case HANDSHAKE_TYPES.certificateRequest:
        this.clientCertificateRequested = true;
        return;
    }
  }

  private readClientHello(body: Uint8Array): void {
    // After a HelloRetryRequest the client says it again: the first one is kept.
    if (this.clientHello) return;
    const { facts, problem } = readClientHello(body);
    this.clientHello = facts;
    if (problem) this.problem('client', problem);
  }

  private readServerHello(body: Uint8Array): void {
    const { facts, problem } = readServerHello(body);
    if (problem) this.problem('server', problem);
    if (!facts) return;
    this.serverHello = facts;
    if (facts.helloRetry) {
      this.helloRetryRequested = true;
      return;
    }
    this.helloDone = true;
    // TLS 1.3: all the server says after its ServerHello is encrypted.
    if (facts.version === TLS_1_3) this.sides.server.messages.clear();
  }

  private readCertificates(side: TlsSide, body: Uint8Array): void {
    const { certificates, problems } = readCertificates(body);
    for (const problem of problems) this.problem(side, problem);
    if (side === 'server') this.certificates = certificates;
    else this.clientCertificates = certificates;
  }

  private problem(side: TlsSide, message: string): void {
    if (this.problems.length < MAX_TLS_LISTED) this.problems.push(`${side}: ${message}`);
    else this.unlisted.problems++;
  }
}
