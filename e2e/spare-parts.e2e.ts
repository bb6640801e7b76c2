import { describe, expect, it } from 'vitest';
import { hasChromium, screenshot } from './browser.js';
import { useDemoJourney } from './journey.js';
import { intakeDevice, pickOption, pickTestId, quiet, takeStep } from './ui.js';

const PHONE = { width: 390, height: 844 };

interface Asset {
  id: number;
  serialNumber: string;
  model: string;
  siteId: number | null;
}

interface Level {
  onHand: number;
  reserved: number;
  faulty: number;
  available: number;
}

interface Rma {
  id: number;
  number: string;
  state: string;
  serial: string | null;
  ticketId: number | null;
}

/**
 * Spare parts (issue 7) in the flow of a hardware fault: the hotline sees that the customer's
 * on-site store holds a spare for the failed device, so the 4-hour hardware clock runs; the
 * dispatcher reserves the spare for the visit; the engineer, on the phone, takes it out, fits it
 * and brings the failed part back as faulty; the storekeeper sends that part to the vendor (RMA)
 * and takes it back repaired into the store — the fault's timeline keeping each step.
 */
describe.skipIf(!hasChromium)('spare parts journey', () => {
  const journey = useDemoJourney();
  const { signedIn, api } = journey;
  const url = (path: string) => `${journey.server.url}${path}`;

  it('reserves the on-site spare for the visit, fits it, returns the failed part, and gets it back repaired from the vendor', async () => {
    // The storekeeper keeps a power supply for the customer's server model in its on-site store.
    const keeper = await signedIn('huangli');
    const customer = (await api<{ items: { id: number }[] }>(keeper, '/api/customers?q=WHSY')).items[0]!;
    const asset = (await api<{ items: Asset[] }>(keeper, `/api/assets?customerId=${customer.id}&category=server&limit=1`)).items[0]!;
    const vendor = (await api<{ items: { id: number; name: string }[] }>(keeper, '/api/vendors?q=Huawei&limit=5')).items[0]!;
    const partNumber = '02312PSU-900W';
    const part = await api<{ id: number }>(keeper, '/api/parts', { partNumber, vendor: 'Huawei', description: '900W 交流电源模块', unit: '个', serialTracked: true, models: [asset.model] });
    const store = await api<{ id: number; name: string }>(keeper, '/api/stores', { name: '武汉三院现场备件库(PSU)', kind: 'site', customerId: customer.id, ...(asset.siteId !== null && { siteId: asset.siteId }) });
    const spares = [`PSU${Date.now()}A`, `PSU${Date.now()}B`];
    await api(keeper, '/api/stock/receipts', { storeId: store.id, partId: part.id, qty: 2, serials: spares, reason: '现场备件首批到货' });
    const lineKey = `${part.id}-${store.id}`;
    const level = async () => (await api<{ items: Level[] }>(keeper, `/api/stock?storeId=${store.id}&partId=${part.id}`)).items[0];

    // The hotline: the serial brings up the device and says a spare is on site.
    const agent = await signedIn('chenjing');
    await agent.goto(url('/tickets/new'));
    await agent.getByTestId('intake-caller').fill('徐明');
    await intakeDevice(agent, asset.serialNumber);
    await agent.getByTestId('intake-kind-fault').click();
    await agent.getByTestId('intake-grade-general').click();
    await agent.locator('[data-testid="intake-spare-on-site"][data-available="1"]').waitFor();
    await agent.getByTestId('intake-title').fill('HIS 数据库服务器电源模块告警,单电源运行');
    await agent.getByTestId('intake-save').click();
    await agent.getByTestId('intake-success-link').first().click();
    await agent.waitForURL(/\/tickets\/\d+$/);
    const ticketId = Number(/\/tickets\/(\d+)$/.exec(agent.url())![1]);
    const clocks = await api<{ items: { kind: string; state: string }[] }>(agent, `/api/tickets/${ticketId}/clocks`);
    expect(clocks.items.map((c) => c.kind)).toContain('hardware_restore');

    // The dispatcher sends zhangwei and reserves the spare for the visit.
    await agent.getByTestId('dispatch-create').click();
    await agent.getByTestId('dispatch-engineers').click();
    await agent.keyboard.type('zhangwei');
    await pickOption(agent, 'zhangwei');
    await agent.keyboard.press('Escape');
    await agent.getByTestId('dispatch-submit').click();
    const visitRow = agent.locator('[data-testid^="dispatch-"][data-state="planned"]').first();
    await visitRow.waitFor();
    const visit = (await api<{ items: { id: number; number: string }[] }>(agent, `/api/tickets/${ticketId}/dispatches`)).items[0]!;
    await agent.getByTestId(`dispatch-parts-${visit.id}`).getByTestId('parts-reserve-open').click();
    await agent.getByTestId('parts-reserve-store').click();
    await pickTestId(agent, `store-option-${store.id}`);
    await agent.getByTestId('parts-reserve-part').click();
    // The part fitting the device's model comes first, marked as fitting.
    await pickTestId(agent, `part-option-${part.id}`);
    await agent.getByTestId('parts-reserve-submit').click();
    await agent.locator(`[data-testid="visit-part-${lineKey}"][data-reserved="1"]`).waitFor();
    expect(await level()).toMatchObject({ onHand: 2, reserved: 1, available: 1 });

    // On the phone, the engineer goes, takes the spare out of the on-site store, fits it, and
    // brings the failed module back as faulty under its serial.
    const engineer = await signedIn('zhangwei', { viewport: PHONE });
    await engineer.goto(url(`/field/visits/${visit.id}`));
    await takeStep(engineer, 'depart');
    await engineer.locator('[data-testid="visit-state"][data-state="en_route"]').waitFor();
    await takeStep(engineer, 'arrive');
    await engineer.locator('[data-testid="visit-state"][data-state="on_site"]').waitFor();
    const line = engineer.getByTestId(`visit-part-${lineKey}`);
    await engineer.getByTestId(`part-issue-${lineKey}`).click();
    await engineer.getByTestId('part-step-submit').click();
    await engineer.locator(`[data-testid="visit-part-${lineKey}"][data-issued="1"]`).waitFor();
    await engineer.getByTestId(`part-use-${lineKey}`).click();
    await engineer.getByTestId('part-step-submit').click();
    await engineer.locator(`[data-testid="visit-part-${lineKey}"][data-used="1"]`).waitFor();
    const failed = `2102PSU${Date.now()}`;
    await engineer.getByTestId(`part-return-faulty-${lineKey}`).click();
    await engineer.getByTestId('part-step-serials').click();
    await engineer.keyboard.type(failed);
    await engineer.keyboard.press('Enter');
    await engineer.getByTestId('part-step-reason').fill('电源模块无输出,指示灯红色');
    await engineer.getByTestId('part-step-submit').click();
    await engineer.locator(`[data-testid="visit-part-${lineKey}"][data-returned-faulty="1"]`).waitFor();
    await line.getByTestId(`visit-unit-${failed}`).waitFor();
    expect(await line.getByTestId(`visit-unit-${failed}`).getAttribute('data-state')).toBe('faulty');
    await quiet(engineer);
    await line.scrollIntoViewIfNeeded();
    await screenshot(engineer, 'parts-visit');
    expect(await level()).toMatchObject({ onHand: 1, reserved: 0, faulty: 1, available: 1 });

    // The storekeeper sends the failed module to the vendor under its case number.
    await keeper.goto(url('/parts/rma'));
    await keeper.getByTestId('rma-new').click();
    await keeper.getByTestId('rma-vendor').click();
    await keeper.keyboard.type(vendor.name);
    await pickOption(keeper, vendor.name);
    await keeper.getByTestId('rma-store').click();
    await pickTestId(keeper, `store-option-${store.id}`);
    await keeper.getByTestId('rma-part').click();
    await keeper.keyboard.type(partNumber);
    await pickTestId(keeper, `part-option-${part.id}`);
    await keeper.getByTestId('rma-serial').click();
    await pickOption(keeper, failed);
    await keeper.getByTestId('rma-case-number').fill('HW-RMA-20261125-0815');
    const posted = keeper.waitForResponse((r) => r.url().endsWith('/api/rma') && r.request().method() === 'POST');
    await keeper.getByTestId('rma-submit').click();
    expect((await posted).status()).toBe(201);
    const sent = (await api<{ items: Rma[] }>(keeper, '/api/rma?state=open&limit=50')).items.find((r) => r.serial === failed);
    expect(sent).toMatchObject({ state: 'sent', ticketId });
    const row = keeper.getByTestId(`rma-row-${sent!.id}`);
    await row.waitFor();
    expect(await row.getAttribute('data-state')).toBe('sent');
    expect(await level()).toMatchObject({ onHand: 1, faulty: 0, available: 1 });
    await quiet(keeper);
    await screenshot(keeper, 'parts-rma');

    // The repaired module comes back into the on-site store.
    await keeper.getByTestId(`rma-receive-${sent!.id}`).click();
    await keeper.getByTestId('rma-receive-outcome-repaired').click();
    await keeper.getByTestId('rma-receive-submit').click();
    await keeper.locator(`[data-testid="rma-row-${sent!.id}"]`).waitFor({ state: 'detached' });
    expect((await api<Rma>(keeper, `/api/rma/${sent!.id}`)).state).toBe('received_repaired');
    expect(await level()).toMatchObject({ onHand: 2, reserved: 0, faulty: 0, available: 2 });
    const units = (await api<{ items: { serial: string; state: string; storeId: number }[] }>(keeper, `/api/stock/units?partId=${part.id}`)).items;
    expect(units.find((u) => u.serial === failed)).toMatchObject({ state: 'in_stock', storeId: store.id });

    // The store's page shows the part back at two; the fault's timeline has every step.
    await keeper.goto(url(`/parts/stores/${store.id}`));
    await keeper.getByText(partNumber).first().waitFor();
    await quiet(keeper);
    await screenshot(keeper, 'parts-store');
    await agent.goto(url(`/tickets/${ticketId}`));
    for (const type of ['parts', 'rma']) await agent.getByTestId(`event-${type}`).first().waitFor();
    expect(await agent.getByTestId('event-parts').count()).toBe(3);
    expect(await agent.getByTestId('event-rma').count()).toBe(2);
  });

  it('finds a part in the catalogue by its number, and closes and reopens a store from the register', async () => {
    const keeper = await signedIn('huangli');
    await api(keeper, '/api/parts', { partNumber: '02350CFV-FAN', vendor: 'Huawei', description: '风扇模块', unit: '个' });
    const store = await api<{ id: number; name: string }>(keeper, '/api/stores', { name: '临时项目备件库', kind: 'central' });
    await keeper.goto(url('/parts/catalogue'));
    await keeper.getByTestId('parts-search').locator('input').fill('02350CFV-FAN');
    await keeper.getByTestId('parts-search').locator('input').press('Enter');
    await keeper.getByTestId('part-row-02350CFV-FAN').waitFor();
    await expect.poll(() => keeper.getByTestId('parts-table').locator('tbody tr.ant-table-row').count()).toBe(1);
    await keeper.getByTestId('parts-search').locator('input').fill('NO-SUCH-PART-42');
    await keeper.getByTestId('parts-search').locator('input').press('Enter');
    await keeper.getByTestId('parts-table').locator('.ant-empty').waitFor();

    await keeper.goto(url('/parts/stores'));
    await keeper.getByTestId(`store-close-${store.id}`).click();
    await keeper.getByTestId('confirm-ok').click();
    await keeper.getByTestId(`store-row-${store.name}`).waitFor({ state: 'detached' });
    await keeper.getByTestId('stores-filter-all').click();
    await keeper.getByTestId(`store-reopen-${store.id}`).click();
    await keeper.getByTestId(`store-close-${store.id}`).waitFor();
    expect((await api<{ active: boolean }>(keeper, `/api/stores/${store.id}`)).active).toBe(true);
  });

  it('shows the demo’s stores below their minimum, and the loaners out at customers’ sites', async () => {
    const keeper = await signedIn('huangli');
    await keeper.goto(url('/parts'));
    await keeper.getByTestId('stock-table').locator('[data-below]').first().waitFor();
    const filtered = keeper.waitForResponse((r) => r.url().includes('/api/stock?') && r.url().includes('belowMinimum=true'));
    await keeper.getByTestId('stock-filter-below').click();
    await filtered;
    const table = keeper.getByTestId('stock-table');
    await expect.poll(() => table.locator('[data-below="0"]').count()).toBe(0);
    await table.locator('[data-below="1"]').first().waitFor();
    await quiet(keeper);
    await screenshot(keeper, 'parts-stock');

    await keeper.goto(url('/parts/loans'));
    const lent = keeper.getByTestId('loan-table').locator('[data-state="open"]');
    await lent.first().waitFor();
    expect(await keeper.getByTestId('loan-table').locator('[data-state="returned"]').count()).toBe(0);
    await screenshot(keeper, 'parts-loans');
  });
});
