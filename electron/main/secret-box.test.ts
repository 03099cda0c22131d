import { describe, expect, it } from 'vitest';
import { chooseSecretBox, type SafeStorageLike } from './secret-box';

/** safeStorage's behaviour per backend: a reversible transform, as the tests need no Electron. */
const storage = (available: boolean, backend?: string): SafeStorageLike => ({
  isEncryptionAvailable: () => available,
  encryptString: (text) => Buffer.from(text).reverse(),
  decryptString: (data) => Buffer.from(data).reverse().toString(),
  ...(backend ? { getSelectedStorageBackend: () => backend } : {}),
});

describe('chooseSecretBox', () => {
  it('uses the keychain where it protects secrets', () => {
    for (const [platform, backend] of [['linux', 'gnome_libsecret'], ['linux', 'kwallet5'], ['darwin', undefined], ['win32', undefined]] as const) {
      const choice = chooseSecretBox(storage(true, backend), platform);
      expect(choice.note).toBeUndefined();
      expect(choice.box!.decrypt(choice.box!.encrypt('hunter2'))).toBe('hunter2');
    }
  });

  it('refuses Linux’s basic_text backend (a fixed key) and says why', () => {
    const choice = chooseSecretBox(storage(true, 'basic_text'), 'linux');
    expect(choice.box).toBeUndefined();
    expect(choice.note).toMatch(/No keyring .* would not really be encrypted/);
  });

  it('says so where no encryption is offered', () => {
    expect(chooseSecretBox(storage(false), 'linux')).toEqual({ note: expect.stringMatching(/no encryption/) });
  });
});
