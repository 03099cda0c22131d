// The programs as a person runs them — the `mqttscope` command line and the browser-mode host —
// built from the sources into a scratch folder for the tests that drive them as processes.
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { build } from 'esbuild';

async function buildProgram(name: string, entry: string): Promise<string> {
  const outdir = mkdtempSync(path.join(tmpdir(), `mqttscope-${name}-`));
  await build({ entryPoints: { [name]: entry }, bundle: true, platform: 'node', format: 'cjs', outdir, outExtension: { '.js': '.cjs' }, external: ['electron', 'bufferutil', 'utf-8-validate'], logLevel: 'warning' });
  return path.join(outdir, `${name}.cjs`);
}

/** Builds `electron/cli/main.ts` into one file and returns its path. */
export const buildCliProgram = () => buildProgram('cli', 'electron/cli/main.ts');

/** Builds `electron/web/main.ts` (the browser-mode host) into one file and returns its path. */
export const buildWebHostProgram = () => buildProgram('web', 'electron/web/main.ts');

/** Builds `testing/print-then-exit.ts` (prints N lines, then ends at once) and returns its path. */
export const buildPrintThenExitProgram = () => buildProgram('print-then-exit', 'testing/print-then-exit.ts');

export interface ProgramRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs a built program to its end with these arguments (and this standard input, else none). */
export function runProgram(program: string, args: string[], input = ''): Promise<ProgramRun> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [program, ...args]);
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(input);
  });
}
