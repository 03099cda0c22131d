// The packet list's time format, kept across reloads as the drawer is (renderer/store/workspace-slice.ts).
import { useState } from 'react';
import { DEFAULT_TIME_FORMAT, TIME_FORMATS, type TimeFormat } from './time-format';

const TIME_FORMAT_KEY = 'mqttscope.timeFormat';

/** What the last page kept; anything unreadable reads as the default. */
export function readKeptTimeFormat(storage: Pick<Storage, 'getItem'> | undefined): TimeFormat {
  try {
    const kept = storage?.getItem(TIME_FORMAT_KEY);
    return TIME_FORMATS.find((format) => format.id === kept)?.id ?? DEFAULT_TIME_FORMAT;
  } catch {
    return DEFAULT_TIME_FORMAT;
  }
}

export function keepTimeFormat(storage: Pick<Storage, 'setItem'> | undefined, format: TimeFormat): void {
  try {
    storage?.setItem(TIME_FORMAT_KEY, format);
  } catch {
    // A page without storage (private mode, full quota) keeps the choice for this visit only.
  }
}

export function useTimeFormat(): [TimeFormat, (format: TimeFormat) => void] {
  const [format, setFormat] = useState(() => readKeptTimeFormat(globalThis.localStorage));
  const choose = (chosen: TimeFormat) => {
    keepTimeFormat(globalThis.localStorage, chosen);
    setFormat(chosen);
  };
  return [format, choose];
}
