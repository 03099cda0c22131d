// The MQTT Scope UI as a person sees it: fields, buttons and regions found by role and name.
import { expect, type Locator, type Page } from '@playwright/test';

export interface ConnectionFields {
  host?: string;
  port?: number | string;
  version?: '3.1' | '3.1.1' | '5';
  clientId?: string;
  clean?: boolean;
  keepAlive?: string;
  username?: string;
  password?: string;
  willTopic?: string;
  willPayload?: string;
  willQos?: '0' | '1' | '2';
  willRetain?: boolean;
  /** `topic qos` lines, subscribed after the CONNACK. */
  subscriptions?: string;
}

export class ScopePage {
  readonly connack: Locator;
  readonly packets: Locator;
  /** The methods of every request the page sent to the browser-mode host, in order. */
  readonly sentRequests: string[] = [];

  constructor(readonly page: Page) {
    this.connack = page.getByRole('region', { name: 'CONNACK' });
    this.packets = page.getByRole('table', { name: 'Packets' });
    page.on('websocket', (socket) =>
      socket.on('framesent', (frame) => this.sentRequests.push((JSON.parse(String(frame.payload)) as { method: string }).method)),
    );
  }

  async open(url: string): Promise<void> {
    await this.page.goto(url);
    await expect(this.page.getByRole('button', { name: 'Connect', exact: true })).toBeEnabled();
  }

