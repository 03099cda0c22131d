// The TLS handshake reader on real handshakes: Node's TLS server and client (or openssl s_client)
// with certificates made by openssl, their bytes recorded by a relay between them, at TLS 1.2
// and 1.3, trusted, refused and with client certificates; the same bytes in any pieces; and
// bytes no TLS peer would send, read without throwing and within the bound.
import { spawn } from 'node:child_process';
import { X509Certificate } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import tls from 'node:tls';
import mqttPacket from 'mqtt-packet';
import { beforeAll, describe, expect, it } from 'vitest';
import { TLS_CIPHERTEXT_MAX_BYTES, TLS_PLAINTEXT_MAX_BYTES } from '@shared/limits';
import { makeCertificates, type TestCertificates } from '../../../testing/certificates';
import { startRecordingRelay, type RecordedChunk } from '../../../testing/recording-relay';
import { seededRandom } from '../../../testing/seeded-random';
import { MAX_TLS_HANDSHAKE_BYTES, MAX_TLS_LISTED } from '../limits';
import { looksLikeTlsClientHello } from './looks-like-tls';
import { TlsHandshakeReader, type TlsHandshakeSummary, type TlsSide } from './tls-handshake';

let trusted: TestCertificates;
/** Another CA (and its own leaf): a client that trusts only it refuses the server. */
let other: TestCertificates;
let serverPem: string;
let keyPem: string;
beforeAll(() => {
  const dir = mkdtempSync(path.join(tmpdir(), 'mqttscope-tls-read-'));
  mkdirSync(path.join(dir, 'other'));
  trusted = makeCertificates(dir);
  other = makeCertificates(path.join(dir, 'other'));
  serverPem = readFileSync(trusted.certFile, 'utf8');
  keyPem = readFileSync(trusted.keyFile, 'utf8');
});

interface Recorded {
  chunks: RecordedChunk[];
  /** What the client's socket said it negotiated, when it finished the handshake. */
  negotiated?: tls.CipherNameAndProtocol;
}

/** One connection from `connect` to a TLS echo server made with `options`, through the relay. */
async function record(options: tls.TlsOptions, connect: (port: number) => Promise<tls.CipherNameAndProtocol | undefined>): Promise<Recorded> {
  const server = tls.createServer({ key: keyPem, cert: serverPem + trusted.caPem, ALPNProtocols: ['mqtt'], ...options }, (socket) => {
    socket.on('error', () => {});
    socket.pipe(socket);
  });
  server.on('tlsClientError', () => {});
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const relay = await startRecordingRelay((server.address() as { port: number }).port);
  try {
    const negotiated = await connect(relay.port);
    await relay.closed;
    return { chunks: relay.chunks, negotiated };
  } finally {
    await relay.close();
    await new Promise((resolve) => server.close(resolve));
  }
}

/** Node's client: says hello once the handshake is done and ends when the echo comes back; resolves when closed. */
const nodeClient =
  (options: tls.ConnectionOptions = {}) =>
  (port: number) =>
    new Promise<tls.CipherNameAndProtocol | undefined>((resolve) => {
      let negotiated: tls.CipherNameAndProtocol | undefined;
      const socket = tls.connect({ host: '127.0.0.1', port, servername: 'localhost', ca: trusted.caPem, ALPNProtocols: ['mqtt'], ...options });
      socket.on('secureConnect', () => {
        negotiated = socket.getCipher();
        socket.write('hello');
      });
      socket.once('data', () => socket.end());
      socket.on('error', () => {});
      socket.on('close', () => resolve(negotiated));
    });

/** openssl s_client, which refuses a certificate it cannot verify with an alert (Node's client checks the chain after the handshake and just closes). */
const opensslClient =
  (caFile: string, version: '-tls1_2' | '-tls1_3') =>
  (port: number) =>
    new Promise<undefined>((resolve) => {
      const child = spawn('openssl', ['s_client', '-connect', `127.0.0.1:${port}`, '-servername', 'localhost', '-CAfile', caFile, '-verify_return_error', version], { stdio: 'ignore' });
      child.on('exit', () => resolve(undefined));
    });

