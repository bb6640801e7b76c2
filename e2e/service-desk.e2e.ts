import { describe, expect, it } from 'vitest';
import { hasChromium, screenshot } from './browser.js';
import { useDemoJourney } from './journey.js';
import { intakeDevice } from './ui.js';

/**
 * The service-desk journey (issue 4): an agent takes a call, types a serial number and opens a
 * major fault routed to a team; the engineer sees it appear without reloading, replies and adds an
 * internal note; the customer's contact sees the reply but not the note.
 */
describe.skipIf(!hasChromium)('service desk journey', () => {
  const journey = useDemoJourney();
  const { signedIn, api } = journey;

  it('takes a call, opens a major fault for a team, and keeps internal notes from the customer', async () => {
    const agent = await signedIn('wangfang');
    const engineer = await signedIn('zhangwei');
    const contact = await signedIn('whsy.xu');

    // What the demo holds: the hospital's servers and the server & storage team.
    const customer = (await api<{ items: { id: number }[] }>(agent, '/api/customers?q=WHSY')).items[0]!;
    const asset = (await api<{ items: { serialNumber: string }[] }>(agent, `/api/assets?customerId=${customer.id}&category=server&limit=1`)).items[0]!;
    const team = (await api<{ items: { id: number; name: string }[] }>(agent, '/api/teams?limit=50')).items.find((t) => t.name === '服务器与存储组')!;

    // The engineer watches the team's queue while the call comes in.
    await engineer.goto(`${journey.server.url}/tickets`);
    await engineer.getByTestId('queue-team').click();
    await engineer.getByTestId('tickets-table').waitFor();

    await agent.goto(`${journey.server.url}/tickets/new`);
    await agent.getByTestId('intake-caller').fill('徐明');
    await intakeDevice(agent, asset.serialNumber);
    await agent.getByTestId('intake-kind-fault').click();
    await agent.getByTestId('intake-grade-major').click();
    await agent.getByTestId('intake-title').fill('HIS 数据库服务器宕机');
    await agent.getByTestId('intake-description').fill('门诊挂号系统无法登录,服务器无法 ping 通。');
    await agent.getByTestId('intake-team').click();
    await agent.getByTestId(`team-option-${team.id}`).click();
    await agent.waitForTimeout(400);
    await agent.evaluate('window.scrollTo(0, 0)');
    await screenshot(agent, 'hotline-intake');
    await agent.keyboard.press('Control+Enter');
    const success = agent.getByTestId('intake-success');
    await success.waitFor();
    const number = /GZ-\d{8}-\d{4}/.exec((await success.textContent()) ?? '')?.[0];
    expect(number).toBeTruthy();

    // It appears in the engineer's queue without a reload.
    await engineer.getByTestId(`ticket-row-${number}`).waitFor();
    await screenshot(engineer, 'queue');
    await engineer.getByTestId(`ticket-row-${number}`).click();
    await engineer.getByTestId('ticket-number').getByText(number!).waitFor();
    // Staff write internal notes unless they choose to reply to the customer.
    await engineer.getByTestId('composer-mode-reply').click();
    await engineer.getByTestId('composer-input').fill('已远程确认服务器掉电,工程师 30 分钟内到场。');
    await engineer.getByTestId('composer-send').click();
    await engineer.getByTestId('ticket-timeline').getByText('工程师 30 分钟内到场').waitFor();
    await engineer.getByTestId('composer-mode-note').click();
    await engineer.getByTestId('composer-input').fill('UPS 旁路告警,需联系动环厂家。');
    await engineer.getByTestId('composer-send').click();
    await engineer.getByTestId('ticket-timeline').getByText('UPS 旁路告警').waitFor();
    await screenshot(engineer, 'ticket');

    // The customer's contact sees the reply, not the note.
    const ticketUrl = engineer.url();
    await contact.goto(ticketUrl);
    await contact.getByTestId('ticket-timeline').getByText('工程师 30 分钟内到场').waitFor();
    expect(await contact.getByTestId('ticket-timeline').getByText('UPS 旁路告警').count()).toBe(0);
    expect(await contact.getByTestId('composer-mode-note').count()).toBe(0);
    await screenshot(contact, 'ticket-customer');
  });
});
