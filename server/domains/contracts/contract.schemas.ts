import { Type, type Static } from '@sinclair/typebox';
import { ExportFormat } from '../../http/export.js';
import { literalUnion } from '../../http/literals.js';
import { PageQuery } from '../../http/pagination.js';
import type { SheetColumn } from '../../shared/spreadsheet.js';

export const COVERAGES = ['7x24', 'business_hours'] as const;
export const INSPECTION_FREQUENCIES = ['none', 'monthly', 'quarterly', 'semiannual', 'annual'] as const;
export const CONTRACT_STATUSES = ['upcoming', 'active', 'expired'] as const;

export const IsoDay = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$', description: 'Calendar day YYYY-MM-DD' });
const NullableDay = Type.Union([IsoDay, Type.Null()]);

const PersonSchema = Type.Object({ id: Type.Integer(), username: Type.String(), displayName: Type.String() });

export const ContractSchema = Type.Object(
  {
    id: Type.Integer(),
    customerId: Type.Integer(),
    customerName: Type.String(),
    number: Type.String(),
    name: Type.String(),
    serviceStart: Type.String(),
    serviceEnd: Type.String(),
    warrantyStart: Type.Union([Type.String(), Type.Null()]),
    warrantyEnd: Type.Union([Type.String(), Type.Null()]),
    coverage: literalUnion(COVERAGES),
    clockPolicy: Type.String({ description: 'Free-text label kept from before clock policies were records; clockPolicyId is what counts' }),
    clockPolicyId: Type.Union([Type.Integer(), Type.Null()], { description: 'The clock policy (R4); null: the default policy' }),
    clockPolicyName: Type.Union([Type.String(), Type.Null()]),
    calendarId: Type.Union([Type.Integer(), Type.Null()], { description: 'The service calendar; null: the built-in calendar of the coverage (7×24 or business hours)' }),
    calendarName: Type.Union([Type.String(), Type.Null()]),
    inspectionFrequency: literalUnion(INSPECTION_FREQUENCIES),
    inspectionContent: Type.String(),
    sparesOnSite: Type.Boolean(),
    handedOverOn: Type.Union([Type.String(), Type.Null()], { description: 'Hand-over to the customer technical support centre (R14)' }),
    ownerEngineerId: Type.Union([Type.Integer(), Type.Null()]),
    residentEngineerIds: Type.Array(Type.Integer()),
    engineers: Type.Array(PersonSchema),
    status: literalUnion(CONTRACT_STATUSES),
    notes: Type.String(),
    createdAt: Type.Integer(),
    updatedAt: Type.Integer(),
  },
  { $id: 'Contract' },
);
export type ContractDto = Static<typeof ContractSchema>;

const editable = {
  name: Type.String({ minLength: 1, maxLength: 200 }),
  serviceStart: IsoDay,
  serviceEnd: IsoDay,
  warrantyStart: Type.Optional(NullableDay),
  warrantyEnd: Type.Optional(NullableDay),
  coverage: Type.Optional(literalUnion(COVERAGES)),
  clockPolicy: Type.Optional(Type.String({ minLength: 1, maxLength: 60 })),
  clockPolicyId: Type.Optional(Type.Union([Type.Integer({ minimum: 1 }), Type.Null()])),
  calendarId: Type.Optional(Type.Union([Type.Integer({ minimum: 1 }), Type.Null()])),
  inspectionFrequency: Type.Optional(literalUnion(INSPECTION_FREQUENCIES)),
  inspectionContent: Type.Optional(Type.String({ maxLength: 4000 })),
  sparesOnSite: Type.Optional(Type.Boolean()),
  handedOverOn: Type.Optional(NullableDay),
  ownerEngineerId: Type.Optional(Type.Union([Type.Integer({ minimum: 1 }), Type.Null()])),
  residentEngineerIds: Type.Optional(Type.Array(Type.Integer({ minimum: 1 }), { maxItems: 50, uniqueItems: true })),
  notes: Type.Optional(Type.String({ maxLength: 4000 })),
};

export const CreateContractBody = Type.Object(
  { customerId: Type.Integer({ minimum: 1 }), number: Type.String({ minLength: 1, maxLength: 60 }), ...editable },
  { additionalProperties: false },
);
export type CreateContractBody = Static<typeof CreateContractBody>;

export const UpdateContractBody = Type.Object(
  {
    number: Type.Optional(Type.String({ minLength: 1, maxLength: 60 })),
    name: Type.Optional(editable.name),
    serviceStart: Type.Optional(IsoDay),
    serviceEnd: Type.Optional(IsoDay),
    warrantyStart: editable.warrantyStart,
    warrantyEnd: editable.warrantyEnd,
    coverage: editable.coverage,
    clockPolicy: editable.clockPolicy,
    clockPolicyId: editable.clockPolicyId,
    calendarId: editable.calendarId,
    inspectionFrequency: editable.inspectionFrequency,
    inspectionContent: editable.inspectionContent,
    sparesOnSite: editable.sparesOnSite,
    handedOverOn: editable.handedOverOn,
    ownerEngineerId: editable.ownerEngineerId,
    residentEngineerIds: editable.residentEngineerIds,
    notes: editable.notes,
  },
  { additionalProperties: false, minProperties: 1 },
);
export type UpdateContractBody = Static<typeof UpdateContractBody>;

export const ContractListQuery = Type.Object(
  {
    ...PageQuery,
    customerId: Type.Optional(Type.Integer({ minimum: 1 })),
    q: Type.Optional(Type.String({ maxLength: 100 })),
    status: Type.Optional(literalUnion(CONTRACT_STATUSES)),
  },
  { additionalProperties: false },
);
export type ContractListQuery = Static<typeof ContractListQuery>;

export const ContractExportQuery = Type.Object(
  {
    format: ExportFormat,
    customerId: Type.Optional(Type.Integer({ minimum: 1 })),
    q: Type.Optional(Type.String({ maxLength: 100 })),
    status: Type.Optional(literalUnion(CONTRACT_STATUSES)),
  },
  { additionalProperties: false },
);

export const CONTRACT_COLUMNS: SheetColumn[] = [
  { key: 'number', en: 'Contract number', zh: '合同编号' },
  { key: 'name', en: 'Name', zh: '项目名称', width: 36 },
  { key: 'customerName', en: 'Customer', zh: '客户', width: 30 },
  { key: 'serviceStart', en: 'Service start', zh: '服务开始' },
  { key: 'serviceEnd', en: 'Service end', zh: '服务结束' },
  { key: 'warrantyStart', en: 'Warranty start', zh: '质保开始' },
  { key: 'warrantyEnd', en: 'Warranty end', zh: '质保结束' },
  { key: 'coverage', en: 'Coverage', zh: '服务时间' },
  { key: 'inspectionFrequency', en: 'Inspections', zh: '巡检频率' },
  { key: 'sparesOnSite', en: 'Spares on site', zh: '现场备件' },
  { key: 'handedOverOn', en: 'Handed over', zh: '移交日期' },
  { key: 'status', en: 'Status', zh: '状态' },
];
