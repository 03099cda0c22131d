// Serves the built renderer from one folder: no listings, no paths outside it.
import { readFile } from 'node:fs/promises';
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
  let relative: string;
  try {
    relative = decodeURIComponent(urlPath === '/' ? '/index.html' : urlPath);
  } catch {
    return reply(response, 400, 'Bad request');
  }
  const file = path.resolve(root, `.${relative}`);
  if (file !== root && !file.startsWith(root + path.sep)) return reply(response, 404, 'Not found');
  const type = CONTENT_TYPES[path.extname(file)];
  if (!type) return reply(response, 404, 'Not found');
  let body: Buffer;
  try {
    body = await readFile(file);
  } catch {
    return reply(response, 404, 'Not found');
  }
  response.writeHead(200, { ...headers, 'Content-Type': type, 'Content-Length': body.length, 'Cache-Control': 'no-store' });
  response.end(body);
}

function reply(response: ServerResponse, status: number, text: string): void {
  response.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8' });
  response.end(text);
}
