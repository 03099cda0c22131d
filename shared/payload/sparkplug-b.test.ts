import protobuf from 'protobufjs';
import { describe, expect, it } from 'vitest';
import { toHex } from '../mqtt/field';
import { decodeSparkplugB, isSparkplugTopic, readSparkplugB } from './sparkplug-b';
import { SPARKPLUG_DATA_TYPE_IDS as TYPE, sparkplugPayloadType } from './sparkplug-b-schema';

/** Encoded by protobufjs's own generated encoder (allowed under Node, where no CSP applies). */
function encode(object: Record<string, unknown>): Uint8Array {
  const type = sparkplugPayloadType();
  return type.encode(type.fromObject(object)).finish();
}

/** Both readings as the same plain kinds: 64-bit integers as decimal text, bytes as hex. */
function comparable(value: unknown): unknown {
  return JSON.parse(
    JSON.stringify(value, (_key, item: unknown) => {
      if (typeof item === 'bigint') return item.toString();
      if (item instanceof Uint8Array) return toHex(item);
      if (item && typeof item === 'object' && (item as { type?: string }).type === 'Buffer') return toHex(Uint8Array.from((item as { data: number[] }).data));
      return item;
    }),
  );
}

const BIRTH = {
  timestamp: 1718000000123,
  seq: 0,
  uuid: 'c7e1',
  body: new Uint8Array([1, 2, 3]),
  metrics: [
    { name: 'Temperature', alias: 1, timestamp: 1718000000100, datatype: TYPE.Float, float_value: 21.7 },
    { name: 'Pressure', alias: 2, datatype: TYPE.Double, double_value: 1013.25 },
    { name: 'Count', datatype: TYPE.UInt64, long_value: '18446744073709551615' },
    { name: 'Running', datatype: TYPE.Boolean, boolean_value: true },
    { name: 'Label', datatype: TYPE.String, string_value: 'line 3', properties: { keys: ['engUnit', 'limits'], values: [{ type: TYPE.String, string_value: '°C' }, { type: TYPE.PropertySet, propertyset_value: { keys: ['hi'], values: [{ type: TYPE.Int32, int_value: 90 }] } }] } },
    { name: 'Table', datatype: TYPE.DataSet, dataset_value: { num_of_columns: 2, columns: ['a', 'b'], types: [TYPE.Int32, TYPE.String], rows: [{ elements: [{ int_value: 1 }, { string_value: 'x' }] }] } },
    { name: 'Motor', datatype: TYPE.Template, template_value: { version: '1', template_ref: 'MotorType', is_definition: false, metrics: [{ name: 'rpm', datatype: TYPE.Int32, int_value: 1500 }], parameters: [{ name: 'max', type: TYPE.Int32, int_value: 3000 }] } },
    { name: 'Firmware', datatype: TYPE.File, bytes_value: new Uint8Array([0xde, 0xad]), metadata: { is_multi_part: false, file_name: 'fw.bin', size: 2, md5: 'abc' } },
    { name: 'Gone', datatype: TYPE.Int32, is_null: true },
  ],
};

describe('readSparkplugB', () => {
  it('reads what protobufjs encoded exactly as protobufjs itself decodes it', () => {
    const bytes = encode(BIRTH);
    const read = readSparkplugB(bytes);
    expect(read.ok).toBe(true);
    const type = sparkplugPayloadType();
    const oracle = type.toObject(type.decode(bytes), { longs: String });
    expect(comparable(read.ok && read.value)).toEqual(comparable(oracle));
  });

  it('reads packed repeated scalars (DataSet.types) as the unpacked ones protobufjs writes', () => {
    const unpacked = encode({ metrics: [{ name: 't', dataset_value: { types: [3, 12, 7] } }] });
    // The same metric with field 3 of the DataSet packed: tag 0x1a, length 3, the three varints.
    const packed = Uint8Array.of(0x12, 0x0b, 0x0a, 0x01, 0x74, 0x8a, 0x01, 0x05, 0x1a, 0x03, 0x03, 0x0c, 0x07);
    expect(readSparkplugB(unpacked)).toEqual({ ok: true, value: { metrics: [{ name: 't', dataset_value: { types: [3, 12, 7] } }] } });
    expect(readSparkplugB(packed)).toEqual(readSparkplugB(unpacked));
  });
});

