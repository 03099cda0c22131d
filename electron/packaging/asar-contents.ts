// What the packaged app may carry: the built bundles and package.json, plus the production
// dependencies — which are none today, as esbuild and Vite bundle every library the app runs.
// Anything else (sources, tests, test data, source maps, a dev dependency) is reported.
import { posix } from 'node:path';

/** Files the app cannot start without. */
export const REQUIRED_FILES = ['/package.json', '/dist/electron/main.cjs', '/dist/electron/preload.cjs', '/dist/renderer/index.html'];
/** Where the built app lives inside the package. */
const BUILT_FOLDERS = ['/dist/electron/', '/dist/renderer/'];

export interface AsarExpectation {
  /** package.json's `dependencies`: the only node_modules the package may hold. */
  dependencies: string[];
}

/** Every problem with a package's files (not folders; paths as @electron/asar lists them: `/dist/…`). */
export function asarProblems(entries: readonly string[], { dependencies }: AsarExpectation): string[] {
  const files = entries.map((entry) => posix.normalize(entry.replaceAll('\\', '/')));
  const present = new Set(files);
  const problems = REQUIRED_FILES.filter((file) => !present.has(file)).map((file) => `missing: ${file}`);
  if (!files.some((file) => /^\/dist\/renderer\/assets\/[^/]+\.js$/.test(file))) problems.push('missing: the renderer bundle (/dist/renderer/assets/*.js)');
  const reported = new Set<string>();
  const report = (text: string) => {
    if (!reported.has(text)) problems.push(text);
    reported.add(text);
  };
  for (const file of files) {
    if (file.endsWith('.map')) report(`source map: ${file}`);
    else if (file.startsWith('/node_modules/')) {
      const name = packageName(file);
      if (!dependencies.includes(name)) report(`not a production dependency: /node_modules/${name}`);
    } else if (file !== '/package.json' && !BUILT_FOLDERS.some((folder) => file.startsWith(folder))) {
      report(`not part of the built app: /${file.split('/')[1]}${file.split('/').length > 2 ? '/…' : ''}`);
    }
  }
  return problems;
}

/** `/node_modules/@scope/name/x.js` → `@scope/name`. */
function packageName(file: string): string {
  const [, , first, second] = file.split('/');
  return first.startsWith('@') ? `${first}/${second}` : first;
}
