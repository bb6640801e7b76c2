import ExcelJS from 'exceljs';
import { expect, it } from 'vitest';
import { systemContext } from '../../http/actor.js';
import { isAppError } from '../../http/errors.js';
import { matchHeaders, readSheet, writeSheet } from '../../shared/spreadsheet.js';
import { describeEachEngine } from '../../test/engines.js';
import { unique, useHarness, type Harness } from '../../test/harness.js';
import { ASSET_COLUMNS } from '../assets/asset.schemas.js';
import { createAsset } from '../assets/asset.service.js';
import { CONTACT_COLUMNS } from '../contacts/contact.schemas.js';
import { createContract } from '../contracts/contract.service.js';
import { CUSTOMER_COLUMNS } from '../customers/customer.schemas.js';
import { createCustomer } from '../customers/customer.service.js';
import { createSite } from '../sites/site.service.js';
import { createRows } from './import.service.js';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
type Table = 'customers' | 'customer_contacts' | 'assets' | 'asset_changes' | 'audit_log';

async function counts(h: Harness): Promise<Record<Table, number>> {
  const tables: Table[] = ['customers', 'customer_contacts', 'assets', 'asset_changes', 'audit_log'];
  const result = {} as Record<Table, number>;
  for (const table of tables) {
    const row = await h.database.db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    result[table] = Number(row.n);
  }
  return result;
}

function csv(lines: string[]): Buffer {
  return Buffer.from(`${lines.join('\r\n')}\r\n`, 'utf8');
}

/** A customer with a site and a contract, for asset rows to point at. */
async function customerWithSiteAndContract(h: Harness) {
  const ctx = systemContext();
  const code = unique('C').toUpperCase();
  const customer = await createCustomer(h.deps, ctx, { code, name: `客户 ${code}` });
  const site = await createSite(h.deps, ctx, { customerId: customer.id, name: '门诊住院综合楼', rooms: ['主楼3层机房'] });
  const contract = await createContract(h.deps, ctx, { customerId: customer.id, number: unique('WB-'), name: '维保服务', serviceStart: '2025-01-01', serviceEnd: '2027-12-31' });
  return { customer, site, contract };
}

