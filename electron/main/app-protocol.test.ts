import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contentSecurityPolicy } from '@shared/security-headers';
import { answerAppRequest, APP_ENTRY_URL, APP_SCHEME_PRIVILEGES } from './app-protocol';

let work: string;
let root: string;
beforeAll(() => {
  work = mkdtempSync(path.join(tmpdir(), 'mqttscope-protocol-'));
  root = path.join(work, 'renderer');
  mkdirSync(path.join(root, 'assets'), { recursive: true });
  writeFileSync(path.join(root, 'index.html'), '<!doctype html><title>MQTT Scope</title>');
  writeFileSync(path.join(root, 'assets', 'index.js'), 'console.log(1)');
  writeFileSync(path.join(work, 'secret.js'), 'the data folder');
  symlinkSync(path.join(work, 'secret.js'), path.join(root, 'assets', 'leads-out.js'));
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('the app:// protocol', () => {
  it('serves the renderer with the CSP as a header, connecting nowhere but its own origin', async () => {
    const page = await answerAppRequest(root, APP_ENTRY_URL);
    expect(page.status).toBe(200);
    expect(String(page.body)).toContain('<title>MQTT Scope</title>');
    expect(page.headers['Content-Type']).toBe('text/html; charset=utf-8');
    expect(page.headers['Content-Security-Policy']).toBe(contentSecurityPolicy([]));
    expect(page.headers['Content-Security-Policy']).toContain("connect-src 'self';");
    expect(page.headers['Content-Security-Policy']).toContain("script-src 'self';");
    expect(page.headers['X-Content-Type-Options']).toBe('nosniff');
    const script = await answerAppRequest(root, 'app://mqtt-scope/assets/index.js?v=1');
    expect(script.status).toBe(200);
    expect(script.headers['Content-Type']).toBe('text/javascript; charset=utf-8');
  });

  it('refuses every way out of the renderer folder, with the CSP still on the answer', async () => {
    for (const url of [
      'app://mqtt-scope/../secret.js',
      'app://mqtt-scope/%2e%2e/secret.js',
      'app://mqtt-scope/..%2fsecret.js',
      'app://mqtt-scope/assets/..%2f..%2fsecret.js',
      'app://mqtt-scope/assets/%2E%2E%5C%2E%2E%5Csecret.js',
      'app://mqtt-scope/assets/leads-out.js',
      `app://mqtt-scope/${encodeURIComponent(path.join(work, 'secret.js'))}`,
    ]) {
      const answer = await answerAppRequest(root, url);
      expect({ url, status: answer.status, body: String(answer.body) }).toEqual({ url, status: 404, body: 'Not found' });
      expect(answer.headers['Content-Security-Policy']).toBe(contentSecurityPolicy([]));
    }
  });

  it('answers only its own host and scheme, and never throws on a bad URL', async () => {
    expect((await answerAppRequest(root, 'app://elsewhere/index.html')).status).toBe(404);
    expect((await answerAppRequest(root, 'https://mqtt-scope/index.html')).status).toBe(404);
    expect((await answerAppRequest(root, 'file:///etc/passwd')).status).toBe(404);
    expect((await answerAppRequest(root, 'not a url')).status).toBe(400);
    expect((await answerAppRequest(root, 'app://mqtt-scope/%E0%A4%A')).status).toBe(400);
  });

  it('is a secure, standard scheme that cannot bypass the CSP', () => {
    expect(APP_SCHEME_PRIVILEGES).toMatchObject({ scheme: 'app', privileges: { standard: true, secure: true, bypassCSP: false } });
  });
});
