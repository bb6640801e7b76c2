import { Type, type Static } from '@sinclair/typebox';
import { ExportFormat } from '../../http/export.js';
import { PageQuery } from '../../http/pagination.js';
import type { SheetColumn } from '../../shared/spreadsheet.js';

export const CustomerSchema = Type.Object(
  {
    id: Type.Integer(),
    code: Type.String(),
    name: Type.String(),
    industry: Type.String(),
    address: Type.String(),
    phone: Type.String(),
    notes: Type.String(),
    createdAt: Type.Integer(),
    updatedAt: Type.Integer(),
  },
  { $id: 'Customer' },
);
export type CustomerDto = Static<typeof CustomerSchema>;

export const CustomerDetailSchema = Type.Intersect([
  Type.Ref(CustomerSchema),
  Type.Object({
    counts: Type.Object({ contacts: Type.Integer(), sites: Type.Integer(), contracts: Type.Integer(), assets: Type.Integer() }),
  }),
]);

export const CustomerCode = Type.String({ pattern: '^[A-Za-z0-9][A-Za-z0-9_-]{0,31}$', description: 'Stored upper-cased; unique' });

const fields = {
  name: Type.String({ minLength: 1, maxLength: 200 }),
  industry: Type.String({ maxLength: 100 }),
  address: Type.String({ maxLength: 500 }),
  phone: Type.String({ maxLength: 60 }),
  notes: Type.String({ maxLength: 4000 }),
};

export const CreateCustomerBody = Type.Object(
  {
    code: CustomerCode,
    name: fields.name,
    industry: Type.Optional(fields.industry),
    address: Type.Optional(fields.address),
    phone: Type.Optional(fields.phone),
    notes: Type.Optional(fields.notes),
  },
  { additionalProperties: false },
);
export type CreateCustomerBody = Static<typeof CreateCustomerBody>;

export const UpdateCustomerBody = Type.Partial(CreateCustomerBody, { additionalProperties: false, minProperties: 1 });
export type UpdateCustomerBody = Static<typeof UpdateCustomerBody>;

export const CustomerListQuery = Type.Object(
  { ...PageQuery, q: Type.Optional(Type.String({ maxLength: 100 })) },
  { additionalProperties: false },
);
export type CustomerListQuery = Static<typeof CustomerListQuery>;

export const CustomerExportQuery = Type.Object(
  { format: ExportFormat, q: Type.Optional(Type.String({ maxLength: 100 })) },
  { additionalProperties: false },
);

/** Spreadsheet columns for export and import (用户档案). */
export const CUSTOMER_COLUMNS: SheetColumn[] = [
  { key: 'code', en: 'Code', zh: '客户编号' },
  { key: 'name', en: 'Name', zh: '客户名称', width: 36 },
  { key: 'industry', en: 'Industry', zh: '行业' },
  { key: 'address', en: 'Address', zh: '地址', width: 40 },
  { key: 'phone', en: 'Phone', zh: '电话' },
  { key: 'notes', en: 'Notes', zh: '备注', width: 30 },
];