  /** Shows a view of the main area from the activity bar (`New connection`, `Broker`, `Lab`…). */
  async showView(name: string): Promise<void> {
    const button = this.page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name, exact: true });
    // Pressed even when shown already, as a person would: the view is then the person's choice,
    // which a page still reading its connections after a reload leaves alone.
    await button.click();
    await expect(button).toHaveAttribute('aria-pressed', 'true');
  }

  /** Opens the live-actions drawer on a tab (`Publish`, `Subscriptions`, `Topics`, `Payload`, `Plot`). */
  async openDrawer(tab: string): Promise<void> {
    const tabs = this.page.getByRole('tablist', { name: 'Live actions' });
    if (!(await tabs.isVisible())) await this.page.getByRole('button', { name: 'Live actions', exact: true }).first().click();
    await tabs.getByRole('tab', { name: tab, exact: true }).click();
    await expect(tabs.getByRole('tab', { name: tab, exact: true })).toHaveAttribute('aria-selected', 'true');
  }

  /** The navigator's row of a connection or session whose name starts with `label`. */
  navigatorItem(label: string | RegExp): Locator {
    const name = typeof label === 'string' ? new RegExp(`^${label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`) : label;
    return this.page.getByRole('tree', { name: 'Connections and sessions' }).getByRole('treeitem', { name });
  }

  async fill(fields: ConnectionFields): Promise<void> {
    const page = this.page;
    await this.showView('New connection');
    if (fields.version !== undefined) await page.getByLabel('MQTT version', { exact: true }).selectOption(fields.version);
    if (fields.host !== undefined) await page.getByLabel('Host', { exact: true }).fill(fields.host);
    if (fields.port !== undefined) await page.getByLabel('Port', { exact: true }).fill(String(fields.port));
    if (fields.clientId !== undefined) await page.getByLabel('Client ID', { exact: true }).fill(fields.clientId);
    if (fields.clean !== undefined) {
      const name = fields.version === '5' ? 'Clean start' : 'Clean session';
      await page.getByRole('checkbox', { name }).setChecked(fields.clean);
    }
    if (fields.keepAlive !== undefined) await page.getByLabel('Keep alive', { exact: true }).fill(fields.keepAlive);
    if (fields.username !== undefined) await page.getByLabel('Username', { exact: true }).fill(fields.username);
    if (fields.password !== undefined) await page.getByLabel('Password', { exact: true }).fill(fields.password);
    if ([fields.willTopic, fields.willPayload, fields.willQos, fields.willRetain].some((value) => value !== undefined)) await this.openSection('Will');
    if (fields.willTopic !== undefined) await page.getByLabel('Will topic', { exact: true }).fill(fields.willTopic);
    if (fields.willPayload !== undefined) await page.getByLabel('Will payload', { exact: true }).fill(fields.willPayload);
    if (fields.willQos !== undefined) await page.getByLabel('Will QoS', { exact: true }).selectOption(fields.willQos);
    if (fields.willRetain !== undefined) await page.getByRole('checkbox', { name: 'Will retain', exact: true }).setChecked(fields.willRetain);
    if (fields.subscriptions !== undefined) {
      await this.openSection('After connecting');
      await page.getByLabel('Subscribe to', { exact: true }).fill(fields.subscriptions);
    }
  }

  /** Opens a folded part of the connection form (`Will`, `MQTT 5 properties`, `After connecting`). */
  async openSection(summary: string): Promise<void> {
    const details = this.page.locator('form details').filter({ has: this.page.locator('summary', { hasText: summary }) });
    if (!(await details.evaluate((element) => (element as HTMLDetailsElement).open))) await details.locator('summary').click();
  }

  /** Presses Connect; `anyway` confirms past the form's warnings (a password over plain TCP…). */
  async connect({ anyway = false } = {}): Promise<void> {
    await this.showView('New connection');
    await this.page.getByRole('button', { name: 'Connect', exact: true }).click();
    if (anyway) await this.page.getByRole('button', { name: 'Connect anyway', exact: true }).click();
  }

  async disconnect(): Promise<void> {
    await this.page.getByRole('button', { name: 'Disconnect', exact: true }).click();
    await expect(this.page.getByRole('button', { name: 'Disconnect', exact: true })).toBeDisabled();
  }

  /** The value shown next to a CONNACK field (`Session present`, `Return code`, `Reason code`). */
  connackValue(name: string): Locator {
    return this.connack.locator('dt', { hasText: name }).locator('xpath=following-sibling::dd[1]');
  }

  packetRow(type: string, direction: 'Client → Broker' | 'Broker → Client'): Locator {
    return this.packets
      .getByRole('row')
      .filter({ has: this.page.getByRole('cell', { name: type, exact: true }) })
      .filter({ has: this.page.getByRole('cell', { name: direction, exact: true }) });
  }

  region(name: string): Locator {
    return this.page.getByRole('region', { name, exact: true });
  }

  /** The rows a group of the navigator holds (`This app`, `Local broker`, `Opened files`, `Past
   *  sessions`…): those drawn after its row, before the next top-level group's. */
  navigatorGroupItems(group: string): Locator {
    const quoted = JSON.stringify(group);
    return this.page
      .getByRole('tree', { name: 'Connections and sessions' })
      .locator(`xpath=./*[@role="treeitem"][@aria-level!="1"][preceding-sibling::*[@role="treeitem"][@aria-level="1"][1][starts-with(normalize-space(.), ${quoted})]]`);
  }

  /** Picks an entry (`Open`, `Close`, `Delete…`, `Save as pcapng…`) of the actions menu of the
   *  navigator's row whose name starts with `label`. */
  async navigatorAction(label: string | RegExp, action: string): Promise<void> {
    await this.navigatorItem(label).getByRole('button', { name: /^Actions for / }).click();
    await this.page.getByRole('menu', { name: /^Actions for / }).getByRole('menuitem', { name: action, exact: true }).click();
  }

  /** From outside every text field: j chooses the CONNECT, j again the CONNACK, k the CONNECT. */
  async stepThroughHandshakeWithJK(): Promise<void> {
    for (const [key, type] of [['j', 'CONNECT'], ['j', 'CONNACK'], ['k', 'CONNECT']] as const) {
      await this.page.keyboard.press(key);
      await expect(this.packets.getByRole('row', { selected: true })).toContainText(type);
    }
  }
}
