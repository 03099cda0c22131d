// Reads the built renderer from one folder: no listings, no paths outside it — a symbolic link
// inside it that leads out included — and only regular files. Both hosts serve the UI through
// it: browser mode over HTTP, Electron over its app:// protocol.
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

export type StaticFile = { status: 200; contentType: string; body: Buffer } | { status: 400 | 404; text: string };

/** The file a URL path names under root, or why not; never throws. */
export async function readStaticFile(root: string, urlPath: string): Promise<StaticFile> {
  const notFound = { status: 404, text: 'Not found' } as const;
  let relative: string;
  try {
    relative = decodeURIComponent(urlPath === '/' ? '/index.html' : urlPath);
  } catch {
    return { status: 400, text: 'Bad request' };
  }
  const file = path.resolve(root, `.${relative}`);
  const contentType = CONTENT_TYPES[path.extname(file)];
  if (!contentType || !inside(root, file)) return notFound;
  try {
    // Where the path really leads, after every link: it must still be inside the folder.
    const [realRoot, realFile] = await Promise.all([realRootOf(root), realpath(file)]);
    if (!inside(realRoot, realFile) || !(await stat(realFile)).isFile()) return notFound;
    return { status: 200, contentType, body: await readFile(realFile) };
  } catch {
    return notFound;
  }
}

export async function serveStatic(root: string, urlPath: string, response: ServerResponse, headers: Record<string, string>): Promise<void> {
  const found = await readStaticFile(root, urlPath);
  if (found.status !== 200) {
    response.writeHead(found.status, { ...headers, 'Content-Type': 'text/plain; charset=utf-8' });
    response.end(found.text);
    return;
  }
  response.writeHead(200, { ...headers, 'Content-Type': found.contentType, 'Content-Length': found.body.length, 'Cache-Control': 'no-store' });
  response.end(found.body);
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
