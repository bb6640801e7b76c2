import { Type, type Static, type TSchema } from '@sinclair/typebox';

/** The largest file one upload may carry. */
export const ATTACHMENT_MAX_BYTES = 20 * 1024 * 1024;

const Nullable = <T extends TSchema>(t: T) => Type.Union([t, Type.Null()]);

export const AttachmentSchema = Type.Object({
  id: Type.Integer(),
  ticketId: Type.Integer(),
  name: Type.String({ description: 'The uploaded file name, cleaned for display' }),
  contentType: Type.String({ description: 'Detected from the content, not from the name' }),
  size: Type.Integer({ description: 'Bytes' }),
  sha256: Type.String({ description: 'Hex SHA-256 of the content' }),
  internal: Type.Boolean({ description: 'Staff only; never shown to customer contacts' }),
  uploadedBy: Nullable(Type.Object({ id: Type.Integer(), name: Type.String() })),
  createdAt: Type.Integer(),
  url: Type.String({ description: 'Where to download it (GET, same access as the ticket)' }),
});
export type AttachmentDto = Static<typeof AttachmentSchema>;

export const AttachmentList = Type.Object({ items: Type.Array(AttachmentSchema) });

export const UploadQuery = Type.Object({
  name: Type.String({ minLength: 1, maxLength: 1000, description: 'The file’s name, for display and for the download’s file name' }),
  internal: Type.Boolean({ default: false, description: 'Staff only: an attachment customer contacts never see' }),
});
export type UploadQuery = Static<typeof UploadQuery>;
