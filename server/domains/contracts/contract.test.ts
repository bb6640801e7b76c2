import { expect, it } from 'vitest';
import { describeEachEngine } from '../../test/engines.js';
import { unique, useHarness } from '../../test/harness.js';

describeEachEngine('contracts', (db) => {
  const h = useHarness(db);

  it('records a contract with periods, coverage, inspections, spares, hand-over and engineers (R12, R14)', async () => {
    const manager = await h().user(['manager']);
    const owner = await h().user(['engineer'], { displayName: '张伟' });
    const resident = await h().user(['engineer'], { displayName: '吴敏' });
    const { customer } = await h().customerWithContact();
    const number = unique('WB-2026-').toUpperCase();
    const res = await h().request({
      method: 'POST',
      url: '/api/contracts',
      cookie: manager.cookie,
      payload: {
        customerId: customer.id,
        number,
        name: '数据中心维保项目',
        serviceStart: '2026-01-01',
        serviceEnd: '2028-12-31',
        warrantyStart: '2026-01-01',
        warrantyEnd: '2028-12-31',
        coverage: 'business_hours',
        inspectionFrequency: 'monthly',
        inspectionContent: '环境、硬件、软件三方面巡检',
        sparesOnSite: true,
        handedOverOn: '2026-02-15',
        ownerEngineerId: owner.user.id,
        residentEngineerIds: [resident.user.id],
      },
    });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({
      number,
      customerName: customer.name,
      coverage: 'business_hours',
      inspectionFrequency: 'monthly',
      sparesOnSite: true,
      handedOverOn: '2026-02-15',
      status: 'active',
      residentEngineerIds: [resident.user.id],
    });
    expect(res.json().engineers.map((e: { displayName: string }) => e.displayName).sort()).toEqual(['吴敏', '张伟']);
  });

  it('refuses periods that end before they start, impossible dates, a taken number and disabled engineers', async () => {
    const admin = await h().user(['admin']);
    const { customer } = await h().customerWithContact();
    const base = { customerId: customer.id, number: unique('C-'), name: 'x', serviceStart: '2026-01-01', serviceEnd: '2026-12-31' };
    const post = (payload: object) => h().request({ method: 'POST', url: '/api/contracts', cookie: admin.cookie, payload: { ...base, ...payload } });
    const backwards = await post({ serviceEnd: '2025-12-31' });
    expect(backwards.json().error).toMatchObject({ code: 'invalid_period', message: 'The service period ends before it starts.' });
    const zh = await h().request({ method: 'POST', url: '/api/contracts', cookie: admin.cookie, payload: { ...base, warrantyStart: '2026-05-01', warrantyEnd: '2026-04-01' }, lang: 'zh-CN' });
    expect(zh.json().error.message).toBe('质保期的结束日期早于开始日期。');
    expect((await post({ serviceEnd: '2026-02-31' })).json().error.code).toBe('invalid_date');
    const gone = await h().user(['engineer']);
    await h().request({ method: 'POST', url: `/api/users/${gone.user.id}/disable`, cookie: admin.cookie });
    expect((await post({ ownerEngineerId: gone.user.id })).json().error.code).toBe('engineer_invalid');
    expect((await post({})).statusCode).toBe(201);
    const taken = await post({});
    expect(taken.statusCode).toBe(409);
    expect(taken.json().error.code).toBe('contract_number_taken');
  });

  it('derives upcoming, active and expired from the service period and filters by it', async () => {
    const manager = await h().user(['manager']);
    const { customer } = await h().customerWithContact();
    const make = (serviceStart: string, serviceEnd: string) =>
      h().request({ method: 'POST', url: '/api/contracts', cookie: manager.cookie, payload: { customerId: customer.id, number: unique('S-'), name: 'x', serviceStart, serviceEnd } });
    await make('2027-01-01', '2027-12-31');
    await make('2026-01-01', '2026-11-24');
    await make('2024-01-01', '2025-12-31');
    const statuses = async (status?: string) =>
      (await h().request({ method: 'GET', url: `/api/contracts?customerId=${customer.id}${status ? `&status=${status}` : ''}`, cookie: manager.cookie })).json().items.map((c: { status: string }) => c.status);
    expect((await statuses()).sort()).toEqual(['active', 'expired', 'upcoming']);
    expect(await statuses('active')).toEqual(['active']);
    expect(await statuses('expired')).toEqual(['expired']);
    expect(await statuses('upcoming')).toEqual(['upcoming']);
  });

  it('lets only managers and administrators change contracts', async () => {
    const dispatcher = await h().user(['dispatcher']);
    const { contract } = await h().customerFile();
    const res = await h().request({ method: 'PATCH', url: `/api/contracts/${contract.id}`, cookie: dispatcher.cookie, payload: { name: 'x' } });
    expect(res.statusCode).toBe(403);
    expect((await h().request({ method: 'GET', url: `/api/contracts/${contract.id}`, cookie: dispatcher.cookie })).json().name).toBe(contract.name);
  });
});

