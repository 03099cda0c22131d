// Which encryption the Electron host gives saved secrets, decided without Electron so it can be
// tested: the OS keychain through safeStorage where it really protects them. On Linux without a
// keyring, safeStorage falls back to `basic_text`, a key written in Chromium's source: that
// protects nothing, so secrets are then kept as in browser mode and the person is told why.
import type { SecretBox } from '../engine/profiles/profile-store';

/** The part of Electron's safeStorage this needs. */
export interface SafeStorageLike {
  isEncryptionAvailable(): boolean;
  encryptString(text: string): Buffer;
  decryptString(data: Buffer): string;
  /** Linux only: `basic_text`, `gnome_libsecret`, `kwallet`, … */
  getSelectedStorageBackend?(): string;
}

export interface SecretChoice {
  box?: SecretBox;
  /** Why secrets are not encrypted, in words for the person; absent when they are. */
  note?: string;
}

export function chooseSecretBox(storage: SafeStorageLike, platform: NodeJS.Platform): SecretChoice {
  if (!storage.isEncryptionAvailable()) return { note: 'The OS offers no encryption for saved passwords here: they are kept only until the app stops.' };
  const backend = platform === 'linux' ? storage.getSelectedStorageBackend?.() : undefined;
  if (backend === 'basic_text' || backend === 'unknown') {
    return { note: 'No keyring (such as GNOME Keyring or KWallet) is running: saved passwords would not really be encrypted, so they are kept only until the app stops.' };
  }
  return { box: { encrypt: (text) => storage.encryptString(text), decrypt: (data) => storage.decryptString(data) } };
}
