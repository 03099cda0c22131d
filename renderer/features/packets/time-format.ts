// The packet list's time column in the format the person chose, as Wireshark's View → Time
// Display Format offers it: seconds since the connection began, seconds since the row above, or
// the time of day. Trace times are epoch milliseconds in a float64 read from a monotonic clock:
// at today's epoch a double holds them to about 0.25 µs, so the sixth decimal of a second is real.
import { formatWallClockMicros } from '../../ui/format';

export const TIME_FORMATS = [
  {
    id: 'since-start',
    label: 'Seconds since start (µs)',
    heading: 'Since start (s)',
    title: 'Seconds since the connection began (its first step, the timeline’s 0), to the microsecond',
  },
  {
    id: 'since-previous',
    label: 'Seconds since previous packet',
    heading: 'Since previous (s)',
    title: 'Seconds since the packet in the row above, as the list shows it (filtered or not), to the microsecond',
  },
  {
    id: 'wall-clock',
    label: 'Wall clock',
    heading: 'Time of day',
    title: 'Local time of day, to the microsecond',
  },
] as const;

export type TimeFormat = (typeof TIME_FORMATS)[number]['id'];

export const DEFAULT_TIME_FORMAT: TimeFormat = 'since-start';

export const timeFormatOf = (id: TimeFormat) => TIME_FORMATS.find((format) => format.id === id)!;

const pad = (value: number, width = 2) => String(value).padStart(width, '0');

/** A span in seconds with six decimals: `1.204518`, `-0.000031`; never `-0.000000`. */
export function formatSeconds(ms: number): string {
  // Whole microseconds first, so that rounding carries into the seconds (0.9999996 s is 1.000000).
  const micros = Math.round(Math.abs(ms) * 1000);
  const sign = ms < 0 && micros > 0 ? '-' : '';
  return `${sign}${Math.floor(micros / 1e6)}.${pad(micros % 1e6, 6)}`;
}

/** Local time of day to the microsecond: `21:07:55.123456`. */
export const formatTimeOfDay = (epochMs: number): string => formatWallClockMicros(epochMs).slice(11);

/**
 * The time cell of the row at `index`, read through `timeAt` (the rows the list holds, fetched in
 * blocks); undefined while a row it needs is still on its way. The time since the previous
 * packet reads the row above, which may lie outside the rows drawn: the first row's is 0.
 */
export function timeCellText(format: TimeFormat, index: number, timeAt: (index: number) => number | undefined, start: number): string | undefined {
  const time = timeAt(index);
  if (time === undefined) return undefined;
  switch (format) {
    case 'since-start':
      return formatSeconds(time - start);
    case 'wall-clock':
      return formatTimeOfDay(time);
    case 'since-previous': {
      if (index === 0) return formatSeconds(0);
      const previous = timeAt(index - 1);
      return previous === undefined ? undefined : formatSeconds(time - previous);
    }
  }
}