describeEachEngine('spreadsheet import', (db) => {
  const h = useHarness(db);

  function upload(kind: string, file: Buffer, options: { cookie: string; dryRun?: boolean; type?: string; lang?: 'en' | 'zh-CN' }) {
    return h().request({
      method: 'POST',
      url: `/api/imports/${kind}?dryRun=${options.dryRun ?? false}`,
      cookie: options.cookie,
      lang: options.lang,
      headers: { 'content-type': options.type ?? 'text/csv' },
      payload: file,
    });
  }

  it('serves templates with bilingual headers, required columns starred, and a Chinese example row', async () => {
    const manager = await h().user(['manager']);
    const kinds = [
      ['customers', CUSTOMER_COLUMNS],
      ['contacts', CONTACT_COLUMNS],
      ['assets', ASSET_COLUMNS],
    ] as const;
    for (const [kind, columns] of kinds) {
      for (const format of ['xlsx', 'csv'] as const) {
        const res = await h().request({ method: 'GET', url: `/api/imports/templates/${kind}?format=${format}`, cookie: manager.cookie });
        expect(res.statusCode, `${kind} ${format}`).toBe(200);
        expect(res.headers['content-disposition']).toContain(`weibao-${kind}-template.${format}`);
        const sheet = await readSheet(format, res.rawPayload);
        expect(matchHeaders(sheet.headers, [...columns]).keys).toEqual(columns.map((c) => c.key));
        expect(sheet.rows).toHaveLength(1);
        expect(sheet.rows[0]!.cells.join(' ')).toMatch(/WHSY.*[\u4e00-\u9fff]/);
      }
    }
    const assets = await readSheet('csv', (await h().request({ method: 'GET', url: '/api/imports/templates/assets?format=csv', cookie: manager.cookie })).rawPayload);
    expect(assets.headers.slice(0, 3)).toEqual(['*客户编号 Customer code', '*序列号 Serial number', '*厂商 Vendor']);
    expect(assets.headers).toContain('保修截止 Warranty end');
  });

  it('imports customers, then their contacts and assets, from CSV; assets record the import in their history', async () => {
    const admin = await h().user(['admin']);
    const [a, b] = [unique('IMP').toUpperCase(), unique('imp')];
    const customersCsv = csv([
      '客户编号 Code,客户名称 Name,行业 Industry,地址 Address,电话 Phone',
      `${a},武汉市中心医院,医疗卫生,武汉市江岸区胜利街 26 号,027-82211111`,
      `${b},"Greenfield Logistics (Hubei) Co., Ltd.",Logistics,,`,
    ]);
    const imported = await upload('customers', customersCsv, { cookie: admin.cookie });
    expect(imported.statusCode).toBe(200);
    expect(imported.json()).toEqual({ dryRun: false, total: 2, valid: 2, created: 2, errors: [] });
    const list = (await h().request({ method: 'GET', url: `/api/customers?q=${a}`, cookie: admin.cookie })).json();
    const customer = list.items.find((c: { code: string }) => c.code === a);
    expect(customer).toMatchObject({ name: '武汉市中心医院', industry: '医疗卫生', phone: '027-82211111' });

    const contactsCsv = csv([
      'customerCode,customerName,name,position,mobile,email,isDesignatedTechnician',
      `${a.toLowerCase()},ignored,周敏,信息科工程师,13900001111,zhoumin@example.com,是`,
      `${b},,Tom Baker,IT manager,,tom@example.com,N`,
    ]);
    expect((await upload('contacts', contactsCsv, { cookie: admin.cookie })).json()).toMatchObject({ created: 2, errors: [] });
    const contacts = (await h().request({ method: 'GET', url: `/api/contacts?customerId=${customer.id}`, cookie: admin.cookie })).json();
    expect(contacts.items).toEqual([expect.objectContaining({ name: '周敏', position: '信息科工程师', isDesignatedTechnician: true })]);

    const ctx = systemContext();
    const site = await createSite(h().deps, ctx, { customerId: customer.id, name: '总院', rooms: ['主楼3层机房'] });
    const number = unique('WB-2025-');
    const contract = await createContract(h().deps, ctx, { customerId: customer.id, number, name: '数据中心维保', serviceStart: '2025-01-01', serviceEnd: '2027-12-31' });
    const serial = unique('2102').toUpperCase();
    const assetsCsv = csv([
      'customerCode,serialNumber,vendor,model,category,contractNumber,siteName,room,rack,unit,installDate,warrantyEnd,status',
      `${a},${serial},Huawei,FusionServer 2288H V6,服务器,${number},总院,主楼3层机房,A03,U21-U22,2025/3/8,2028-03-07,在用`,
      `${a},${serial}-S,Huawei,OceanStor 5310,Storage,,,,,,,,Under repair`,
      `${a},${serial}-N,H3C,S6520X-30QC-EI,network,,,,,,,,`,
    ]);
    const res = await upload('assets', assetsCsv, { cookie: admin.cookie });
    expect(res.json()).toEqual({ dryRun: false, total: 3, valid: 3, created: 3, errors: [] });
    const assets = (await h().request({ method: 'GET', url: `/api/assets?customerId=${customer.id}&serial=${serial}`, cookie: admin.cookie })).json().items;
    const server = assets.find((x: { serialNumber: string }) => x.serialNumber === serial);
    expect(server).toMatchObject({ category: 'server', status: 'in_service', contractId: contract.id, siteId: site.id, room: '主楼3层机房', installDate: '2025-03-08', warrantyEnd: '2028-03-07' });
    expect(assets.find((x: { serialNumber: string }) => x.serialNumber === `${serial}-S`)).toMatchObject({ category: 'storage', status: 'under_repair' });
    const history = (await h().request({ method: 'GET', url: `/api/assets/${server.id}/history`, cookie: admin.cookie })).json();
    expect(history.items).toEqual([expect.objectContaining({ field: 'created', source: 'import', actorName: admin.user.username })]);
  });

  it('lists every problem of a dry run with its row and column, and writes nothing', async () => {
    const manager = await h().user(['manager']);
    const { customer, contract } = await customerWithSiteAndContract(h());
    const other = await customerWithSiteAndContract(h());
    const serial = unique('SN').toUpperCase();
    await createAsset(h().deps, systemContext(), { customerId: customer.id, serialNumber: `${serial}-OLD`, vendor: 'Dell', model: 'PowerEdge R750', category: 'server' });
    const code = customer.code;
    const file = csv([
      'customerCode,serialNumber,vendor,model,category,contractNumber,siteName,installDate,颜色 Colour',
      `${code},${serial}-1,Huawei,RH2288 V3,server,${contract.number},门诊住院综合楼,2019-05-01,red`,
      `${code},${serial}-2,Huawei,RH2288 V3,主机,,,,`,
      `${code},${serial}-3,Huawei,RH2288 V3,server,,,2025-02-30,`,
      `NOPE-${code},${serial}-4,Huawei,RH2288 V3,server,,,,`,
      `${code},${serial.toLowerCase()}-1,huawei,RH2288 V3,server,,,,`,
      `${code},${serial}-OLD,DELL,PowerEdge R750,server,,,,`,
      `${code},${serial}-7,Huawei,RH2288 V3,server,${other.contract.number},没有这个地点,,`,
      `${code},${serial}-8,,RH2288 V3,server,,,2020/13/1,`,
    ]);
    const before = await counts(h());
    const res = await upload('assets', file, { cookie: manager.cookie, dryRun: true });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({ dryRun: true, total: 8, valid: 1, created: 0 });
    expect(body.errors.map((e: { row: number; column: string; code: string }) => [e.row, e.column, e.code])).toEqual([
      [1, '颜色 Colour', 'unknown_column'],
      [3, 'category', 'invalid_choice'],
      [4, 'installDate', 'invalid_date'],
      [5, 'customerCode', 'unknown_customer'],
      [6, 'serialNumber', 'duplicate_serial_in_file'],
      [7, 'serialNumber', 'serial_taken'],
      [8, 'contractNumber', 'contract_of_other_customer'],
      [8, 'siteName', 'unknown_site'],
      [9, 'vendor', 'required'],
      [9, 'installDate', 'invalid_date'],
    ]);
    expect(body.errors[1].message).toBe('"主机" is not one of: Server, Storage, Network, Security, Software, Other.');
    expect(body.errors[4].message).toBe(`Serial number ${serial}-1 of huawei also appears in row 2.`);
    expect(await counts(h())).toEqual(before);
  });

  it('reports a missing required column once, at the header, rather than in every row', async () => {
    const manager = await h().user(['manager']);
    const { customer } = await customerWithSiteAndContract(h());
    const file = csv(['customerCode,serialNumber,vendor,category', `${customer.code},${unique('SN')},Cisco,network`, `${customer.code},${unique('SN')},Cisco,network`]);
    const body = (await upload('assets', file, { cookie: manager.cookie, dryRun: true })).json();
    expect(body).toMatchObject({ total: 2, valid: 0 });
    expect(body.errors).toEqual([{ row: 1, column: 'model', code: 'missing_column', message: 'The required column "型号 Model" is missing.' }]);
  });

  it('refuses a file with one bad row among good ones with 422 and changes nothing', async () => {
    const admin = await h().user(['admin']);
    const taken = await createCustomer(h().deps, systemContext(), { code: unique('C'), name: '已有客户' });
    const file = csv(['code,name', `${unique('N')},新客户一`, `${taken.code},重复的客户`, `${unique('N')},新客户二`]);
    const before = await counts(h());
    const res = await upload('customers', file, { cookie: admin.cookie });
    expect(res.statusCode).toBe(422);
    expect(res.json().error).toMatchObject({
      code: 'import_invalid',
      message: 'The file has 1 problem(s); nothing was imported.',
      details: { errors: [{ row: 3, column: 'code', code: 'customer_code_taken', message: `The customer code "${taken.code}" is already used.` }] },
    });
    expect(await counts(h())).toEqual(before);
  });

  it('rolls back the rows already created when a service refuses a later row of the same import', async () => {
    // The checks ran clean, then someone registered row 4's serial before the import reached it.
    const { customer } = await customerWithSiteAndContract(h());
    const serial = unique('SN').toUpperCase();
    const row = (n: number) => ({ customerId: customer.id, serialNumber: `${serial}-${n}`, vendor: 'Inspur', model: 'NF5280M6', category: 'server' as const });
    await createAsset(h().deps, systemContext(), row(4));
    const before = await counts(h());
    const attempt = createRows(h().deps, systemContext(), 'assets', [2, 3, 4, 5].map((n) => ({ row: n, input: row(n) })));
    const error = await attempt.catch((e: unknown) => e);
    expect(isAppError(error) && error.code).toBe('import_invalid');
    expect((error as { details: unknown }).details).toEqual({
      errors: [{ row: 4, column: 'serialNumber', code: 'serial_taken', message: `Serial number ${serial}-4 of Inspur is already registered.` }],
    });
    expect(await counts(h())).toEqual(before);
  });

  it('imports an .xlsx file with Chinese headers, Excel dates and numeric cells', async () => {
    const manager = await h().user(['manager']);
    const { customer, site } = await customerWithSiteAndContract(h());
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('设备');
    sheet.addRow(['客户编号', '序列号', '厂商', '型号', '类别', '地点', '机房', '安装日期', '保修截止', '状态', 'IP地址']);
    const serial = unique('21023').toUpperCase();
    sheet.addRow([customer.code, serial, '新华三', 'UniServer R4900 G5', '服务器', site.name, '灾备机房', new Date(Date.UTC(2024, 5, 30)), '2027年6月29日', '在用', '10.20.8.11']);
    sheet.addRow([customer.code, 210235, '新华三', 'SecPath F1000-AI-55', '安全', '', '', '', '', '借出', '']);
    const file = Buffer.from(await workbook.xlsx.writeBuffer());

    const res = await upload('assets', file, { cookie: manager.cookie, type: XLSX });
    expect(res.json()).toEqual({ dryRun: false, total: 2, valid: 2, created: 2, errors: [] });
    const items = (await h().request({ method: 'GET', url: `/api/assets?customerId=${customer.id}&vendor=${encodeURIComponent('新华三')}`, cookie: manager.cookie })).json().items;
    expect(items.find((x: { serialNumber: string }) => x.serialNumber === serial)).toMatchObject({
      model: 'UniServer R4900 G5',
      siteId: site.id,
      room: '灾备机房',
      installDate: '2024-06-30',
      warrantyEnd: '2027-06-29',
      ipAddress: '10.20.8.11',
    });
    expect(items.find((x: { serialNumber: string }) => x.serialNumber === '210235')).toMatchObject({ category: 'security', status: 'on_loan' });
  });

  it('reads a file written by writeSheet as .xlsx, sent as octet-stream', async () => {
    const manager = await h().user(['manager']);
    const code = unique('X').toUpperCase();
    const file = await writeSheet('xlsx', 'customers', CUSTOMER_COLUMNS, [{ code, name: '湖北省交通投资集团', industry: '交通' }]);
    const res = await upload('customers', file, { cookie: manager.cookie, type: 'application/octet-stream' });
    expect(res.json()).toMatchObject({ created: 1, errors: [] });
  });

  it('reads a CSV that Excel saved in GB18030', async () => {
    const manager = await h().user(['manager']);
    const code = unique('G').toUpperCase();
    // 客户编号,客户名称 / <code>,武汉测试医院 in GB18030, as "CSV (逗号分隔)" on a Chinese Windows.
    const file = Buffer.concat([Buffer.from('bfcdbba7b1e0bac52cbfcdbba7c3fbb3c60d0a', 'hex'), Buffer.from(code), Buffer.from('2ccee4babab2e2cad4d2bdd4ba0d0a', 'hex')]);
    expect((await upload('customers', file, { cookie: manager.cookie })).json()).toMatchObject({ created: 1, errors: [] });
    const list = (await h().request({ method: 'GET', url: `/api/customers?q=${code}`, cookie: manager.cookie })).json();
    expect(list.items[0]).toMatchObject({ code, name: '武汉测试医院' });
  });

  it('keeps customer contacts and engineers out with 403', async () => {
    const { contact } = await h().customerWithContact();
    const engineer = await h().user(['engineer']);
    const dispatcher = await h().user(['dispatcher']);
    for (const who of [contact, engineer, dispatcher]) {
      expect((await h().request({ method: 'GET', url: '/api/imports/templates/assets?format=csv', cookie: who.cookie })).statusCode).toBe(403);
      const res = await upload('customers', csv(['code,name', `${unique('F')},x`]), { cookie: who.cookie });
      expect(res.statusCode).toBe(403);
      expect(res.json().error.code).toBe('forbidden');
    }
  });

  it('answers 400 import_unreadable for a file that is neither .xlsx nor text', async () => {
    const manager = await h().user(['manager']);
    const brokenZip = Buffer.concat([Buffer.from('PK\x03\x04', 'latin1'), Buffer.from('not really a workbook')]);
    const oldXls = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0x00, 0x00, 0x3e, 0x00]);
    for (const [file, type] of [[brokenZip, XLSX], [oldXls, 'application/octet-stream'], [Buffer.alloc(0), 'text/csv']] as const) {
      const res = await upload('assets', file, { cookie: manager.cookie, type });
      expect(res.statusCode).toBe(400);
      expect(res.json().error.code).toBe('import_unreadable');
    }
  });

  it('refuses more than 5,000 rows with import_too_large', async () => {
    const manager = await h().user(['manager']);
    const lines = ['code,name', ...Array.from({ length: 5001 }, (_, i) => `BIG${i},客户${i}`)];
    const res = await upload('customers', csv(lines), { cookie: manager.cookie, dryRun: true });
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toMatchObject({ code: 'import_too_large', message: 'An import holds at most 5000 rows.' });
  });

  it('writes the report in Chinese for a Chinese request', async () => {
    const manager = await h().user(['manager']);
    const { customer } = await customerWithSiteAndContract(h());
    const file = csv([
      'customerCode,serialNumber,vendor,model,category,installDate',
      `${customer.code},${unique('SN')},Lenovo,ThinkSystem SR650 V2,Computer,`,
      `NOPE,${unique('SN')},Lenovo,ThinkSystem SR650 V2,server,2025-13-01`,
    ]);
    const dry = (await upload('assets', file, { cookie: manager.cookie, dryRun: true, lang: 'zh-CN' })).json();
    expect(dry.errors.map((e: { message: string }) => e.message)).toEqual([
      '"Computer"不是可选值(服务器、存储、网络、安全、软件、其他)之一。',
      '没有客户编号为"NOPE"的客户。',
      '"2025-13-01"不是有效日期(YYYY-MM-DD)。',
    ]);
    const res = await upload('assets', file, { cookie: manager.cookie, lang: 'zh-CN' });
    expect(res.statusCode).toBe(422);
    expect(res.json().error.message).toBe('文件中有 3 处问题,未导入任何数据。');
  });
});
