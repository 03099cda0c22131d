// `--save FILE`: the trace file closed when the command ends, and a failure to write it said.
import type { TraceFileWriter } from '../engine/trace-store/trace-file-writer';

/** 0 when there was nothing to save or it was saved; 1, with the reason on stderr, when not. */
export async function savedOrFailed(saving: TraceFileWriter | undefined, file: string | undefined): Promise<number> {
  if (!saving) return 0;
  await saving.close();
  if (!saving.error) return 0;
  process.stderr.write(`mqttscope: the trace could not be saved to ${file}: ${saving.error.message}\n`);
  return 1;
}
