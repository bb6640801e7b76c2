import { Type, type Static } from '@sinclair/typebox';
import { PageQuery } from '../../http/pagination.js';

/** Vendors (原厂) and their support contacts, whom faults are escalated to (R6). */

const Phone = Type.String({ maxLength: 40, pattern: '^[0-9+()\\- ]*$' });
const Email = Type.Union([Type.String({ format: 'email', maxLength: 200 }), Type.Literal('')]);
const Name = Type.String({ minLength: 1, maxLength: 100, pattern: '\\S' });

export const VendorContactSchema = Type.Object({
  id: Type.Integer(),
  name: Type.String(),
  role: Type.String({ description: 'e.g. 二线技术支持, 客户经理' }),
  phone: Type.String(),
  email: Type.String(),
});
export type VendorContactDto = Static<typeof VendorContactSchema>;

export const VendorSchema = Type.Object(
  {
    id: Type.Integer(),
    name: Type.String(),
    supportPhone: Type.String({ description: "The vendor's support hotline (技术支援部)" }),
    supportEmail: Type.String(),
    portalUrl: Type.String({ description: 'Where cases are opened on the web, if anywhere' }),
    notes: Type.String(),
    active: Type.Boolean({ description: 'Inactive vendors stay on old escalations but take no new ones' }),
    contacts: Type.Array(VendorContactSchema),
    createdAt: Type.Integer(),
    updatedAt: Type.Integer(),
  },
  // Inline rather than a shared $ref: the domain registers no schema of its own in app.ts.
  { title: 'Vendor' },
);
export type VendorDto = Static<typeof VendorSchema>;

const ContactInput = Type.Object(
  {
    id: Type.Optional(Type.Integer({ minimum: 1, description: 'An existing contact of this vendor to keep; absent for a new one' })),
    name: Name,
    role: Type.Optional(Type.String({ maxLength: 100 })),
    phone: Type.Optional(Phone),
    email: Type.Optional(Email),
  },
  { additionalProperties: false },
);
export type VendorContactInput = Static<typeof ContactInput>;

const Contacts = Type.Array(ContactInput, { maxItems: 50, description: 'The whole list: contacts left out are removed' });

const fields = {
  supportPhone: Type.Optional(Phone),
  supportEmail: Type.Optional(Email),
  portalUrl: Type.Optional(Type.Union([Type.String({ pattern: '^https?://\\S+$', maxLength: 500 }), Type.Literal('')])),
  notes: Type.Optional(Type.String({ maxLength: 4000 })),
};

export const CreateVendorBody = Type.Object({ name: Name, ...fields, contacts: Type.Optional(Contacts) }, { additionalProperties: false });
export type CreateVendorBody = Static<typeof CreateVendorBody>;

export const UpdateVendorBody = Type.Object(
  { name: Type.Optional(Name), ...fields, active: Type.Optional(Type.Boolean()), contacts: Type.Optional(Contacts) },
  { additionalProperties: false, minProperties: 1 },
);
export type UpdateVendorBody = Static<typeof UpdateVendorBody>;

export const VendorListQuery = Type.Object(
  {
    ...PageQuery,
    q: Type.Optional(Type.String({ maxLength: 100, description: 'Part of the name' })),
    active: Type.Optional(Type.Boolean({ description: 'Only active (true) or inactive (false) vendors' })),
  },
  { additionalProperties: false },
);
export type VendorListQuery = Static<typeof VendorListQuery>;
