// The app itself: what it is and where it keeps its data, what closing it does, and what runs
// locally (the broker, the proxy).
import type { AppInfo } from '@shared/contract';
import type { appRequests } from '@shared/contract/app';
import type { AppSettingsFile } from '../app-settings';
import type { SecretBox } from '../profiles/profile-store';
import type { BrokerFeature } from './broker';
import type { FeatureHandlers } from './handlers';
import type { ProxyFeature } from './proxy';

const BROWSER_SECRETS_NOTE = 'No OS keychain here (browser mode): saved passwords are kept only until the app stops.';

export interface AppFacts {
  host: AppInfo['host'];
  dataDir: string;
  version: string;
  secretBox?: SecretBox;
  secretsNote?: string;
}

export class AppFeature {
  constructor(
    private readonly facts: AppFacts,
    private readonly settings: AppSettingsFile,
    private readonly local: { broker: BrokerFeature; proxy: ProxyFeature },
  ) {}

  readonly handlers: FeatureHandlers<typeof appRequests> = {
    'app.info': async () => ({ version: this.facts.version, host: this.facts.host, dataDir: this.facts.dataDir, secretsEncrypted: this.facts.secretBox !== undefined, ...(this.facts.secretBox ? {} : { secretsNote: this.facts.secretsNote ?? BROWSER_SECRETS_NOTE }) }),
    'app.settings': async ({ onQuit }) => (onQuit === undefined ? this.settings.value : this.settings.update({ onQuit })),
    'local.status': async () => {
      const broker = this.local.broker.local;
      const proxy = this.local.proxy.local;
      return {
        ...(broker ? { broker: { kind: broker.kind, host: broker.running.host, port: broker.running.port } } : {}),
        ...(proxy ? { proxy } : {}),
      };
    },
  };
}
