import type { ColumnDefinitionBuilder, Kysely } from 'kysely';
import type { Engine } from '../database.js';
import { idColumn, timeColumn, type WeibaoMigration } from './helpers.js';

/**
 * Field service (issue 6; R6, R7, R9, R10, R13): remote diagnosis sessions, dispatch orders and
 * their visits (engineers, times, work log), vendors with their support contacts and the
 * escalations passed to them, how a fault was resolved, service forms with their versions and
 * signatures, one-time sign links, and fault analysis reports.
 *
 * Long texts are `text`; times are epoch ms like everywhere; a drawn signature is kept as a base64
 * PNG so both engines store it the same way (a few kilobytes per form).
 */
export const fieldService: WeibaoMigration = {
  name: '0009-field-service',
  async up(db: Kysely<unknown>, engine: Engine) {
    const text = (c: ColumnDefinitionBuilder) => c.notNull().defaultTo('');

    // 远程诊断 (R6): a phone call or remote login working on a fault, with what it found and did.
    await db.schema
      .createTable('remote_sessions')
      .addColumn('id', ...idColumn(engine))
      .addColumn('ticket_id', 'bigint', (c) => c.notNull().references('tickets.id').onDelete('cascade'))
      .addColumn('customer_id', 'bigint', (c) => c.notNull().references('customers.id'))
      .addColumn('method', 'text', (c) => c.notNull())
      .addColumn('engineer_user_id', 'bigint', (c) => c.references('users.id'))
      .addColumn('started_at', ...timeColumn())
      .addColumn('ended_at', 'bigint')
      .addColumn('findings', 'text', text)
      .addColumn('actions', 'text', text)
      .addColumn('result', 'text', text)
      .addColumn('created_at', ...timeColumn())
      .addColumn('updated_at', ...timeColumn())
      .execute();
    await db.schema.createIndex('remote_sessions_ticket_idx').on('remote_sessions').columns(['ticket_id', 'id']).execute();

    // 派工单 (R7): one order is one visit to a site by one or more engineers. Its times are the
    // engineer's own check-points; departing and arriving feed the dispatch and arrival clocks.
    await db.schema
      .createTable('dispatches')
      .addColumn('id', ...idColumn(engine))
      // The ticket's number and the visit's place among its visits: GZ-20261124-0007-D2.
      .addColumn('number', 'text', (c) => c.notNull().unique())
      .addColumn('ticket_id', 'bigint', (c) => c.notNull().references('tickets.id').onDelete('cascade'))
      .addColumn('customer_id', 'bigint', (c) => c.notNull().references('customers.id'))
      .addColumn('site_id', 'bigint', (c) => c.references('sites.id'))
      .addColumn('state', 'text', (c) => c.notNull())
      .addColumn('planned_at', ...timeColumn())
      .addColumn('bring', 'text', text)
      .addColumn('notes', 'text', text)
      .addColumn('parts_used', 'text', text)
      .addColumn('accepted_at', 'bigint')
      .addColumn('departed_at', 'bigint')
      .addColumn('arrived_at', 'bigint')
      .addColumn('left_at', 'bigint')
      .addColumn('cancelled_at', 'bigint')
      .addColumn('cancel_reason', 'text', text)
      // Why this visit has no signed service form, when it has none (closing a fault needs one or this).
      .addColumn('no_form_reason', 'text', text)
      .addColumn('created_by_user_id', 'bigint', (c) => c.references('users.id'))
      .addColumn('created_at', ...timeColumn())
      .addColumn('updated_at', ...timeColumn())
      .execute();
    await db.schema.createIndex('dispatches_ticket_idx').on('dispatches').columns(['ticket_id', 'id']).execute();
    await db.schema.createIndex('dispatches_planned_idx').on('dispatches').columns(['planned_at', 'id']).execute();

    await db.schema
      .createTable('dispatch_engineers')
      .addColumn('dispatch_id', 'bigint', (c) => c.notNull().references('dispatches.id').onDelete('cascade'))
      .addColumn('user_id', 'bigint', (c) => c.notNull().references('users.id'))
      .addPrimaryKeyConstraint('dispatch_engineers_pk', ['dispatch_id', 'user_id'])
      .execute();
    // The engineer's view: "my jobs" is a range over this index.
    await db.schema.createIndex('dispatch_engineers_user_idx').on('dispatch_engineers').columns(['user_id', 'dispatch_id']).execute();

    // The visit's work log; a photo is an attachment of the ticket, linked here.
    await db.schema
      .createTable('visit_logs')
      .addColumn('id', ...idColumn(engine))
      .addColumn('dispatch_id', 'bigint', (c) => c.notNull().references('dispatches.id').onDelete('cascade'))
      .addColumn('at', ...timeColumn())
      .addColumn('author_user_id', 'bigint', (c) => c.references('users.id'))
      .addColumn('author_name', 'text', (c) => c.notNull())
      .addColumn('body', 'text', text)
      .addColumn('attachment_id', 'bigint', (c) => c.references('attachments.id').onDelete('set null'))
      .execute();
    await db.schema.createIndex('visit_logs_dispatch_idx').on('visit_logs').columns(['dispatch_id', 'id']).execute();

    // How a fault was fixed (R6 故障解决方式) and when service came back; one per ticket, the
    // latest recording wins (its history is on the timeline and in the audit log).
    await db.schema
      .createTable('ticket_resolutions')
      .addColumn('ticket_id', 'bigint', (c) => c.primaryKey().references('tickets.id').onDelete('cascade'))
      .addColumn('customer_id', 'bigint', (c) => c.notNull().references('customers.id'))
      .addColumn('method', 'text', (c) => c.notNull())
      .addColumn('details', 'text', text)
      .addColumn('root_cause', 'text', text)
      .addColumn('version_before', 'text', text)
      .addColumn('version_after', 'text', text)
      .addColumn('restored_at', ...timeColumn())
      .addColumn('recorded_by_user_id', 'bigint', (c) => c.references('users.id'))
      .addColumn('recorded_at', ...timeColumn())
      .execute();

    // 服务表格 (R9): made from a visit. A signed version is never changed again: a change makes the
    // next version and marks this one superseded. The hash covers the content and the signature.
    await db.schema
      .createTable('service_forms')
      .addColumn('id', ...idColumn(engine))
      .addColumn('dispatch_id', 'bigint', (c) => c.notNull().references('dispatches.id').onDelete('cascade'))
      .addColumn('ticket_id', 'bigint', (c) => c.notNull().references('tickets.id').onDelete('cascade'))
      .addColumn('customer_id', 'bigint', (c) => c.notNull().references('customers.id'))
      .addColumn('version', 'integer', (c) => c.notNull())
      .addColumn('state', 'text', (c) => c.notNull())
      .addColumn('content_json', 'text', (c) => c.notNull())
      .addColumn('signer_name', 'text', text)
      .addColumn('signer_contact_id', 'bigint', (c) => c.references('customer_contacts.id'))
      .addColumn('signed_by_user_id', 'bigint', (c) => c.references('users.id'))
      .addColumn('signed_via', 'text', text)
      .addColumn('signed_at', 'bigint')
      .addColumn('satisfaction', 'text', text)
      .addColumn('comment', 'text', text)
      .addColumn('signature_png', 'text', text)
      .addColumn('content_hash', 'text', text)
      .addColumn('created_by_user_id', 'bigint', (c) => c.references('users.id'))
      .addColumn('created_at', ...timeColumn())
      .addColumn('updated_at', ...timeColumn())
      .addUniqueConstraint('service_forms_version_uq', ['dispatch_id', 'version'])
      .execute();
    await db.schema.createIndex('service_forms_ticket_idx').on('service_forms').columns(['ticket_id', 'id']).execute();

    // One-time sign links sent by e-mail; only the SHA-256 of the token is kept.
    await db.schema
      .createTable('sign_links')
      .addColumn('id', ...idColumn(engine))
      .addColumn('form_id', 'bigint', (c) => c.notNull().references('service_forms.id').onDelete('cascade'))
      .addColumn('customer_id', 'bigint', (c) => c.notNull().references('customers.id'))
      .addColumn('token_hash', 'text', (c) => c.notNull().unique())
      .addColumn('email', 'text', (c) => c.notNull())
      .addColumn('expires_at', ...timeColumn())
      .addColumn('used_at', 'bigint')
      .addColumn('created_by_user_id', 'bigint', (c) => c.references('users.id'))
      .addColumn('created_at', ...timeColumn())
      .execute();

    // 故障分析说明 (R10): drafted from the ticket, approved by a manager, delivered as a PDF.
    await db.schema
      .createTable('fault_reports')
      .addColumn('id', ...idColumn(engine))
      .addColumn('ticket_id', 'bigint', (c) => c.notNull().unique().references('tickets.id').onDelete('cascade'))
      .addColumn('customer_id', 'bigint', (c) => c.notNull().references('customers.id'))
      .addColumn('state', 'text', (c) => c.notNull())
      .addColumn('summary', 'text', text)
      .addColumn('timeline', 'text', text)
      .addColumn('cause', 'text', text)
      .addColumn('handling', 'text', text)
      .addColumn('prevention', 'text', text)
      .addColumn('drafted_by_user_id', 'bigint', (c) => c.references('users.id'))
      .addColumn('approved_by_user_id', 'bigint', (c) => c.references('users.id'))
      .addColumn('approved_at', 'bigint')
      .addColumn('delivered_at', 'bigint')
      .addColumn('delivered_to', 'text', text)
      .addColumn('created_at', ...timeColumn())
      .addColumn('updated_at', ...timeColumn())
      .execute();

    // Vendors (原厂) and their support contacts (R6: 上报到相关厂商技术支援部).
    await db.schema
      .createTable('vendors')
      .addColumn('id', ...idColumn(engine))
      .addColumn('name', 'text', (c) => c.notNull().unique())
      .addColumn('support_phone', 'text', text)
      .addColumn('support_email', 'text', text)
      .addColumn('portal_url', 'text', text)
      .addColumn('notes', 'text', text)
      .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
      .addColumn('created_at', ...timeColumn())
      .addColumn('updated_at', ...timeColumn())
      .execute();
    await db.schema
      .createTable('vendor_contacts')
      .addColumn('id', ...idColumn(engine))
      .addColumn('vendor_id', 'bigint', (c) => c.notNull().references('vendors.id').onDelete('cascade'))
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('role', 'text', text)
      .addColumn('phone', 'text', text)
      .addColumn('email', 'text', text)
      .addColumn('created_at', ...timeColumn())
      .execute();
    await db.schema.createIndex('vendor_contacts_vendor_idx').on('vendor_contacts').column('vendor_id').execute();

    await db.schema
      .createTable('vendor_escalations')
      .addColumn('id', ...idColumn(engine))
      .addColumn('ticket_id', 'bigint', (c) => c.notNull().references('tickets.id').onDelete('cascade'))
      .addColumn('customer_id', 'bigint', (c) => c.notNull().references('customers.id'))
      .addColumn('vendor_id', 'bigint', (c) => c.notNull().references('vendors.id'))
      .addColumn('case_number', 'text', text)
      .addColumn('state', 'text', (c) => c.notNull())
      // What was passed on: the customer's details, the actions taken and their results (R6).
      .addColumn('brief', 'text', text)
      .addColumn('opened_by_user_id', 'bigint', (c) => c.references('users.id'))
      .addColumn('opened_at', ...timeColumn())
      .addColumn('closed_at', 'bigint')
      .addColumn('updated_at', ...timeColumn())
      .execute();
    await db.schema.createIndex('vendor_escalations_ticket_idx').on('vendor_escalations').columns(['ticket_id', 'id']).execute();
    await db.schema.createIndex('vendor_escalations_vendor_idx').on('vendor_escalations').columns(['vendor_id', 'id']).execute();
    await db.schema
      .createTable('vendor_escalation_entries')
      .addColumn('id', ...idColumn(engine))
      .addColumn('escalation_id', 'bigint', (c) => c.notNull().references('vendor_escalations.id').onDelete('cascade'))
      .addColumn('at', ...timeColumn())
      // 'sent' (passed to the vendor), 'received' (the vendor's answer) or 'note'.
      .addColumn('direction', 'text', (c) => c.notNull())
      .addColumn('body', 'text', text)
      .addColumn('actor_user_id', 'bigint', (c) => c.references('users.id'))
      .addColumn('actor_name', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('vendor_escalation_entries_idx').on('vendor_escalation_entries').columns(['escalation_id', 'id']).execute();
  },
};
