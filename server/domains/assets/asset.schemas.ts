import { Type, type Static, type TSchema } from '@sinclair/typebox';
import { ExportFormat } from '../../http/export.js';
import { literalUnion } from '../../http/literals.js';
import { PageQuery } from '../../http/pagination.js';
import type { SheetColumn } from '../../shared/spreadsheet.js';
import { IsoDay } from '../contracts/contract.schemas.js';

export const ASSET_CATEGORIES = ['server', 'storage', 'network', 'security', 'software', 'other'] as const;
// on_loan: a loaner (备用机) of the provider's pool standing in at the customer's site (R6);
// returned: a loaner taken back, kept for its history but left out of the customer's list.
export const ASSET_STATUSES = ['in_service', 'under_repair', 'on_loan', 'retired', 'returned'] as const;
export const CHANGE_SOURCES = ['manual', 'import', 'inspection', 'repair'] as const;
export const WARRANTY_STATES = ['in_warranty', 'expired', 'not_covered'] as const;
export type AssetCategory = (typeof ASSET_CATEGORIES)[number];
export type AssetStatus = (typeof ASSET_STATUSES)[number];
export type ChangeSource = (typeof CHANGE_SOURCES)[number];

const Nullable = <T extends TSchema>(t: T) => Type.Union([t, Type.Null()]);

export const WarrantySchema = Type.Object({
  state: literalUnion(WARRANTY_STATES),
  endsOn: Nullable(Type.String()),
  daysLeft: Nullable(Type.Integer()),
});

export const AssetSchema = Type.Object(
  {
    id: Type.Integer(),
    customerId: Type.Integer(),
    customerName: Type.String(),
    contractId: Nullable(Type.Integer()),
    contractNumber: Nullable(Type.String()),
    siteId: Nullable(Type.Integer()),
    siteName: Nullable(Type.String()),
    parentId: Nullable(Type.Integer()),
    serialNumber: Type.String(),
    vendor: Type.String(),
    model: Type.String(),
    category: literalUnion(ASSET_CATEGORIES),
    room: Type.String(),
    rack: Type.String(),
    unit: Type.String(),
    softwareVersion: Type.String(),
    firmwareVersion: Type.String(),
    ipAddress: Type.String(),
    hostname: Type.String(),
    installDate: Nullable(Type.String()),
    warrantyEnd: Nullable(Type.String()),
    warrantyCardNo: Type.String(),
    status: literalUnion(ASSET_STATUSES),
    customFields: Type.Record(Type.String(), Type.String()),
    notes: Type.String(),
    warranty: WarrantySchema,
    createdAt: Type.Integer(),
    updatedAt: Type.Integer(),
  },
  { $id: 'Asset' },
);
export type AssetDto = Static<typeof AssetSchema>;

export const AssetDetailSchema = Type.Intersect([
  Type.Ref(AssetSchema),
  Type.Object({
    components: Type.Array(
      Type.Object({ id: Type.Integer(), serialNumber: Type.String(), vendor: Type.String(), model: Type.String(), category: Type.String(), status: Type.String() }),
    ),
  }),
]);

const Text = (max: number) => Type.String({ maxLength: max });
const CustomFields = Type.Record(Type.String({ minLength: 1, maxLength: 60 }), Type.String({ maxLength: 500 }), { maxProperties: 50 });

const editable = {
  contractId: Type.Optional(Nullable(Type.Integer({ minimum: 1 }))),
  siteId: Type.Optional(Nullable(Type.Integer({ minimum: 1 }))),
  parentId: Type.Optional(Nullable(Type.Integer({ minimum: 1 }))),
  room: Type.Optional(Text(60)),
  rack: Type.Optional(Text(60)),
  unit: Type.Optional(Text(30)),
  softwareVersion: Type.Optional(Text(120)),
  firmwareVersion: Type.Optional(Text(120)),
  ipAddress: Type.Optional(Text(100)),
  hostname: Type.Optional(Text(200)),
  installDate: Type.Optional(Nullable(IsoDay)),
  warrantyEnd: Type.Optional(Nullable(IsoDay)),
  warrantyCardNo: Type.Optional(Text(100)),
  status: Type.Optional(literalUnion(ASSET_STATUSES)),
  customFields: Type.Optional(CustomFields),
  notes: Type.Optional(Text(4000)),
};

const Serial = Type.String({ minLength: 1, maxLength: 100, pattern: '\\S' });
const Vendor = Type.String({ minLength: 1, maxLength: 100, pattern: '\\S' });
const Model = Type.String({ minLength: 1, maxLength: 200, pattern: '\\S' });

export const CreateAssetBody = Type.Object(
  {
    customerId: Type.Integer({ minimum: 1 }),
    serialNumber: Serial,
    vendor: Vendor,
    model: Model,
    category: literalUnion(ASSET_CATEGORIES),
    ...editable,
  },
  { additionalProperties: false },
);
export type CreateAssetBody = Static<typeof CreateAssetBody>;

