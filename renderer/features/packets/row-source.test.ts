// The packet list's rows asked of the engine by block: a filtered list follows its count as the
// trace grows, whatever that count is — a multiple of the block size included.
import { describe, expect, it } from 'vitest';
import type { EngineApi } from '@shared/contract';
import type { RowView } from '@shared/model/session-view';
import { BLOCK_ROWS, RowSource } from './row-source';

/** An engine whose filtered list has `matching` rows now. */
function engine() {
  const state = { matching: 0 };
  const api = {
    async request(_name: string, params: { from: number; count: number }) {
      const rows: RowView[] = [];
      for (let index = params.from; index < Math.min(state.matching, params.from + params.count); index++) rows.push({ seq: index * 2, number: index * 2 + 1, time: index, dir: 'c2s', typeName: 'PUBLISH', problemCount: 0, unframed: false, summary: `#${index}` });
      return { rows, total: state.matching };
    },
    on: () => () => {},
  } as unknown as EngineApi;
  return { api, state };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('RowSource', () => {
  it('a filtered count follows the trace past a whole number of blocks', async () => {
    const { api, state } = engine();
    let version = 0;
    const source = new RowSource(api, 's', { type: 'PUBLISH' }, () => {});
    for (const matching of [150, 2 * BLOCK_ROWS, 3 * BLOCK_ROWS + 50, 4 * BLOCK_ROWS]) {
      state.matching = matching;
      // The list at its bottom, as following shows it; the engine says what changed.
      version++;
      const total = source.total(0);
      source.need(Math.max(0, total - 20), total, version, 0);
      await settle();
      version++;
      source.need(Math.max(0, source.total(0) - 20), source.total(0), version, 0);
      await settle();
      expect(source.total(0)).toBe(matching);
    }
    expect(source.rowAt(4 * BLOCK_ROWS - 1)?.summary).toBe(`#${4 * BLOCK_ROWS - 1}`);
  });

  it('a block asked while its answer is on its way is asked again when that answer comes (it may predate the new rows)', async () => {
    const answers: ((rows: number) => void)[] = [];
    let asked = 0;
    const api = {
      request(_name: string, params: { from: number; count: number }) {
        asked++;
        return new Promise((resolve) => answers.push((count) => resolve({ rows: Array.from({ length: count }, (_, index) => ({ seq: params.from + index, number: params.from + index + 1, time: index, dir: 's2c', typeName: 'PUBLISH', problemCount: 0, unframed: false, summary: '' })), total: count })));
      },
      on: () => () => {},
    } as unknown as EngineApi;
    const source = new RowSource(api, 's', {}, () => {});
    source.need(0, 50, 1, 4);
    // Four more packets come while the first answer is on its way; the list asks with the new version.
    source.need(0, 50, 2, 8);
    expect(asked).toBe(1);
    answers[0](4);
    await settle();
    expect(asked).toBe(2);
    answers[1](8);
    await settle();
    expect(source.rowAt(7)).toBeDefined();
  });

  it('rows drawn from the start of a block bring the row before them, which the time since the previous packet reads', async () => {
    const { api, state } = engine();
    state.matching = 10 * BLOCK_ROWS;
    const source = new RowSource(api, 's', {}, () => {});
    source.need(3 * BLOCK_ROWS, 3 * BLOCK_ROWS + 20, 1, state.matching);
    await settle();
    expect(source.rowAt(3 * BLOCK_ROWS)).toBeDefined();
    expect(source.rowAt(3 * BLOCK_ROWS - 1)?.time).toBe(3 * BLOCK_ROWS - 1);
    expect(source.rowAt(2 * BLOCK_ROWS - 1)).toBeUndefined();
  });
});
