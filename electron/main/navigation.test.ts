import { describe, expect, it } from 'vitest';
import { decideNavigation, externalLink, isAppPage, requestAllowed } from './navigation';

describe('navigation', () => {
  it('lets the app reload its own page and nothing else', () => {
    expect(decideNavigation('app://mqtt-scope/index.html')).toEqual({ prevent: false });
    for (const url of ['app://other/index.html', 'file:///etc/passwd', 'javascript:alert(1)', 'data:text/html,hi', 'about:blank', 'chrome://settings', 'garbage']) {
      expect(decideNavigation(url)).toEqual({ prevent: true });
    }
  });

  it('sends web links to the OS browser instead of the window', () => {
    expect(decideNavigation('https://mqtt.org/')).toEqual({ prevent: true, openExternal: 'https://mqtt.org/' });
    expect(decideNavigation('http://broker.local:8080/')).toEqual({ prevent: true, openExternal: 'http://broker.local:8080/' });
  });

  it('hands the OS only http(s) links without credentials', () => {
    expect(externalLink('https://docs.oasis-open.org/mqtt/')).toBe('https://docs.oasis-open.org/mqtt/');
    for (const url of ['file:///etc/passwd', 'javascript:alert(1)', 'smb://host/share', 'ms-settings:', 'mailto:a@b.c', 'https://user:pass@evil.example/', 'app://mqtt-scope/']) {
      expect(externalLink(url)).toBeUndefined();
    }
  });

  it('lets the window load only its own origin', () => {
    expect(isAppPage('app://mqtt-scope/assets/x.js')).toBe(true);
    expect(requestAllowed('app://mqtt-scope/assets/x.js')).toBe(true);
    for (const url of ['https://cdn.example/x.js', 'ws://127.0.0.1:1883/', 'file:///etc/passwd', 'app://mqtt-scope.evil/x.js']) expect(requestAllowed(url)).toBe(false);
  });
});
