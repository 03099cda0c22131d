// CPU time another process has used (Linux): fields 14 and 15 of /proc/PID/stat, user and system
// time in clock ticks.
import { readFileSync } from 'node:fs';

const CLOCK_TICKS_PER_SECOND = 100;

export function processCpuMicros(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return ((Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS_PER_SECOND) * 1e6;
}
