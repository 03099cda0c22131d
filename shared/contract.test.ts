import { describe, expect, it } from 'vitest';
import { REQUEST_NAMES, requestSchemas } from './contract';
import { appRequests } from './contract/app';
import { brokerRequests } from './contract/broker';
import { connectionRequests } from './contract/connections';
import { fileRequests } from './contract/files';
import { labRequests } from './contract/lab';
import { profileRequests } from './contract/profiles';
import { proxyRequests } from './contract/proxy';
import { captureRequests } from './contract/capture';
import { sessionRequests } from './contract/sessions';

describe('the contract by feature', () => {
  it('each request belongs to one feature, and the combined map holds every one of them', () => {
    const features = [appRequests, connectionRequests, brokerRequests, proxyRequests, captureRequests, profileRequests, sessionRequests, fileRequests, labRequests];
    const names = features.flatMap((feature) => Object.keys(feature));
    expect(new Set(names).size).toBe(names.length);
    expect([...names].sort()).toEqual([...REQUEST_NAMES].sort());
    for (const feature of features) for (const [name, schema] of Object.entries(feature)) expect(requestSchemas[name as keyof typeof requestSchemas]).toBe(schema);
  });
});