export const UpdateAssetBody = Type.Object(
  {
    serialNumber: Type.Optional(Serial),
    vendor: Type.Optional(Vendor),
    model: Type.Optional(Model),
    category: Type.Optional(literalUnion(ASSET_CATEGORIES)),
    ...editable,
    changeNote: Type.Optional(Type.String({ maxLength: 500, description: 'Kept with the change history entries' })),
  },
  { additionalProperties: false, minProperties: 1 },
);
export type UpdateAssetBody = Static<typeof UpdateAssetBody>;

const filters = {
  serial: Type.Optional(Type.String({ minLength: 1, maxLength: 100, description: 'Serial number prefix' })),
  model: Type.Optional(Type.String({ minLength: 1, maxLength: 100, description: 'Model contains' })),
  customerId: Type.Optional(Type.Integer({ minimum: 1 })),
  contractId: Type.Optional(Type.Integer({ minimum: 1 })),
  siteId: Type.Optional(Type.Integer({ minimum: 1 })),
  category: Type.Optional(literalUnion(ASSET_CATEGORIES)),
  status: Type.Optional(literalUnion(ASSET_STATUSES)),
  vendor: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
  expiringWithinDays: Type.Optional(Type.Integer({ minimum: 1, maximum: 366, description: 'Cover ends within this many days (30/60/90); sorted by that day' })),
  warranty: Type.Optional(literalUnion(WARRANTY_STATES)),
};

export const AssetListQuery = Type.Object({ ...PageQuery, ...filters }, { additionalProperties: false });
export type AssetListQuery = Static<typeof AssetListQuery>;
export type AssetFilters = Omit<AssetListQuery, 'cursor' | 'limit'>;

export const AssetExportQuery = Type.Object({ format: ExportFormat, ...filters }, { additionalProperties: false });

export const LookupQuery = Type.Object(
  {
    serial: Type.Optional(Type.String({ minLength: 1, maxLength: 100, description: 'Exact serial number' })),
    prefix: Type.Optional(Type.String({ minLength: 1, maxLength: 100, description: 'Serial number prefix, while typing' })),
  },
  { additionalProperties: false, minProperties: 1 },
);
export type LookupQuery = Static<typeof LookupQuery>;

export const EntitlementSchema = Type.Object(
  {
    asset: Type.Ref(AssetSchema),
    customer: Type.Object({ id: Type.Integer(), code: Type.String(), name: Type.String() }),
    contract: Nullable(
      Type.Object({
        id: Type.Integer(),
        number: Type.String(),
        name: Type.String(),
        coverage: Type.String(),
        serviceEnd: Type.String(),
        warrantyEnd: Nullable(Type.String()),
        sparesOnSite: Type.Boolean(),
      }),
    ),
    site: Nullable(Type.Object({ id: Type.Integer(), name: Type.String(), address: Type.String() })),
    warranty: WarrantySchema,
  },
  { $id: 'Entitlement' },
);

export const AssetChangeSchema = Type.Object(
  {
    id: Type.Integer(),
    at: Type.Integer(),
    field: Type.String(),
    oldValue: Nullable(Type.String()),
    newValue: Nullable(Type.String()),
    source: literalUnion(CHANGE_SOURCES),
    actorName: Type.String(),
    note: Type.String(),
  },
  { $id: 'AssetChange' },
);
export type AssetChangeDto = Static<typeof AssetChangeSchema>;

export const ASSET_COLUMNS: SheetColumn[] = [
  { key: 'customerCode', en: 'Customer code', zh: '客户编号' },
  { key: 'serialNumber', en: 'Serial number', zh: '序列号', width: 22 },
  { key: 'vendor', en: 'Vendor', zh: '厂商' },
  { key: 'model', en: 'Model', zh: '型号', width: 24 },
  { key: 'category', en: 'Category', zh: '类别' },
  { key: 'contractNumber', en: 'Contract number', zh: '合同编号' },
  { key: 'siteName', en: 'Site', zh: '地点' },
  { key: 'room', en: 'Room', zh: '机房' },
  { key: 'rack', en: 'Rack', zh: '机柜' },
  { key: 'unit', en: 'Unit', zh: 'U位' },
  { key: 'softwareVersion', en: 'Software version', zh: '软件版本' },
  { key: 'firmwareVersion', en: 'Firmware version', zh: '固件版本' },
  { key: 'ipAddress', en: 'IP address', zh: 'IP地址' },
  { key: 'hostname', en: 'Host name', zh: '主机名' },
  { key: 'installDate', en: 'Install date', zh: '安装日期' },
  { key: 'warrantyEnd', en: 'Warranty end', zh: '保修截止' },
  { key: 'warrantyCardNo', en: 'Warranty card', zh: '保修卡号' },
  { key: 'status', en: 'Status', zh: '状态' },
  { key: 'notes', en: 'Notes', zh: '备注' },
];
