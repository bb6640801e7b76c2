import { Type, type Static } from '@sinclair/typebox';
import { ExportFormat } from '../../http/export.js';
import { PageQuery } from '../../http/pagination.js';
import type { SheetColumn } from '../../shared/spreadsheet.js';

export const ContactSchema = Type.Object(
  {
    id: Type.Integer(),
    customerId: Type.Integer(),
    customerName: Type.String(),
    name: Type.String(),
    phone: Type.String(),
    mobile: Type.String(),
    email: Type.String(),
    wechat: Type.String(),
    position: Type.String(),
    isDesignatedTechnician: Type.Boolean({ description: '采购人指定技术人员: signs service forms (R9)' }),
    userId: Type.Union([Type.Integer(), Type.Null()]),
    username: Type.Union([Type.String(), Type.Null()]),
    notes: Type.String(),
    createdAt: Type.Integer(),
    updatedAt: Type.Integer(),
  },
  { $id: 'Contact' },
);
export type ContactDto = Static<typeof ContactSchema>;

const Phone = Type.String({ maxLength: 40, pattern: '^[0-9+()\\- ]*$' });
const fields = {
  name: Type.String({ minLength: 1, maxLength: 100 }),
  phone: Phone,
  mobile: Phone,
  email: Type.Union([Type.String({ format: 'email', maxLength: 200 }), Type.Literal('')]),
  wechat: Type.String({ maxLength: 60 }),
  position: Type.String({ maxLength: 100 }),
  isDesignatedTechnician: Type.Boolean(),
  notes: Type.String({ maxLength: 4000 }),
};

export const CreateContactBody = Type.Object(
  {
    customerId: Type.Integer({ minimum: 1 }),
    name: fields.name,
    phone: Type.Optional(fields.phone),
    mobile: Type.Optional(fields.mobile),
    email: Type.Optional(fields.email),
    wechat: Type.Optional(fields.wechat),
    position: Type.Optional(fields.position),
    isDesignatedTechnician: Type.Optional(fields.isDesignatedTechnician),
    notes: Type.Optional(fields.notes),
  },
  { additionalProperties: false },
);
export type CreateContactBody = Static<typeof CreateContactBody>;

export const UpdateContactBody = Type.Partial(Type.Omit(CreateContactBody, ['customerId']), { additionalProperties: false, minProperties: 1 });
export type UpdateContactBody = Static<typeof UpdateContactBody>;

export const ContactListQuery = Type.Object(
  {
    ...PageQuery,
    customerId: Type.Optional(Type.Integer({ minimum: 1 })),
    q: Type.Optional(Type.String({ maxLength: 100, description: 'Name contains, or phone/mobile starts with' })),
  },
  { additionalProperties: false },
);
export type ContactListQuery = Static<typeof ContactListQuery>;

export const ContactExportQuery = Type.Object(
  { format: ExportFormat, customerId: Type.Optional(Type.Integer({ minimum: 1 })), q: Type.Optional(Type.String({ maxLength: 100 })) },
  { additionalProperties: false },
);

export const PortalAccountBody = Type.Object(
  {
    username: Type.String({ pattern: '^[A-Za-z0-9][A-Za-z0-9._-]{1,39}$' }),
    locale: Type.Optional(Type.Union([Type.Literal('zh-CN'), Type.Literal('en'), Type.Null()])),
  },
  { additionalProperties: false },
);
export type PortalAccountBody = Static<typeof PortalAccountBody>;

export const CONTACT_COLUMNS: SheetColumn[] = [
  { key: 'customerCode', en: 'Customer code', zh: '客户编号' },
  { key: 'customerName', en: 'Customer', zh: '客户名称', width: 30 },
  { key: 'name', en: 'Name', zh: '姓名' },
  { key: 'position', en: 'Position', zh: '职务' },
  { key: 'phone', en: 'Phone', zh: '电话' },
  { key: 'mobile', en: 'Mobile', zh: '手机' },
  { key: 'email', en: 'E-mail', zh: '邮箱', width: 28 },
  { key: 'wechat', en: 'WeChat', zh: '微信' },
  { key: 'isDesignatedTechnician', en: 'Designated technician', zh: '指定技术人员' },
  { key: 'notes', en: 'Notes', zh: '备注' },
];
