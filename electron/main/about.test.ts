import { describe, expect, it } from 'vitest';
import { aboutDetail } from './about';

describe('the About box', () => {
  it('names the app version and the runtime', () => {
    expect(aboutDetail({ app: '0.1.0', electron: '45.5.0', chrome: '142.0.1', node: '22.20.0' })).toBe('Version 0.1.0\nElectron 45.5.0\nChrome 142.0.1\nNode 22.20.0');
  });
});
