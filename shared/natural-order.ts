// Text in the order people read it when it holds numbers: `sensor-2` before `sensor-10`, as MQTT
// Explorer and file managers sort. Runs of digits compare by their value, everything else by
// UTF-16 code unit (no locale: the same order on every machine, and `B` before `a` as before).

const isDigit = (code: number) => code >= 48 && code <= 57;

/** Negative, zero or positive as `a` sorts before, with or after `b`. Zero only for equal
 *  strings: numbers of equal value written differently (`07`, `7`) are told apart by code unit. */
export function naturalCompare(a: string, b: string): number {
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(j);
    if (isDigit(x) && isDigit(y)) {
      // Both at a number: skip its leading zeros, then the longer run is the larger number, and
      // runs of one length compare digit by digit. No parse: a run may be longer than a double holds.
      while (a.charCodeAt(i) === 48 && isDigit(a.charCodeAt(i + 1))) i++;
      while (b.charCodeAt(j) === 48 && isDigit(b.charCodeAt(j + 1))) j++;
      let endA = i;
      let endB = j;
      while (isDigit(a.charCodeAt(endA))) endA++;
      while (isDigit(b.charCodeAt(endB))) endB++;
      if (endA - i !== endB - j) return endA - i - (endB - j);
      for (; i < endA; i++, j++) if (a.charCodeAt(i) !== b.charCodeAt(j)) return a.charCodeAt(i) - b.charCodeAt(j);
      continue;
    }
    if (x !== y) return x - y;
    i++;
    j++;
  }
  if (i < a.length || j < b.length) return i < a.length ? 1 : -1;
  return a < b ? -1 : a > b ? 1 : 0;
}