describeEachEngine('contacts, sites and customer files', (db) => {
  const h = useHarness(db);

  it('opens and edits a customer file with its details and record counts', async () => {
    const agent = await h().user(['agent']);
    const code = unique('wh').toUpperCase();
    const created = await h().request({ method: 'POST', url: '/api/customers', cookie: agent.cookie, payload: { code: code.toLowerCase(), name: '武汉市第三医院', industry: '医疗', address: '武汉市洪山区', phone: '027-68890000' } });
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({ code, industry: '医疗' });
    const id = created.json().id;
    const edited = await h().request({ method: 'PATCH', url: `/api/customers/${id}`, cookie: agent.cookie, payload: { notes: '三甲医院' } });
    expect(edited.json().notes).toBe('三甲医院');
    expect((await h().request({ method: 'GET', url: `/api/customers/${id}`, cookie: agent.cookie })).json().counts).toEqual({ contacts: 0, sites: 0, contracts: 0, assets: 0 });
  });

  it('keeps contacts with the designated-technician flag and finds a caller by phone prefix or name', async () => {
    const agent = await h().user(['agent']);
    const { customer } = await h().customerWithContact();
    const phone = `139${String(Math.floor(Math.random() * 1e8)).padStart(8, '0')}`;
    const res = await h().request({
      method: 'POST',
      url: '/api/contacts',
      cookie: agent.cookie,
      payload: { customerId: customer.id, name: '罗建国', position: '信息科科长', mobile: phone, email: 'luo@example.com', wechat: 'luojg', isDesignatedTechnician: true },
    });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ isDesignatedTechnician: true, customerName: customer.name, userId: null });
    const byPhone = (await h().request({ method: 'GET', url: `/api/contacts?q=${phone.slice(0, 7)}`, cookie: agent.cookie })).json().items;
    expect(byPhone.map((c: { id: number }) => c.id)).toContain(res.json().id);
    const byName = (await h().request({ method: 'GET', url: `/api/contacts?q=${encodeURIComponent('建国')}&customerId=${customer.id}`, cookie: agent.cookie })).json().items;
    expect(byName.map((c: { name: string }) => c.name)).toEqual(['罗建国']);
    const bad = await h().request({ method: 'POST', url: '/api/contacts', cookie: agent.cookie, payload: { customerId: customer.id, name: 'x', email: 'not-an-email' } });
    expect(bad.json().error.code).toBe('validation_failed');
  });

  it('gives a contact a portal account bound to its customer, once', async () => {
    const agent = await h().user(['agent']);
    const { customer, person } = await h().customerFile();
    const username = unique('portal');
    const res = await h().request({ method: 'POST', url: `/api/contacts/${person.id}/portal-account`, cookie: agent.cookie, payload: { username, locale: 'zh-CN' } });
    expect(res.statusCode).toBe(201);
    const { user, initialPassword } = res.json();
    expect(user).toMatchObject({ username, roles: ['customer_contact'], customerId: customer.id, displayName: person.name });
    expect((await h().request({ method: 'GET', url: `/api/contacts/${person.id}`, cookie: agent.cookie })).json()).toMatchObject({ userId: user.id, username });
    const cookie = await h().signIn(username, initialPassword);
    expect((await h().request({ method: 'GET', url: '/api/me', cookie })).json().customerId).toBe(customer.id);
    const again = await h().request({ method: 'POST', url: `/api/contacts/${person.id}/portal-account`, cookie: agent.cookie, payload: { username: unique('p2') } });
    expect(again.json().error.code).toBe('contact_has_account');
  });

  it('keeps sites with their machine rooms, unique by name per customer', async () => {
    const agent = await h().user(['agent']);
    const { customer } = await h().customerWithContact();
    const res = await h().request({ method: 'POST', url: '/api/sites', cookie: agent.cookie, payload: { customerId: customer.id, name: '灾备中心', address: '武汉市东西湖区', rooms: ['1F 灾备机房', '2F 配电室'] } });
    expect(res.statusCode).toBe(201);
    expect(res.json().rooms).toEqual(['1F 灾备机房', '2F 配电室']);
    const dup = await h().request({ method: 'POST', url: '/api/sites', cookie: agent.cookie, payload: { customerId: customer.id, name: '灾备中心' } });
    expect(dup.json().error.code).toBe('site_name_taken');
    const other = await h().customerWithContact();
    const elsewhere = await h().request({ method: 'POST', url: '/api/sites', cookie: agent.cookie, payload: { customerId: other.customer.id, name: '灾备中心' } });
    expect(elsewhere.statusCode).toBe(201);
    const renamed = await h().request({ method: 'PATCH', url: `/api/sites/${res.json().id}`, cookie: agent.cookie, payload: { rooms: ['1F 灾备机房'] } });
    expect(renamed.json().rooms).toEqual(['1F 灾备机房']);
    expect((await h().request({ method: 'DELETE', url: `/api/sites/${res.json().id}`, cookie: agent.cookie })).statusCode).toBe(204);
  });
});