/** The recorded chunks read in order, each cut by `split`; a chunk's time is its index. */
function read(chunks: readonly RecordedChunk[], split: (bytes: Uint8Array) => Uint8Array[] = (bytes) => [bytes]): TlsHandshakeSummary {
  const reader = new TlsHandshakeReader();
  chunks.forEach(({ from, bytes }, index) => {
    for (const piece of split(bytes)) reader.push(from, piece, index);
  });
  reader.finish();
  return reader.summary();
}

const lastChunkOf = (chunks: readonly RecordedChunk[], from: TlsSide) => chunks.findLastIndex((chunk) => chunk.from === from);

function expectedCertificate(pem: string) {
  const cert = new X509Certificate(pem);
  return { subject: 'CN=localhost', issuer: 'CN=MQTT Scope Test CA', subjectAltNames: 'DNS:localhost', validFrom: cert.validFrom, validTo: cert.validTo, fingerprint256: cert.fingerprint256 };
}

describe('real handshakes', () => {
  it('TLS 1.2: the offer, the choice, the chain leaf first, and the end', async () => {
    const { chunks, negotiated } = await record({}, nodeClient({ maxVersion: 'TLSv1.2' }));
    const summary = read(chunks);
    expect(negotiated).toMatchObject({ version: 'TLSv1.2' });
    expect(summary).toMatchObject({
      serverName: 'localhost',
      offeredVersions: ['TLS 1.2'],
      alpnOffered: ['mqtt'],
      chosenVersion: 'TLS 1.2',
      cipher: negotiated!.standardName,
      alpn: 'mqtt',
      alerts: [],
      handshakeComplete: true,
      problems: [],
    });
    // Every suite Node offers by default has its name.
    expect(summary.offeredCiphers).toContain(negotiated!.standardName);
    expect(summary.offeredCiphers.filter((name) => name.startsWith('0x'))).toEqual([]);
    expect(summary.certificates).toEqual([expectedCertificate(serverPem), expect.objectContaining({ subject: 'CN=MQTT Scope Test CA', issuer: 'CN=MQTT Scope Test CA' })]);
    expect(summary.certificatesHidden).toBeUndefined();
    // Ending sends close_notify, encrypted after ChangeCipherSpec.
    expect(summary.encryptedAlerts).toContainEqual({ from: 'client', time: expect.any(Number) });
  });

  it('TLS 1.3: the choice in cleartext, the certificates and later alerts encrypted', async () => {
    const { chunks, negotiated } = await record({}, nodeClient());
    const summary = read(chunks);
    expect(negotiated).toMatchObject({ version: 'TLSv1.3' });
    expect(summary).toMatchObject({
      serverName: 'localhost',
      offeredVersions: ['TLS 1.3', 'TLS 1.2'],
      alpnOffered: ['mqtt'],
      chosenVersion: 'TLS 1.3',
      cipher: negotiated!.standardName,
      certificates: [],
      certificatesHidden: true,
      alertsHidden: true,
      alerts: [],
      encryptedAlerts: [],
      handshakeComplete: true,
      problems: [],
    });
    expect(summary.offeredCiphers.slice(0, 3)).toEqual(['TLS_AES_256_GCM_SHA384', 'TLS_CHACHA20_POLY1305_SHA256', 'TLS_AES_128_GCM_SHA256']);
    expect(summary.alpn).toBeUndefined();
    expect(summary.helloRetryRequested).toBeUndefined();
  });

  it('TLS 1.3 with a HelloRetryRequest: the server wants a key share the client did not send', async () => {
    const { chunks } = await record({ ecdhCurve: 'P-256' }, nodeClient({ ecdhCurve: 'X25519:P-256' }));
    expect(read(chunks)).toMatchObject({ helloRetryRequested: true, chosenVersion: 'TLS 1.3', certificatesHidden: true, handshakeComplete: true, problems: [] });
  });

  it('TLS 1.2, a CA the client does not trust: OpenSSL’s client says unknown_ca in cleartext', async () => {
    const { chunks } = await record({}, opensslClient(other.caFile, '-tls1_2'));
    const summary = read(chunks);
    expect(summary.alerts).toEqual([{ from: 'client', level: 'fatal', description: 'unknown_ca', code: 48, time: lastChunkOf(chunks, 'client') }]);
    expect(summary).toMatchObject({ chosenVersion: 'TLS 1.2', handshakeComplete: false, problems: [] });
    expect(summary.certificates[0]).toEqual(expectedCertificate(serverPem));
  });

  it('TLS 1.3, the same: OpenSSL’s client still sends the alert in cleartext, before its own keys are in use', async () => {
    const { chunks } = await record({}, opensslClient(other.caFile, '-tls1_3'));
    const summary = read(chunks);
    expect(summary.alerts).toEqual([{ from: 'client', level: 'fatal', description: 'unknown_ca', code: 48, time: lastChunkOf(chunks, 'client') }]);
    expect(summary).toMatchObject({ chosenVersion: 'TLS 1.3', certificatesHidden: true, alertsHidden: true, handshakeComplete: false, problems: [] });
  });

  it('TLS 1.2, the same with Node’s client: no alert, the handshake completes and the client closes', async () => {
    const { chunks, negotiated } = await record({}, nodeClient({ maxVersion: 'TLSv1.2', ca: other.caPem }));
    expect(negotiated).toBeUndefined();
    expect(read(chunks)).toMatchObject({ alerts: [], encryptedAlerts: [], handshakeComplete: true, problems: [] });
  });

  it('TLS 1.2, a server that asks for a client certificate: the one sent, or none and the server’s handshake_failure', async () => {
    const asking = { requestCert: true, rejectUnauthorized: true, ca: trusted.caPem };
    const withCertificate = read((await record(asking, nodeClient({ maxVersion: 'TLSv1.2', cert: serverPem, key: keyPem }))).chunks);
    expect(withCertificate).toMatchObject({ clientCertificateRequested: true, handshakeComplete: true, alerts: [], problems: [] });
    // The client's chain as OpenSSL builds it from the certificate and the CA it trusts.
    expect(withCertificate.clientCertificates).toEqual([expectedCertificate(serverPem), expect.objectContaining({ subject: 'CN=MQTT Scope Test CA' })]);

    const { chunks } = await record(asking, nodeClient({ maxVersion: 'TLSv1.2' }));
    const without = read(chunks);
    expect(without).toMatchObject({ clientCertificateRequested: true, clientCertificates: [], handshakeComplete: false, problems: [] });
    expect(without.alerts).toEqual([{ from: 'server', level: 'fatal', description: 'handshake_failure', code: 40, time: lastChunkOf(chunks, 'server') }]);
  });

  it('TLS 1.3, no client certificate: the server’s alert is encrypted, the handshake did not complete', async () => {
    const { chunks } = await record({ requestCert: true, rejectUnauthorized: true, ca: trusted.caPem }, nodeClient());
    expect(read(chunks)).toMatchObject({ chosenVersion: 'TLS 1.3', alerts: [], alertsHidden: true, handshakeComplete: false, problems: [] });
  });
});

