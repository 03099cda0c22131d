// Serves the built renderer from one folder: no listings, no paths outside it — a symbolic link
// inside it that leads out included — and only regular files.
import { readFile, realpath, stat } from 'node:fs/promises';
import type { ServerResponse } from 'node:http';
import path from 'node:path';

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
  '.woff2': 'font/woff2',
};

export async function serveStatic(root: string, urlPath: string, response: ServerResponse, headers: Record<string, string>): Promise<void> {
  const fail = (status: number, text: string) => reply(response, status, text, headers);
  let relative: string;
  try {
    relative = decodeURIComponent(urlPath === '/' ? '/index.html' : urlPath);
  } catch {
    return fail(400, 'Bad request');
  }
  const file = path.resolve(root, `.${relative}`);
  const type = CONTENT_TYPES[path.extname(file)];
  if (!type || !inside(root, file)) return fail(404, 'Not found');
  let body: Buffer;
  try {
    // Where the path really leads, after every link: it must still be inside the folder.
    const [realRoot, realFile] = await Promise.all([realRootOf(root), realpath(file)]);
    if (!inside(realRoot, realFile) || !(await stat(realFile)).isFile()) return fail(404, 'Not found');
    body = await readFile(realFile);
  } catch {
    return fail(404, 'Not found');
  }
  response.writeHead(200, { ...headers, 'Content-Type': type, 'Content-Length': body.length, 'Cache-Control': 'no-store' });
  response.end(body);
}

/** The UI folder's real path does not change while the host runs: looked up once. */
const realRoots = new Map<string, Promise<string>>();
function realRootOf(root: string): Promise<string> {
  let real = realRoots.get(root);
  if (!real) realRoots.set(root, (real = realpath(root)));
  return real;
}

function inside(root: string, file: string): boolean {
  return file === root || file.startsWith(root + path.sep);
}

function reply(response: ServerResponse, status: number, text: string, headers: Record<string, string>): void {
  response.writeHead(status, { ...headers, 'Content-Type': 'text/plain; charset=utf-8' });
  response.end(text);
}
