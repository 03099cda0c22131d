// The Broker panel's access control: an ACL that does not read is shown with its line numbers
// next to the text area and cannot start the broker; a working one refuses a SUBSCRIBE on the
// wire and the broker's events say which line did.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { expect, test } from './fixtures';

const run = promisify(execFile);

test('an ACL that does not read shows its errors by line; a working one refuses a SUBSCRIBE and says which line', async ({ scope }) => {
  await scope.showView('Broker');
  const panel = scope.region('Broker');
  const acl = panel.getByLabel('Access control (ACL)', { exact: true });
  await acl.fill('topic readwrite #\ntopic maybe test/nosubscribe x\nsubscribe a\n');
  const errors = panel.getByRole('list', { name: 'ACL errors' });
  await expect(errors.getByRole('listitem')).toHaveText([
    'Line 2: "maybe" is not an access; write read, write, readwrite or deny',
    'Line 3: "subscribe" is not an ACL line; write topic, pattern or user',
  ]);
  await expect(acl).toHaveAttribute('aria-invalid', 'true');
  await expect(panel.getByRole('button', { name: 'Start broker' })).toBeDisabled();

  await acl.fill('topic readwrite #\ntopic deny test/nosubscribe\n');
  await expect(errors).toHaveCount(0);
  await panel.getByRole('button', { name: 'Start broker' }).click();
  const port = /127\.0\.0\.1:(\d+)/.exec((await panel.locator('code').textContent())!)![1];

  const refused = await run('mosquitto_sub', ['-h', '127.0.0.1', '-p', port, '-i', 'e2e-sub', '-t', 'test/nosubscribe', '-d', '-E']).catch((error: { stdout: string }) => error);
  expect(refused.stdout).toMatch(/Subscribed \(mid: 1\): 128/);
  const granted = await run('mosquitto_sub', ['-h', '127.0.0.1', '-p', port, '-i', 'e2e-ok', '-t', 'test/+', '-d', '-E']);
  expect(granted.stdout).toMatch(/Subscribed \(mid: 1\): 0/);

  const events = panel.getByRole('list', { name: 'Broker events' });
  await expect(events).toContainText('refused SUBSCRIBE to test/nosubscribe for client e2e-sub: ACL line 2');
  await expect(events).toContainText('allowed SUBSCRIBE to test/+ for client e2e-ok: ACL line 1');
});
