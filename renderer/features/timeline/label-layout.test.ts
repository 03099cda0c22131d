import { describe, expect, it } from 'vitest';
import { layoutLabels, shorten, type LabelRequest } from './label-layout';

const measure = (text: string) => text.length * 6;
const options = { left: 0, right: 300, gap: 4, minWidth: 18, measure };

/** No two placed labels on a row overlap (with the gap), and all stay inside. */
function expectApartAndInside(labels: readonly LabelRequest[], placed: ReturnType<typeof layoutLabels>, left: number, right: number, gap: number) {
  const shown = placed.flatMap((label, index) => (label ? [{ ...label, index }] : []));
  for (const label of shown) {
    expect(label.x).toBeGreaterThanOrEqual(left);
    expect(label.x + label.width).toBeLessThanOrEqual(right + 1e-9);
    expect(label.width).toBe(measure(label.text));
    const original = labels[label.index].text;
    if (label.shortened) expect(original.startsWith(label.text.slice(0, -1).trimEnd()) && label.text.endsWith('…')).toBe(true);
    else expect(label.text).toBe(original);
    for (const other of shown) {
      if (other === label || other.row !== label.row) continue;
      expect(label.x + label.width + gap <= other.x + 1e-9 || other.x + other.width + gap <= label.x + 1e-9, `${label.text} / ${other.text}`).toBe(true);
    }
  }
}

describe('shorten', () => {
  it('keeps what fits and cuts the rest with an ellipsis', () => {
    expect(shorten('CONNACK', 60, measure)).toBe('CONNACK');
    expect(shorten('CONNACK', 30, measure)).toBe('CONN…');
    expect(shorten('CONNACK', 5, measure)).toBeUndefined();
  });
});

describe('layoutLabels', () => {
  it('leaves labels with room where they asked to be', () => {
    const labels = [{ x: 10, text: 'CONNECT' }, { x: 100, text: 'CONNACK' }];
    expect(layoutLabels(labels, options)).toEqual([
      { x: 10, width: 42, row: 0, text: 'CONNECT', shortened: false },
      { x: 100, width: 42, row: 0, text: 'CONNACK', shortened: false },
    ]);
  });

  it('shortens a label to the room before the next one, and leaves out one with no room', () => {
    const labels = [{ x: 0, text: 'SUBSCRIBE' }, { x: 34, text: 'SUBACK' }, { x: 40, text: 'PUBLISH' }];
    const placed = layoutLabels(labels, options);
    expect(placed[0]).toMatchObject({ x: 0, text: 'SUBS…', shortened: true });
    expect(placed[1]).toMatchObject({ x: 34, text: 'SUBACK', shortened: false });
    expect(placed[2]).toBeUndefined();
  });

  it('moves a label at the right edge inside, and anchors at the middle or the end', () => {
    const placed = layoutLabels([{ x: 295, text: 'closed by broker' }, { x: 150, text: 'abc', anchor: 'middle' }, { x: 100, text: 'xy', anchor: 'end' }], options);
    expect(placed[0]).toMatchObject({ x: 300 - 96, text: 'closed by broker' });
    expect(placed[1]).toMatchObject({ x: 141 });
    expect(placed[2]).toMatchObject({ x: 88 });
  });

  it('keeps a label within its own most room', () => {
    expect(layoutLabels([{ x: 10, text: 'PUBLISH QoS 1 id 3', maxWidth: 50 }], options)[0]).toMatchObject({ text: 'PUBLISH…', shortened: true });
    expect(layoutLabels([{ x: 10, text: 'PUBLISH QoS 1 id 3', maxWidth: 10 }], options)[0]).toBeUndefined();
    // At the right edge it is shortened where it is rather than moved off its flow.
    expect(layoutLabels([{ x: 260, text: 'SUBSCRIBE id 1', maxWidth: 40 }], options)[0]).toMatchObject({ x: 260, text: 'SUBSC…' });
  });

  it('spreads a crowd over the rows it is given before shortening', () => {
    const labels = [{ x: 0, text: 'DNS 346 µs' }, { x: 5, text: 'TCP 8.5 ms' }, { x: 80, text: 'TLS 3.2 ms' }];
    const placed = layoutLabels(labels, { ...options, rows: 2 });
    expect(placed.map((label) => [label?.row, label?.text])).toEqual([[0, 'DNS 346 µs'], [1, 'TCP 8.5 ms'], [0, 'TLS 3.2 ms']]);
  });

  it('never overlaps or leaves the picture, whatever it is given', () => {
    let seed = 7;
    const random = () => ((seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31);
    const words = ['CONNECT', 'CONNACK', 'PUBLISH', 'PUBACK', 'SUBSCRIBE id 12', 'CONNECT → CONNACK 1.2 ms', 'closed by client', 'x'];
    for (let round = 0; round < 300; round++) {
      const right = 40 + random() * 600;
      const labels = Array.from({ length: Math.floor(random() * 40) }, () => ({
        x: -50 + random() * (right + 100),
        text: words[Math.floor(random() * words.length)],
        anchor: (['start', 'middle', 'end'] as const)[Math.floor(random() * 3)],
      }));
      const rows = 1 + Math.floor(random() * 3);
      const placed = layoutLabels(labels, { ...options, right, rows });
      expect(placed).toHaveLength(labels.length);
      expectApartAndInside(labels, placed, 0, right, 4);
      if (labels.length > 0 && right > 100) expect(placed.some(Boolean)).toBe(true);
    }
  });
});
