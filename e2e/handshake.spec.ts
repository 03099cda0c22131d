// The first slice end to end: a real broker, the real UI, CONNECT and CONNACK on screen.
import { expect, test } from './fixtures';

test.describe('against mosquitto', () => {
  test('a persistent session: session present 0 on the first connect, 1 after reconnecting', async ({ scope, mosquitto }) => {
    const broker = await mosquitto();
    await scope.fill({ host: broker.host, port: broker.port, clientId: 'e2e-persistent', clean: false });

    await scope.connect();
    await expect(scope.connackValue('Return code')).toContainText('Connection accepted');
    await expect(scope.connackValue('Session present')).toContainText('no');
    await expect(scope.packetRow('CONNECT', 'Client → Broker')).toHaveCount(1);
    await expect(scope.packetRow('CONNACK', 'Broker → Client')).toHaveCount(1);

    await scope.disconnect();
    await expect(scope.packetRow('DISCONNECT', 'Client → Broker')).toHaveCount(1);

    await scope.connect();
    await expect(scope.connackValue('Session present')).toContainText('yes');
    await expect(scope.connackValue('Return code')).toContainText('0 Connection accepted');
  });

  test('a wrong password is refused, with the code and its meaning', async ({ scope, mosquitto }) => {
    const broker = await mosquitto([{ username: 'alice', password: 'right-password' }]);
    await scope.fill({ host: broker.host, port: broker.port, clientId: 'e2e-auth', username: 'alice', password: 'wrong-password' });

    await scope.connect();
    // mosquitto 2.0 answers a wrong password with 5 (not authorized), not 4.
    await expect(scope.connackValue('Return code')).toHaveText('5 Connection refused, not authorized');
    await expect(scope.page.getByRole('status', { name: 'Connection status' })).toContainText('Refused by the broker');
    await expect(scope.page.getByRole('alert', { name: 'Diagnosis' })).toContainText('mosquitto answers 5 to a wrong password');
  });

  test('MQTT 5: a wrong password shows the v5 reason code name', async ({ scope, mosquitto }) => {
    const broker = await mosquitto([{ username: 'alice', password: 'right-password' }]);
    await scope.fill({ version: '5', host: broker.host, port: broker.port, clientId: 'e2e-auth-v5', username: 'alice', password: 'nope' });

    await scope.connect();
    await expect(scope.connackValue('Reason code')).toHaveText('0x87 Not authorized');
  });
});

test('MQTT 5: the CONNACK card shows what was granted next to what was asked', async ({ scope, mosquitto }) => {
  const broker = await mosquitto();
  await scope.fill({ version: '5', host: broker.host, port: broker.port, clientId: '' });
  await scope.connect();
  await expect(scope.connackValue('Reason code')).toHaveText('0x00 Success');
  const table = scope.connack.getByRole('table', { name: 'CONNECT and CONNACK properties' });
  // Each side's own limit, not asked → granted: the client sent none (the default stands for it), mosquitto sent its own.
  const limits = table.getByRole('rowgroup', { name: 'Each side’s own limit' });
  await expect(limits.getByRole('row', { name: /Receive Maximum/ }).getByRole('cell')).toHaveText(['65,535 (default)', '20']);
  await expect(limits.getByRole('row', { name: /Topic Alias Maximum/ }).getByRole('cell')).toHaveText(['0 (default): no topic aliases', '10']);
  await expect(table.getByRole('row', { name: /Client identifier/ })).toContainText(/empty: the broker is to assign one.*auto-.*\(Assigned Client Identifier\)/);
  // What mosquitto did not send is said in words, never a dash.
  await expect(table.getByRole('row', { name: /Session Expiry Interval/ })).toContainText('not sent:');
  await expect(table.getByRole('cell', { name: '—', exact: true })).toHaveCount(0);
});

test.describe('against the embedded Aedes broker', () => {
  test('an MQTT 5 CONNECT is refused in the 3.1.1 form with return code 1', async ({ scope, aedes }) => {
    const broker = await aedes();
    await scope.fill({ version: '5', host: broker.host, port: broker.port, clientId: 'e2e-aedes-v5' });
    await scope.connect();
    await expect(scope.connackValue('Return code')).toHaveText('1 Connection refused, unacceptable protocol version');
    await expect(scope.connackValue('Session present')).toContainText('no');
  });

  test('a wrong password is refused with return code 4', async ({ scope, aedes }) => {
    const broker = await aedes({ users: [{ username: 'bob', password: 'secret' }] });
    await scope.fill({ host: broker.host, port: broker.port, clientId: 'e2e-aedes-auth', username: 'bob', password: 'guess' });
    await scope.connect();
    await expect(scope.connackValue('Return code')).toHaveText('4 Connection refused, bad user name or password');
  });
});

test('nothing listening: the failure is said in words', async ({ scope, aedes }) => {
  const broker = await aedes();
  await broker.close();
  await scope.fill({ host: '127.0.0.1', port: broker.port });
  await scope.connect();
  const diagnosis = scope.region('Diagnosis');
  await expect(diagnosis).toContainText('TCP: Nothing is listening on that port');
  await expect(diagnosis).toContainText(`Nothing is listening on 127.0.0.1:${broker.port}`);
  await expect(diagnosis).toContainText('Is the broker running?');
  // A refused TCP connection reads as failed, at its layer, and nothing waits any more.
  await expect(scope.page.getByRole('status', { name: 'Connection status' })).toContainText('Failed at TCP');
  await expect(scope.connack).toContainText('No CONNACK: the connection ended before a CONNECT was sent, at the TCP layer.');
  await expect(scope.connack).not.toContainText(/[Ww]aiting/);
  await expect(scope.packets).toContainText('No packets: the connection ended before any was sent.');
});

test('a packet opens as a field tree beside its bytes, the password masked in both', async ({ scope, mosquitto }) => {
  const broker = await mosquitto([{ username: 'alice', password: 'right-password' }]);
  await scope.fill({ host: broker.host, port: broker.port, clientId: 'e2e-tree', username: 'alice', password: 'right-password' });
  await scope.connect();
  await expect(scope.connackValue('Return code')).toHaveText('0 Connection accepted');

  await scope.packetRow('CONNECT', 'Client → Broker').click();
  const details = scope.region('Packet details');
  await expect(details.getByRole('heading', { name: 'CONNECT packet' })).toBeVisible();
  await expect(details.getByText('Client ID: e2e-tree')).toBeVisible();
  await expect(details.getByText('Password: ••••••')).toBeVisible();
  // The dump shows the client id's bytes ("e2e-tree") but not the password's ("right-password").
  const dump = (await details.getByRole('grid', { name: 'Hex dump' }).getByRole('gridcell').allTextContents()).join('');
  expect(dump).toContain(Buffer.from('e2e-tree').toString('hex'));
  expect(dump).not.toContain(Buffer.from('right-password').toString('hex'));
  expect(dump.endsWith('••'.repeat('right-password'.length))).toBe(true);
});