describe('decodeSparkplugB', () => {
  it('shows each metric with its name, its data type by name and one value', () => {
    const read = decodeSparkplugB(encode(BIRTH));
    expect(read.ok).toBe(true);
    const metrics = (read.ok ? (read.value as { metrics: Record<string, unknown>[] }).metrics : []);
    expect(metrics[0]).toEqual({ name: 'Temperature', alias: 1, timestamp: 1718000000100, datatype: 'Float', value: 21.7 });
    expect(metrics[1]).toMatchObject({ name: 'Pressure', datatype: 'Double', value: 1013.25 });
    expect(metrics[2]).toMatchObject({ name: 'Count', datatype: 'UInt64', value: '18446744073709551615' });
    expect(metrics[3]).toMatchObject({ name: 'Running', value: true });
    expect(metrics[4]).toMatchObject({ properties: { keys: ['engUnit', 'limits'], values: [{ type: 'String', value: '°C' }, { type: 'PropertySet', value: { keys: ['hi'], values: [{ type: 'Int32', value: 90 }] } }] } });
    expect(metrics[5]).toMatchObject({ datatype: 'DataSet', value: { num_of_columns: 2, columns: ['a', 'b'], types: ['Int32', 'String'], rows: [{ elements: [{ value: 1 }, { value: 'x' }] }] } });
    expect(metrics[6]).toMatchObject({ value: { template_ref: 'MotorType', metrics: [{ name: 'rpm', value: 1500 }], parameters: [{ name: 'max', type: 'Int32', value: 3000 }] } });
    expect(metrics[7]).toMatchObject({ datatype: 'File', value: '<2 bytes: dead>', metadata: { file_name: 'fw.bin', size: 2 } });
    expect(metrics[8]).toEqual({ name: 'Gone', datatype: 'Int32', is_null: true });
  });

  it('refuses garbage, a cut payload and a wrong wire type with words, never throwing', () => {
    const bytes = encode(BIRTH);
    const cut = decodeSparkplugB(bytes.subarray(0, 20));
    expect(cut).toEqual({ ok: false, problem: expect.stringMatching(/^Not Sparkplug B: /) });
    expect(decodeSparkplugB(new TextEncoder().encode('{"n":1}')).ok).toBe(false);
    // Field 1 (timestamp, a varint) written as a length-delimited field.
    expect(decodeSparkplugB(new Uint8Array([0x0a, 0x01, 0x00]))).toEqual({ ok: false, problem: expect.stringContaining('wire type 2') });
    // A metric whose length runs past the end of the payload.
    expect(decodeSparkplugB(new Uint8Array([0x12, 0x7f, 0x0a, 0x01, 0x61]))).toEqual({ ok: false, problem: expect.stringContaining('past the end') });
  });

  it('survives every prefix of a payload and random bytes', () => {
    const bytes = encode(BIRTH);
    for (let length = 0; length < bytes.length; length++) expect(() => decodeSparkplugB(bytes.subarray(0, length))).not.toThrow();
    let seed = 7;
    const random = () => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) & 0xff;
    for (let round = 0; round < 500; round++) {
      const garbage = Uint8Array.from({ length: 1 + (round % 64) }, random);
      expect(() => decodeSparkplugB(garbage)).not.toThrow();
    }
  });

  it('refuses messages nested past the limit', () => {
    const nested = (depth: number) => {
      // PropertySet.values (2) holding a PropertyValue whose propertyset_value (9) holds the next.
      let set: Uint8Array = new Uint8Array(0);
      for (let level = 0; level < depth; level++) {
        const value = protobuf.Writer.create().uint32(0x4a).bytes(set).finish();
        set = protobuf.Writer.create().uint32(0x12).bytes(value).finish();
      }
      const metric = protobuf.Writer.create().uint32(0x4a).bytes(set).finish(); // Metric.properties (9)
      return protobuf.Writer.create().uint32(0x12).bytes(metric).finish(); // Payload.metrics (2)
    };
    expect(decodeSparkplugB(nested(10)).ok).toBe(true);
    expect(decodeSparkplugB(nested(100))).toEqual({ ok: false, problem: expect.stringContaining('nest deeper than 64') });
  });
});

describe('isSparkplugTopic', () => {
  it.each([
    ['spBv1.0/group/DDATA/edge/device', true],
    ['spBv1.0/STATE/host', true],
    ['spAv1.0/group/DDATA/edge', false],
    [undefined, false],
  ])('%s', (topic, expected) => expect(isSparkplugTopic(topic)).toBe(expected));
});

describe('the schema', () => {
  it('is valid protobuf that protobufjs resolves', () => {
    expect(sparkplugPayloadType().fieldsArray.map((field) => `${field.id} ${field.name}`)).toEqual(['1 timestamp', '2 metrics', '3 seq', '4 uuid', '5 body']);
  });
});