describe('pieces', () => {
  it('gives the same summary however the bytes are cut: at random, a byte at a time', async () => {
    const random = seededRandom(8883);
    const conversations = [
      (await record({}, nodeClient({ maxVersion: 'TLSv1.2' }))).chunks,
      (await record({}, nodeClient())).chunks,
      (await record({ requestCert: true, rejectUnauthorized: true, ca: trusted.caPem }, nodeClient({ maxVersion: 'TLSv1.2' }))).chunks,
    ];
    const atRandom = (bytes: Uint8Array) => {
      const pieces: Uint8Array[] = [];
      for (let at = 0; at < bytes.length; ) {
        const length = 1 + random.int(random.bool() ? 8 : 600);
        pieces.push(bytes.subarray(at, at + length));
        at += length;
      }
      return pieces;
    };
    const byteByByte = (bytes: Uint8Array) => Array.from(bytes, (_, index) => bytes.subarray(index, index + 1));
    // Also all of a side's bytes at once between the other's: the order across sides kept.
    const joined = (chunks: RecordedChunk[]) =>
      chunks.reduce<RecordedChunk[]>((all, chunk) => {
        const last = all.at(-1);
        if (last?.from === chunk.from) all[all.length - 1] = { from: chunk.from, bytes: Buffer.concat([last.bytes, chunk.bytes]) };
        else all.push(chunk);
        return all;
      }, []);
    for (const chunks of conversations) {
      const whole = read(chunks);
      for (let round = 0; round < 20; round++) expect(read(chunks, atRandom)).toEqual(whole);
      expect(read(chunks, byteByByte)).toEqual(whole);
      const { alerts, encryptedAlerts, ...rest } = whole;
      expect(read(joined(chunks))).toMatchObject({ ...rest, alerts: alerts.map(({ time: _, ...alert }) => alert), encryptedAlerts: encryptedAlerts.map(({ from }) => ({ from })) });
    }
  });
});

