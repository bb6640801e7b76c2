/**
 * What each kind of import reads and writes: its columns, how cells become a request body, which
 * references and duplicates it checks before anything is written, and the service that creates a
 * row inside the import's transaction.
 */
import type { TObject } from '@sinclair/typebox';
import type { Deps } from '../../deps.js';
import type { Executor } from '../../db/database.js';
import type { RequestContext } from '../../http/actor.js';
import type { ErrorCode } from '../../http/messages.js';
import type { SheetColumn } from '../../shared/spreadsheet.js';
import { ASSET_COLUMNS, CreateAssetBody } from '../assets/asset.schemas.js';
import { createAssetIn, vendorsWithSerial } from '../assets/asset.service.js';
import { CONTACT_COLUMNS, CreateContactBody } from '../contacts/contact.schemas.js';
import { createContactIn } from '../contacts/contact.service.js';
import { contractIdByNumber } from '../contracts/contract.service.js';
import { CreateCustomerBody, CUSTOMER_COLUMNS } from '../customers/customer.schemas.js';
import { createCustomerIn, customersByCodes } from '../customers/customer.service.js';
import { findSiteOfCustomer } from '../sites/site.service.js';
import type { RowProblemCode } from './import.messages.js';
import type { ImportKind } from './import.schemas.js';
import { CATEGORY_CHOICES, choiceNames, parseChoice, parseDay, parseFlag, STATUS_CHOICES, type Choice } from './import.values.js';

export interface Problem {
  code: RowProblemCode | ErrorCode;
  params: Record<string, unknown>;
}

/** One data row on its way to becoming a request body, with the problems found in its cells. */
export interface Draft {
  row: number;
  /** Non-empty cells by column key. */
  cells: Map<string, string>;
  input: Record<string, unknown>;
  /** At most one problem per column: the first found is the one a person has to fix first. */
  problems: Map<string, Problem>;
}

export function flag(draft: Draft, column: string, code: Problem['code'], params: Record<string, unknown> = {}): void {
  if (!draft.problems.has(column)) draft.problems.set(column, { code, params });
}

export interface KindSpec {
  columns: SheetColumn[];
  /** Columns the header must hold. */
  required: string[];
  schema: TObject;
  /** Body fields that come from another column (customerId is looked up from customerCode). */
  fieldColumns: Record<string, string>;
  /** The template's example row. */
  example: Record<string, string>;
  /** Cell text → body values; enumerations, flags and dates are parsed here. */
  convert(draft: Draft, ctx: RequestContext): void;
  /** Looks up what rows refer to by name or code (customers, contracts, sites). */
  resolve(deps: Deps, drafts: Draft[]): Promise<void>;
  /** Finds rows that repeat another row of the file or a record already registered. */
  findDuplicates(deps: Deps, ctx: RequestContext, drafts: Draft[]): Promise<void>;
  create(trx: Executor, deps: Deps, ctx: RequestContext, input: Record<string, unknown>): Promise<unknown>;
}

function copyText(draft: Draft, keys: string[]): void {
  for (const key of keys) {
    const value = draft.cells.get(key);
    if (value !== undefined) draft.input[key] = value;
  }
}

function convertChoice(draft: Draft, key: string, choices: Choice<string>[], ctx: RequestContext): void {
  const text = draft.cells.get(key);
  if (text === undefined) return;
  const code = parseChoice(choices, text);
  if (code === null) flag(draft, key, 'invalid_choice', { value: text, choices: choiceNames(choices, ctx.locale) });
  else draft.input[key] = code;
}

function convertDay(draft: Draft, key: string): void {
  const text = draft.cells.get(key);
  if (text === undefined) return;
  const day = parseDay(text);
  if (day === null) flag(draft, key, 'invalid_date', { value: text });
  else draft.input[key] = day;
}

const upper = (code: string) => code.trim().toUpperCase();

