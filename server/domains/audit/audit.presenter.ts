import { Type, type Static } from '@sinclair/typebox';
import type { AuditRow } from '../../db/schema.js';

export const AuditEntrySchema = Type.Object(
  {
    id: Type.Integer(),
    at: Type.Integer({ description: 'UTC epoch milliseconds' }),
    actorId: Type.Union([Type.Integer(), Type.Null()]),
    actorName: Type.String(),
    action: Type.String(),
    entityType: Type.String(),
    entityId: Type.Union([Type.String(), Type.Null()]),
    before: Type.Unknown(),
    after: Type.Unknown(),
    ip: Type.Union([Type.String(), Type.Null()]),
  },
  { $id: 'AuditEntry' },
);
export type AuditEntryDto = Static<typeof AuditEntrySchema>;

export function presentAudit(row: AuditRow): AuditEntryDto {
  return {
    id: row.id,
    at: row.at,
    actorId: row.actor_user_id,
    actorName: row.actor_name,
    action: row.action,
    entityType: row.entity_type,
    entityId: row.entity_id,
    before: row.before_json === null ? null : JSON.parse(row.before_json),
    after: row.after_json === null ? null : JSON.parse(row.after_json),
    ip: row.ip,
  };
}