describe('looksLikeTlsClientHello', () => {
  it('finds a real ClientHello from its first six bytes, and nothing else', async () => {
    const { chunks } = await record({}, nodeClient());
    const clientFirst = chunks.find((chunk) => chunk.from === 'client')!.bytes;
    const serverFirst = chunks.find((chunk) => chunk.from === 'server')!.bytes;
    expect(looksLikeTlsClientHello(clientFirst)).toBe(true);
    expect(looksLikeTlsClientHello(clientFirst.subarray(0, 6))).toBe(true);
    expect(looksLikeTlsClientHello(clientFirst.subarray(0, 5))).toBe(false);
    expect(looksLikeTlsClientHello(serverFirst)).toBe(false);
    expect(looksLikeTlsClientHello(mqttPacket.generate({ cmd: 'connect', protocolId: 'MQTT', protocolVersion: 4, clientId: 'c', clean: true, keepalive: 10 }))).toBe(false);
    expect(looksLikeTlsClientHello(Uint8Array.from([0x16, 0x02, 0x00, 0x00, 0x04, 0x01]))).toBe(false);
  });
});

// ---- Bytes no TLS peer would send ---------------------------------------------------------------

const record16 = (type: number, body: Uint8Array | number[], length = body.length) => Uint8Array.from([type, 3, 3, length >> 8, length & 0xff, ...body]);
const message = (type: number, body: number[], length = body.length) => [type, length >> 16, (length >> 8) & 0xff, length & 0xff, ...body];
const u16 = (value: number) => [value >> 8, value & 0xff];
const vector16 = (bytes: number[]) => [...u16(bytes.length), ...bytes];

/** A ClientHello naming `host`, offering two suites and TLS 1.3 and 1.2. */
function clientHello(host: string): number[] {
  const name = [...Buffer.from(host)];
  const serverName = [...u16(0), ...vector16(vector16([0, ...vector16(name)]))];
  const versions = [...u16(43), ...u16(5), 4, 3, 4, 3, 3];
  return message(1, [3, 3, ...new Array(32).fill(7), 0, ...vector16([0x13, 0x01, 0xc0, 0x2f]), 1, 0, ...vector16([...serverName, ...versions])]);
}

function readOne(from: TlsSide, ...pieces: Uint8Array[]): { summary: TlsHandshakeSummary; reader: TlsHandshakeReader } {
  const reader = new TlsHandshakeReader();
  for (const piece of pieces) reader.push(from, piece, 1);
  reader.finish();
  return { summary: reader.summary(), reader };
}