/** Customer codes → ids; a code no customer has is a problem of that row. */
async function resolveCustomers(deps: Deps, drafts: Draft[]): Promise<void> {
  const codes = drafts.flatMap((d) => {
    const code = d.cells.get('customerCode');
    return code === undefined ? [] : [upper(code)];
  });
  const ids = await customersByCodes(deps.db, codes);
  for (const d of drafts) {
    const code = d.cells.get('customerCode');
    if (code === undefined) continue;
    const id = ids.get(upper(code));
    if (id === undefined) flag(d, 'customerCode', 'unknown_customer', { code });
    else d.input.customerId = id;
  }
}

/** Looks each distinct key up once, a few at a time so PostgreSQL gets some parallelism. */
async function lookupEach<T>(keys: Iterable<string>, lookup: (key: string) => Promise<T>): Promise<Map<string, T>> {
  const all = [...new Set(keys)];
  const found = new Map<string, T>();
  for (let i = 0; i < all.length; i += 8) {
    const chunk = all.slice(i, i + 8);
    const results = await Promise.all(chunk.map(lookup));
    chunk.forEach((key, j) => found.set(key, results[j]!));
  }
  return found;
}

const customers: KindSpec = {
  columns: CUSTOMER_COLUMNS,
  required: ['code', 'name'],
  schema: CreateCustomerBody,
  fieldColumns: {},
  example: { code: 'WHSY', name: '武汉市第三医院信息中心', industry: '医疗卫生', address: '湖北省武汉市江汉区解放大道 241 号', phone: '027-68890000', notes: '三级甲等医院,7×24 服务' },
  convert(draft) {
    copyText(draft, ['code', 'name', 'industry', 'address', 'phone', 'notes']);
  },
  async resolve() {},
  async findDuplicates(deps, _ctx, drafts) {
    const first = new Map<string, number>();
    const checked: [Draft, string][] = [];
    for (const d of drafts) {
      if (typeof d.input.code !== 'string' || d.problems.has('code')) continue;
      const code = upper(d.input.code);
      const earlier = first.get(code);
      if (earlier !== undefined) flag(d, 'code', 'duplicate_code_in_file', { code, first: earlier });
      else first.set(code, d.row);
      checked.push([d, code]);
    }
    const taken = await customersByCodes(deps.db, [...first.keys()]);
    for (const [d, code] of checked) if (taken.has(code)) flag(d, 'code', 'customer_code_taken', { code });
  },
  create: (trx, deps, ctx, input) => createCustomerIn(trx, deps, ctx, input as CreateCustomerBody),
};

const contacts: KindSpec = {
  columns: CONTACT_COLUMNS,
  required: ['customerCode', 'name'],
  schema: CreateContactBody,
  fieldColumns: { customerId: 'customerCode' },
  example: {
    customerCode: 'WHSY',
    customerName: '武汉市第三医院信息中心',
    name: '徐明',
    position: '信息科科长',
    phone: '027-68890001',
    mobile: '13807140001',
    email: 'xuming@whsy.example',
    wechat: 'xuming_whsy',
    isDesignatedTechnician: '是',
    notes: '签署服务单',
  },
  convert(draft) {
    // The customer's name is in exports for people to read; the code is what identifies it.
    copyText(draft, ['name', 'position', 'phone', 'mobile', 'email', 'wechat', 'notes']);
    const text = draft.cells.get('isDesignatedTechnician');
    if (text === undefined) return;
    const value = parseFlag(text);
    if (value === null) flag(draft, 'isDesignatedTechnician', 'invalid_flag', { value: text });
    else draft.input.isDesignatedTechnician = value;
  },
  resolve: resolveCustomers,
  async findDuplicates() {},
  create: (trx, deps, ctx, input) => createContactIn(trx, deps, ctx, input as CreateContactBody),
};

const ASSET_TEXT = ['serialNumber', 'vendor', 'model', 'room', 'rack', 'unit', 'softwareVersion', 'firmwareVersion', 'ipAddress', 'hostname', 'warrantyCardNo', 'notes'];

