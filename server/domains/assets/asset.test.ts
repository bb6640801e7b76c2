import { expect, it } from 'vitest';
import { describeEachEngine } from '../../test/engines.js';
import { unique, useHarness } from '../../test/harness.js';
import { BROAD_SERIAL_PREFIX, findAssetById } from './asset.repository.js';

describeEachEngine('asset registry', (db) => {
  const h = useHarness(db);

  it('registers an asset under a customer, contract and site, with its warranty derived from the contract', async () => {
    const agent = await h().user(['agent']);
    const { customer, contract, site } = await h().customerFile({ serviceEnd: '2027-06-30' });
    const serial = unique('2102311').toLowerCase();
    const res = await h().request({
      method: 'POST',
      url: '/api/assets',
      cookie: agent.cookie,
      payload: { customerId: customer.id, serialNumber: ` ${serial} `, vendor: 'Huawei', model: 'OceanStor 5310', category: 'storage', contractId: contract.id, siteId: site.id, room: '3F 机房', rack: 'A02', unit: '10-14', customFields: { 资产编号: 'ZC-001' } },
    });
    expect(res.statusCode).toBe(201);
    const asset = res.json();
    expect(asset).toMatchObject({
      serialNumber: serial.toUpperCase(),
      contractNumber: contract.number,
      siteName: '主楼',
      status: 'in_service',
      customFields: { 资产编号: 'ZC-001' },
      warranty: { state: 'in_warranty', endsOn: '2027-06-30' },
    });
    // The harness clock reads 2026-11-24 in Shanghai.
    expect(asset.warranty.daysLeft).toBe(218);
  });

  it('rejects a duplicate serial of the same vendor with serial_taken, but allows it for another vendor', async () => {
    const admin = await h().user(['admin']);
    const { customer, asset } = await h().customerFile();
    const count = async () => Number((await h().database.db.selectFrom('assets').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
    const before = await count();
    const dup = await h().request({ method: 'POST', url: '/api/assets', cookie: admin.cookie, payload: { customerId: customer.id, serialNumber: asset.serialNumber.toLowerCase(), vendor: 'HUAWEI', model: 'x', category: 'server' } });
    expect(dup.statusCode).toBe(409);
    expect(dup.json().error).toMatchObject({ code: 'serial_taken', message: `Serial number ${asset.serialNumber} of HUAWEI is already registered.` });
    expect(await count()).toBe(before);
    const other = await h().request({ method: 'POST', url: '/api/assets', cookie: admin.cookie, payload: { customerId: customer.id, serialNumber: asset.serialNumber, vendor: 'H3C', model: 'S6520X', category: 'network' } });
    expect(other.statusCode).toBe(201);
  });

  it('refuses links to another customer’s contract, site or parent, and a parent cycle', async () => {
    const admin = await h().user(['admin']);
    const a = await h().customerFile();
    const b = await h().customerFile();
    for (const link of [{ contractId: b.contract.id }, { siteId: b.site.id }, { parentId: b.asset.id }]) {
      const res = await h().request({ method: 'POST', url: '/api/assets', cookie: admin.cookie, payload: { customerId: a.customer.id, serialNumber: unique('X'), vendor: 'Dell', model: 'R750', category: 'server', ...link } });
      expect(res.json().error?.code, JSON.stringify(link)).toBe('asset_link_invalid');
    }
    const child = (await h().request({ method: 'POST', url: '/api/assets', cookie: admin.cookie, payload: { customerId: a.customer.id, serialNumber: unique('RAID'), vendor: 'Broadcom', model: '9460-8i', category: 'other', parentId: a.asset.id } })).json();
    const cycle = await h().request({ method: 'PATCH', url: `/api/assets/${a.asset.id}`, cookie: admin.cookie, payload: { parentId: child.id } });
    expect(cycle.json().error.code).toBe('asset_parent_cycle');
    const detail = (await h().request({ method: 'GET', url: `/api/assets/${a.asset.id}`, cookie: admin.cookie })).json();
    expect(detail.components.map((c: { id: number }) => c.id)).toEqual([child.id]);
  });

  it('keeps every change of serial, versions, location and status in the history with who, when and the source', async () => {
    const engineer = await h().user(['engineer']);
    const { asset } = await h().customerFile();
    h().clock.advance(60_000);
    const res = await h().request({
      method: 'PATCH',
      url: `/api/assets/${asset.id}`,
      cookie: engineer.cookie,
      payload: { firmwareVersion: 'iBMC 3.05', rack: 'B07', status: 'under_repair', notes: 'not tracked', changeNote: '现场升级固件' },
    });
    expect(res.statusCode).toBe(200);
    const history = (await h().request({ method: 'GET', url: `/api/assets/${asset.id}/history`, cookie: engineer.cookie })).json().items;
    const byField = Object.fromEntries(history.map((c: { field: string }) => [c.field, c]));
    expect(byField.firmware_version).toMatchObject({ oldValue: 'iBMC 3.01', newValue: 'iBMC 3.05', source: 'manual', actorName: engineer.user.username, note: '现场升级固件', at: h().clock.now() });
    expect(byField.location).toMatchObject({ oldValue: null, newValue: 'B07' });
    expect(byField.status).toMatchObject({ oldValue: 'in_service', newValue: 'under_repair' });
    expect(byField.created).toBeDefined();
    expect(Object.keys(byField).sort()).toEqual(['created', 'firmware_version', 'location', 'status']);
  });

  it('answers entitlement by exact serial and by prefix, with warranty state and days left', async () => {
    const agent = await h().user(['agent']);
    const tag = unique('LK').toUpperCase();
    const { customer, contract } = await h().customerFile({ serviceEnd: '2026-11-30' });
    const make = (serialNumber: string, extra: object = {}) =>
      h().request({ method: 'POST', url: '/api/assets', cookie: agent.cookie, payload: { customerId: customer.id, serialNumber, vendor: 'Inspur', model: 'NF5280M6', category: 'server', ...extra } });
    await make(`${tag}001`, { contractId: contract.id });
    await make(`${tag}002`, { warrantyEnd: '2026-01-31' });
    await make(`${tag}003`);

    const exact = (await h().request({ method: 'GET', url: `/api/assets/lookup?serial=${tag.toLowerCase()}001`, cookie: agent.cookie })).json().items;
    expect(exact).toHaveLength(1);
    expect(exact[0]).toMatchObject({
      customer: { id: customer.id, code: customer.code },
      contract: { id: contract.id, number: contract.number, serviceEnd: '2026-11-30' },
      warranty: { state: 'in_warranty', endsOn: '2026-11-30', daysLeft: 6 },
    });
    const prefix = (await h().request({ method: 'GET', url: `/api/assets/lookup?prefix=${tag}00`, cookie: agent.cookie })).json().items;
    expect(prefix.map((e: { asset: { serialNumber: string } }) => e.asset.serialNumber)).toEqual([`${tag}001`, `${tag}002`, `${tag}003`]);
    expect(prefix.map((e: { warranty: { state: string } }) => e.warranty.state)).toEqual(['in_warranty', 'expired', 'not_covered']);
    const none = await h().request({ method: 'GET', url: '/api/assets/lookup?serial=NO-SUCH-SERIAL', cookie: agent.cookie });
    expect(none.json().items).toEqual([]);
    expect((await h().request({ method: 'GET', url: '/api/assets/lookup', cookie: agent.cookie })).statusCode).toBe(400);
  });

  it('lists a serial prefix newest first and pages it, whether it matches a few assets or hundreds', async () => {
    const agent = await h().user(['agent']);
    const { asset } = await h().customerFile();
    // A vendor's common prefix: more assets than the list reads along the serial index.
    const template = (await findAssetById(h().deps.db, asset.id))!;
    const prefix = unique('BRD').toUpperCase();
    const rows = Array.from({ length: BROAD_SERIAL_PREFIX + 20 }, (_, i) => {
      const { id: _id, ...row } = template;
      return { ...row, serial_number: `${prefix}${String(i).padStart(4, '0')}`, status: i === 7 ? 'returned' : row.status };
    });
    for (let i = 0; i < rows.length; i += 100) await h().deps.db.insertInto('assets').values(rows.slice(i, i + 100)).execute();
    const listed = async (serial: string) => {
      const ids: number[] = [];
      let cursor: string | null = null;
      do {
        const res = await h().request({ method: 'GET', url: `/api/assets?serial=${serial}&limit=50${cursor ? `&cursor=${cursor}` : ''}`, cookie: agent.cookie });
        expect(res.statusCode).toBe(200);
        const page: { items: { id: number; serialNumber: string }[]; nextCursor: string | null } = res.json();
        expect(page.items.every((a) => a.serialNumber.startsWith(serial.toUpperCase()))).toBe(true);
        ids.push(...page.items.map((a) => a.id));
        cursor = page.nextCursor;
      } while (cursor);
      return ids;
    };
    const stored = await h().deps.db.selectFrom('assets').select(['id', 'serial_number', 'status']).where('serial_number', 'like', `${prefix}%`).execute();
    const newestFirst = (startingWith: string) =>
      stored.filter((a) => a.status !== 'returned' && a.serial_number.startsWith(startingWith)).map((a) => a.id).sort((a, b) => b - a);
    // Every one but the returned loaner, each once, newest first, across eleven pages.
    expect(newestFirst(prefix)).toHaveLength(BROAD_SERIAL_PREFIX + 19);
    expect(await listed(prefix.toLowerCase())).toEqual(newestFirst(prefix));
    // A narrow prefix of the same family (ten serials, the returned one among them), and a single asset.
    expect(await listed(`${prefix}000`)).toEqual(newestFirst(`${prefix}000`));
    expect(newestFirst(`${prefix}000`)).toHaveLength(9);
    expect(await listed(asset.serialNumber)).toEqual([asset.id]);
  });

  it('filters the list by warranty expiring within 30/60/90 days, soonest first, and pages it', async () => {
    const agent = await h().user(['agent']);
    const { customer } = await h().customerFile();
    const ends = ['2026-12-01', '2026-12-20', '2027-01-15', '2027-02-10', '2027-06-01'];
    for (const [i, warrantyEnd] of ends.entries()) {
      await h().request({ method: 'POST', url: '/api/assets', cookie: agent.cookie, payload: { customerId: customer.id, serialNumber: unique(`EXP${i}`), vendor: 'Dell', model: 'R740', category: 'server', warrantyEnd } });
    }
    const within = async (days: number) => {
      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const page: { items: { warranty: { endsOn: string } }[]; nextCursor: string | null } = (
          await h().request({ method: 'GET', url: `/api/assets?customerId=${customer.id}&expiringWithinDays=${days}&limit=1${cursor ? `&cursor=${cursor}` : ''}`, cookie: agent.cookie })
        ).json();
        seen.push(...page.items.map((a) => a.warranty.endsOn));
        cursor = page.nextCursor;
      } while (cursor);
      return seen;
    };
    expect(await within(30)).toEqual(['2026-12-01', '2026-12-20']);
    expect(await within(60)).toEqual(['2026-12-01', '2026-12-20', '2027-01-15']);
    expect(await within(90)).toEqual(['2026-12-01', '2026-12-20', '2027-01-15', '2027-02-10']);
  });

  it('re-derives covered assets’ warranty when the contract’s dates change', async () => {
    const manager = await h().user(['manager']);
    const { contract, asset } = await h().customerFile({ serviceEnd: '2027-12-31' });
    await h().request({ method: 'PATCH', url: `/api/contracts/${contract.id}`, cookie: manager.cookie, payload: { serviceEnd: '2026-11-01', serviceStart: '2025-11-01' } });
    const after = (await h().request({ method: 'GET', url: `/api/assets/${asset.id}`, cookie: manager.cookie })).json();
    expect(after.warranty).toMatchObject({ state: 'expired', endsOn: '2026-11-01' });
  });

  it('exports the filtered list with formulas neutralised', async () => {
    const agent = await h().user(['agent']);
    const { customer } = await h().customerFile();
    await h().request({ method: 'POST', url: '/api/assets', cookie: agent.cookie, payload: { customerId: customer.id, serialNumber: unique('CSV'), vendor: 'Cisco', model: 'Catalyst 9300', category: 'network', notes: '=HYPERLINK("http://evil","x")', hostname: '@sum(1)' } });
    const res = await h().request({ method: 'GET', url: `/api/assets/export?format=csv&customerId=${customer.id}`, cookie: agent.cookie });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/text\/csv/);
    expect(res.headers['content-disposition']).toMatch(/attachment; filename="assets.csv"/);
    expect(res.body).toContain('序列号 Serial number');
    expect(res.body).toContain(`"'=HYPERLINK(""http://evil"",""x"")"`);
    expect(res.body).toContain("'@sum(1)");
    expect(res.body.split('\r\n').filter(Boolean)).toHaveLength(3);
    const xlsx = await h().request({ method: 'GET', url: `/api/assets/export?format=xlsx&customerId=${customer.id}`, cookie: agent.cookie });
    expect(xlsx.rawPayload.subarray(0, 2).toString()).toBe('PK');
  });

  it('validates input: unknown category, impossible dates, empty serial and unknown fields change nothing', async () => {
    const agent = await h().user(['agent']);
    const { customer, asset } = await h().customerFile();
    const post = (payload: object) => h().request({ method: 'POST', url: '/api/assets', cookie: agent.cookie, payload: { customerId: customer.id, serialNumber: unique('V'), vendor: 'HPE', model: 'DL380', category: 'server', ...payload } });
    expect((await post({ category: 'toaster' })).json().error.code).toBe('validation_failed');
    expect((await post({ warrantyEnd: '2026-02-30' })).json().error.code).toBe('invalid_date');
    expect((await post({ serialNumber: '   ' })).json().error.code).toBe('validation_failed');
    expect((await post({ price: 100 })).json().error.details[0].field).toBe('body.price');
    expect((await post({ customerId: 99_999_999 })).json().error.code).toBe('customer_not_found');
    const patch = await h().request({ method: 'PATCH', url: `/api/assets/${asset.id}`, cookie: agent.cookie, payload: { status: 'lost' } });
    expect(patch.statusCode).toBe(400);
    expect((await h().request({ method: 'GET', url: `/api/assets/${asset.id}`, cookie: agent.cookie })).json().status).toBe('in_service');
  });
});