describe('hostile input', () => {
  it('reads a hand-made ClientHello (the builder below is right)', () => {
    expect(readOne('client', record16(22, clientHello('broker.example'))).summary).toMatchObject({
      serverName: 'broker.example',
      offeredVersions: ['TLS 1.3', 'TLS 1.2'],
      offeredCiphers: ['TLS_AES_128_GCM_SHA256', 'TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256'],
      problems: [],
    });
  });

  it('says what is not TLS: plain MQTT on a TLS port, a record type or version TLS has not', () => {
    const connect = mqttPacket.generate({ cmd: 'connect', protocolId: 'MQTT', protocolVersion: 4, clientId: 'c', clean: true, keepalive: 10 });
    expect(readOne('client', connect).summary.problems).toEqual(['client: byte 0 is not the start of a TLS record (10 0d 00 04 4d): not read further']);
    expect(readOne('server', Uint8Array.from([0x19, 3, 3, 0, 0])).summary.problems).toEqual(['server: byte 0 is not the start of a TLS record (19 03 03 00 00): not read further']);
    expect(readOne('server', record16(22, [99, 0, 0, 0]), Uint8Array.from([0x16, 2, 0, 0, 0])).summary.problems).toEqual(['server: byte 9 is not the start of a TLS record (16 02 00 00 00): not read further']);
  });

  it('says where a record or a message was cut short', () => {
    const hello = record16(22, clientHello('broker.example'));
    expect(readOne('client', hello.subarray(0, 3)).summary.problems).toEqual(['client: the stream ended inside a record header (3 of its 5 bytes came)']);
    expect(readOne('client', hello.subarray(0, 40)).summary.problems).toEqual([`client: the stream ended inside a record (35 of its ${hello.length - 5} bytes came)`]);
    // The record is whole, the message it starts is not.
    const body = clientHello('broker.example');
    expect(readOne('client', record16(22, body.slice(0, 30))).summary.problems).toEqual([`client: the stream ended inside a handshake message (30 of its ${body.length} bytes came)`]);
    // The message's own lengths run past it.
    const shortSuites = message(1, [3, 3, ...new Array(32).fill(7), 0, ...u16(40), 0x13, 0x01]);
    expect(readOne('client', record16(22, shortSuites)).summary).toMatchObject({ offeredVersions: ['TLS 1.2'], offeredCiphers: [], problems: ['client: the ClientHello ends inside its cipher suites'] });
    const cutHello = readOne('server', record16(22, message(2, [3, 3, 1, 2]))).summary;
    expect(cutHello.problems).toEqual(['server: the ServerHello ends inside its random']);
    expect(cutHello.chosenVersion).toBeUndefined();
    expect(readOne('server', record16(22, message(11, [0, 0, 18, 0, 0, 6, 1, 2, 3, 4, 5, 6, 0, 0, 6, 1, 2, 3, 4, 5, 6]))).summary).toMatchObject({
      certificates: [],
      problems: ['server: certificate 1 of the Certificate message is not one X.509 can read: the rest not read'],
    });
    expect(readOne('server', record16(22, clientHello('broker.example'))).summary).toMatchObject({ offeredCiphers: [], problems: ['server: a ClientHello came from the server: not read'] });
  });

  it('refuses a record longer than TLS allows, in cleartext or not', () => {
    const over = record16(22, [], TLS_PLAINTEXT_MAX_BYTES + 1);
    expect(readOne('client', over).summary.problems).toEqual([`client: the cleartext record at byte 0 claims ${TLS_PLAINTEXT_MAX_BYTES + 1} bytes, more than TLS allows (${TLS_PLAINTEXT_MAX_BYTES}): not read further`]);
    expect(readOne('client', record16(23, [], 0xffff)).summary.problems).toEqual([`client: the record at byte 0 claims 65535 bytes, more than TLS allows (${TLS_CIPHERTEXT_MAX_BYTES}): not read further`]);
  });

  it('refuses a handshake message claiming 16 MB as soon as its header comes, holding nothing', () => {
    const { summary, reader } = readOne('server', record16(22, message(11, [1, 2, 3], 0xffffff)));
    expect(summary.problems).toEqual([`server: a handshake message (type 11) claims 16777215 bytes, more than the ${MAX_TLS_HANDSHAKE_BYTES} held for one: not read further`]);
    expect(reader.heldBytes).toBe(0);
  });

  it('holds no more than the bound, however much comes', () => {
    const reader = new TlsHandshakeReader();
    let most = 0;
    const push = (bytes: Uint8Array) => {
      reader.push('server', bytes, 0);
      most = Math.max(most, reader.heldBytes);
    };
    // A message of just the bound (an unknown type), in records of the largest size, twice.
    const whole = new Uint8Array(MAX_TLS_HANDSHAKE_BYTES);
    whole.set(message(99, [], MAX_TLS_HANDSHAKE_BYTES - 4));
    for (let round = 0; round < 2; round++) {
      for (let at = 0; at < whole.length; at += TLS_PLAINTEXT_MAX_BYTES) push(record16(22, whole.subarray(at, at + TLS_PLAINTEXT_MAX_BYTES)));
    }
    expect(most).toBe(MAX_TLS_HANDSHAKE_BYTES);
    expect(reader.summary().problems).toEqual([]);
    // Then one byte more than the bound is claimed, and 64 MB of records follow.
    push(record16(22, message(99, [0], MAX_TLS_HANDSHAKE_BYTES - 3)));
    const filler = record16(22, new Uint8Array(TLS_PLAINTEXT_MAX_BYTES));
    for (let sent = 0; sent < 64 * 1024 * 1024; sent += filler.length) push(filler);
    expect(most).toBeLessThanOrEqual(MAX_TLS_HANDSHAKE_BYTES);
    expect(reader.heldBytes).toBe(0);
    expect(reader.summary().problems).toEqual([`server: a handshake message (type 99) claims ${MAX_TLS_HANDSHAKE_BYTES - 3} bytes, more than the ${MAX_TLS_HANDSHAKE_BYTES} held for one: not read further`]);
  });

  it('counts encrypted records without holding them, and lists a bounded number of alerts', () => {
    const reader = new TlsHandshakeReader();
    const data = record16(23, new Uint8Array(TLS_PLAINTEXT_MAX_BYTES));
    for (let index = 0; index < 1000; index++) reader.push('client', data, index);
    const alerts = record16(21, [1, 0]);
    for (let index = 0; index < MAX_TLS_LISTED + 50; index++) reader.push('server', alerts, index);
    const summary = reader.summary();
    expect(summary.records).toEqual({ client: 1000, server: MAX_TLS_LISTED + 50 });
    expect(summary.alerts).toHaveLength(MAX_TLS_LISTED);
    expect(summary.alerts[0]).toEqual({ from: 'server', level: 'warning', description: 'close_notify', code: 0, time: 0 });
    expect(summary.problems).toEqual(['50 more alerts not listed']);
    expect(reader.heldBytes).toBe(0);
  });

  it('never throws on random bytes, nor on real handshakes with bytes changed, and stays within the bound', async () => {
    const random = seededRandom(48);
    const sides: TlsSide[] = ['client', 'server'];
    for (let round = 0; round < 300; round++) {
      const reader = new TlsHandshakeReader();
      for (let push = 0; push < 20; push++) reader.push(random.pick(sides), random.bytes(random.bool() ? 16 : 2000), push);
      reader.finish();
      expect(() => reader.summary()).not.toThrow();
      expect(reader.heldBytes).toBeLessThanOrEqual(MAX_TLS_HANDSHAKE_BYTES);
    }
    // Random bytes rarely look like a record: changed real ones reach the message readers.
    const conversations = [(await record({}, nodeClient({ maxVersion: 'TLSv1.2' }))).chunks, (await record({}, nodeClient())).chunks];
    for (let round = 0; round < 300; round++) {
      const chunks = random.pick(conversations).map(({ from, bytes }) => {
        const changed = Buffer.from(bytes);
        for (let change = 0; change < 1 + random.int(4); change++) changed[random.int(changed.length)] = random.int(256);
        return { from, bytes: changed.subarray(0, random.int(8) === 0 ? random.int(changed.length) : changed.length) };
      });
      const summary = read(chunks);
      expect(summary.problems.length).toBeLessThanOrEqual(MAX_TLS_LISTED + 2);
    }
  });
});
