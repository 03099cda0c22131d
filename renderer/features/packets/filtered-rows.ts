// The rows a filter lets through, kept up to date as the trace grows: only rows that arrived
// since the last read are looked at, so a growing list of 100,000 costs each row once.
import { useRef } from 'react';
import type { Direction } from '@shared/model/trace';
import { rowTypeName, type RowEntry, type TraceLog } from '../../store/trace-log';

export interface RowFilter {
  /** A packet type name, `Unframed bytes`, or undefined for all. */
  type?: string;
  dir?: Direction;
}

interface Cache {
  log?: TraceLog;
  key: string;
  scanned: number;
  rows: RowEntry[];
}

function accepts(filter: RowFilter, row: RowEntry): boolean {
  return (!filter.dir || row.dir === filter.dir) && (!filter.type || rowTypeName(row) === filter.type);
}

/** The filtered rows of `log`; the array grows in place, so read its length on each render. */
export function useFilteredRows(log: TraceLog | undefined, filter: RowFilter): readonly RowEntry[] {
  const cache = useRef<Cache>({ key: '', scanned: 0, rows: [] });
  if (!log) return [];
  if (!filter.type && !filter.dir) return log.rows;
  const key = `${filter.type ?? ''}|${filter.dir ?? ''}`;
  const current = cache.current;
  if (current.log !== log || current.key !== key) cache.current = { log, key, scanned: 0, rows: [] };
  const { rows } = cache.current;
  const all = log.rows;
  for (let index = cache.current.scanned; index < all.length; index++) if (accepts(filter, all[index])) rows.push(all[index]);
  cache.current.scanned = all.length;
  return rows;
}