const assets: KindSpec = {
  columns: ASSET_COLUMNS,
  required: ['customerCode', 'serialNumber', 'vendor', 'model', 'category'],
  schema: CreateAssetBody,
  fieldColumns: { customerId: 'customerCode', contractId: 'contractNumber', siteId: 'siteName' },
  example: {
    customerCode: 'WHSY',
    serialNumber: '2102313TYBN0M3000127',
    vendor: 'Huawei',
    model: 'FusionServer 2288H V6',
    category: '服务器',
    contractNumber: 'WB-2025-017',
    siteName: '门诊住院综合楼',
    room: '主楼3层机房',
    rack: 'A03',
    unit: 'U21-U22',
    softwareVersion: 'Red Hat Enterprise Linux 8.6',
    firmwareVersion: 'iBMC 3.03.00.17',
    ipAddress: '10.20.3.21',
    hostname: 'his-db01',
    installDate: '2025-03-18',
    warrantyEnd: '2028-03-17',
    warrantyCardNo: 'HW-WH-2025-0318',
    status: '在用',
    notes: 'HIS 数据库主节点',
  },
  convert(draft, ctx) {
    copyText(draft, ASSET_TEXT);
    convertChoice(draft, 'category', CATEGORY_CHOICES, ctx);
    convertChoice(draft, 'status', STATUS_CHOICES, ctx);
    convertDay(draft, 'installDate');
    convertDay(draft, 'warrantyEnd');
  },
  async resolve(deps, drafts) {
    await resolveCustomers(deps, drafts);
    const contracts = await lookupEach(
      drafts.flatMap((d) => d.cells.get('contractNumber') ?? []),
      (number) => contractIdByNumber(deps.db, number),
    );
    const siteKey = (d: Draft) => `${String(d.input.customerId)}\u0000${d.cells.get('siteName')}`;
    const withSite = drafts.filter((d) => d.cells.has('siteName') && typeof d.input.customerId === 'number');
    const sites = await lookupEach(withSite.map(siteKey), (key) => {
      const [customerId, name] = key.split('\u0000') as [string, string];
      return findSiteOfCustomer(deps.db, Number(customerId), name);
    });
    for (const d of drafts) {
      const number = d.cells.get('contractNumber');
      if (number !== undefined) {
        const contract = contracts.get(number);
        if (!contract) flag(d, 'contractNumber', 'unknown_contract', { number });
        else if (typeof d.input.customerId === 'number' && contract.customer_id !== d.input.customerId) flag(d, 'contractNumber', 'contract_of_other_customer', { number });
        else d.input.contractId = contract.id;
      }
      const name = d.cells.get('siteName');
      if (name !== undefined && typeof d.input.customerId === 'number') {
        const site = sites.get(siteKey(d));
        if (!site) flag(d, 'siteName', 'unknown_site', { code: d.cells.get('customerCode'), name });
        else d.input.siteId = site.id;
      }
    }
  },
  async findDuplicates(deps, ctx, drafts) {
    // The same normalisation the asset service applies: serials upper-case, vendors by lower case.
    const keyed: [Draft, string, string, string][] = [];
    const first = new Map<string, number>();
    for (const d of drafts) {
      if (typeof d.input.serialNumber !== 'string' || typeof d.input.vendor !== 'string') continue;
      if (d.problems.has('serialNumber') || d.problems.has('vendor')) continue;
      const serial = upper(d.input.serialNumber);
      const vendor = d.input.vendor.trim();
      const vendorKey = vendor.toLowerCase();
      const key = `${vendorKey}\u0000${serial}`;
      const earlier = first.get(key);
      if (earlier !== undefined) flag(d, 'serialNumber', 'duplicate_serial_in_file', { serial, vendor, first: earlier });
      else first.set(key, d.row);
      keyed.push([d, vendorKey, serial, vendor]);
    }
    const registered = await lookupEach(
      keyed.map(([, , serial]) => serial),
      (serial) => vendorsWithSerial(deps, serial),
    );
    for (const [d, vendorKey, serial, vendor] of keyed) {
      if (registered.get(serial)?.has(vendorKey)) flag(d, 'serialNumber', 'serial_taken', { serial, vendor });
    }
  },
  create: (trx, deps, ctx, input) => createAssetIn(trx, deps, ctx, input as CreateAssetBody, 'import'),
};

export const KINDS: Record<ImportKind, KindSpec> = { customers, contacts, assets };
