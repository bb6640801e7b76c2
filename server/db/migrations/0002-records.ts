import { sql, type Kysely } from 'kysely';
import type { Engine } from '../database.js';
import { idColumn, timeColumn, type WeibaoMigration } from './helpers.js';

/**
 * Customer files, contacts, sites, contracts and the asset registry with its change history
 * (R5, R12, R13, R14, R18). Calendar dates (periods, warranty ends, install dates) are ISO
 * `YYYY-MM-DD` text: they are days in the customer's zone, not instants, and sort as text.
 */
export const records: WeibaoMigration = {
  name: '0002-records',
  async up(db: Kysely<unknown>, engine: Engine) {
    for (const column of ['industry', 'address', 'notes', 'phone']) {
      await db.schema.alterTable('customers').addColumn(column, 'text', (c) => c.notNull().defaultTo('')).execute();
    }
    await db.schema.createIndex('customers_name_idx').on('customers').column('name').execute();

    await db.schema
      .createTable('customer_contacts')
      .addColumn('id', ...idColumn(engine))
      .addColumn('customer_id', 'bigint', (c) => c.notNull().references('customers.id').onDelete('cascade'))
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('phone', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('mobile', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('email', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('wechat', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('position', 'text', (c) => c.notNull().defaultTo(''))
      // 采购人指定技术人员: the person who signs service forms (R9).
      .addColumn('is_designated_technician', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('user_id', 'bigint', (c) => c.references('users.id').onDelete('set null'))
      .addColumn('notes', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('created_at', ...timeColumn())
      .addColumn('updated_at', ...timeColumn())
      .execute();
    await db.schema.createIndex('contacts_customer_idx').on('customer_contacts').columns(['customer_id', 'name', 'id']).execute();
    await db.schema.createIndex('contacts_phone_idx').on('customer_contacts').column('phone').execute();
    await db.schema.createIndex('contacts_mobile_idx').on('customer_contacts').column('mobile').execute();
    await db.schema.createIndex('contacts_user_idx').on('customer_contacts').column('user_id').unique().execute();

    await db.schema
      .createTable('sites')
      .addColumn('id', ...idColumn(engine))
      .addColumn('customer_id', 'bigint', (c) => c.notNull().references('customers.id').onDelete('cascade'))
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('address', 'text', (c) => c.notNull().defaultTo(''))
      // Machine rooms (机房) at the site, a JSON array of names.
      .addColumn('rooms_json', 'text', (c) => c.notNull().defaultTo('[]'))
      .addColumn('notes', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('created_at', ...timeColumn())
      .addColumn('updated_at', ...timeColumn())
      .execute();
    await db.schema.createIndex('sites_customer_idx').on('sites').columns(['customer_id', 'name']).unique().execute();

    await db.schema
      .createTable('contracts')
      .addColumn('id', ...idColumn(engine))
      .addColumn('customer_id', 'bigint', (c) => c.notNull().references('customers.id').onDelete('restrict'))
      .addColumn('number', 'text', (c) => c.notNull().unique())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('service_start', 'text', (c) => c.notNull())
      .addColumn('service_end', 'text', (c) => c.notNull())
      .addColumn('warranty_start', 'text')
      .addColumn('warranty_end', 'text')
      .addColumn('coverage', 'text', (c) => c.notNull().defaultTo('7x24'))
      // The service-clock policy by name; the clocks issue turns this into a reference.
      .addColumn('clock_policy', 'text', (c) => c.notNull().defaultTo('default'))
      .addColumn('inspection_frequency', 'text', (c) => c.notNull().defaultTo('quarterly'))
      .addColumn('inspection_content', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('spares_on_site', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('handed_over_on', 'text')
      .addColumn('owner_engineer_id', 'bigint', (c) => c.references('users.id').onDelete('set null'))
      .addColumn('notes', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('created_at', ...timeColumn())
      .addColumn('updated_at', ...timeColumn())
      .execute();
    await db.schema.createIndex('contracts_customer_idx').on('contracts').columns(['customer_id', 'number']).execute();
    await db.schema.createIndex('contracts_warranty_end_idx').on('contracts').column('warranty_end').execute();

    await db.schema
      .createTable('contract_engineers')
      .addColumn('contract_id', 'bigint', (c) => c.notNull().references('contracts.id').onDelete('cascade'))
      .addColumn('user_id', 'bigint', (c) => c.notNull().references('users.id').onDelete('cascade'))
      .addPrimaryKeyConstraint('contract_engineers_pk', ['contract_id', 'user_id'])
      .execute();

    await db.schema
      .createTable('assets')
      .addColumn('id', ...idColumn(engine))
      .addColumn('customer_id', 'bigint', (c) => c.notNull().references('customers.id').onDelete('restrict'))
      .addColumn('contract_id', 'bigint', (c) => c.references('contracts.id').onDelete('set null'))
      .addColumn('site_id', 'bigint', (c) => c.references('sites.id').onDelete('set null'))
      .addColumn('parent_id', 'bigint', (c) => c.references('assets.id').onDelete('set null'))
      // Stored upper-cased and trimmed; unique per vendor (vendor_key is the lower-cased vendor).
      .addColumn('serial_number', 'text', (c) => c.notNull())
      .addColumn('vendor', 'text', (c) => c.notNull())
      .addColumn('vendor_key', 'text', (c) => c.notNull())
      .addColumn('model', 'text', (c) => c.notNull())
      .addColumn('category', 'text', (c) => c.notNull())
      .addColumn('room', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('rack', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('unit', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('software_version', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('firmware_version', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('ip_address', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('hostname', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('install_date', 'text')
      .addColumn('warranty_end', 'text')
      // The day cover ends: the later of the asset's own warranty end and its contract's warranty
      // and service ends, kept by the services so "expiring in 30 days" is an index range.
      .addColumn('coverage_end', 'text')
      .addColumn('warranty_card_no', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('status', 'text', (c) => c.notNull().defaultTo('in_service'))
      .addColumn('custom_fields_json', 'text', (c) => c.notNull().defaultTo('{}'))
      .addColumn('notes', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('created_at', ...timeColumn())
      .addColumn('updated_at', ...timeColumn())
      .execute();
    await db.schema.createIndex('assets_vendor_serial_uq').on('assets').columns(['vendor_key', 'serial_number']).unique().execute();
    // Serial lookups (exact and prefix while typing) are range scans on this index. On PostgreSQL
    // the index uses the "C" collation so a prefix range is a plain byte range under any locale.
    if (engine === 'postgres') {
      await sql`create index assets_serial_idx on assets (serial_number collate "C", id)`.execute(db);
    } else {
      await db.schema.createIndex('assets_serial_idx').on('assets').columns(['serial_number', 'id']).execute();
    }
    await db.schema.createIndex('assets_customer_idx').on('assets').columns(['customer_id', 'id']).execute();
    await db.schema.createIndex('assets_contract_idx').on('assets').columns(['contract_id', 'id']).execute();
    await db.schema.createIndex('assets_site_idx').on('assets').columns(['site_id', 'id']).execute();
    await db.schema.createIndex('assets_parent_idx').on('assets').column('parent_id').execute();
    await db.schema.createIndex('assets_coverage_idx').on('assets').columns(['coverage_end', 'id']).execute();
    await db.schema.createIndex('assets_model_idx').on('assets').columns(['model', 'id']).execute();
    await db.schema.createIndex('assets_category_idx').on('assets').columns(['category', 'id']).execute();
    await db.schema.createIndex('assets_status_idx').on('assets').columns(['status', 'id']).execute();

    await db.schema
      .createTable('asset_changes')
      .addColumn('id', ...idColumn(engine))
      .addColumn('asset_id', 'bigint', (c) => c.notNull().references('assets.id').onDelete('cascade'))
      .addColumn('customer_id', 'bigint', (c) => c.notNull())
      .addColumn('at', ...timeColumn())
      .addColumn('field', 'text', (c) => c.notNull())
      .addColumn('old_value', 'text')
      .addColumn('new_value', 'text')
      // manual, import, inspection, repair (R12, R13)
      .addColumn('source', 'text', (c) => c.notNull())
      .addColumn('actor_user_id', 'bigint')
      .addColumn('actor_name', 'text', (c) => c.notNull())
      .addColumn('note', 'text', (c) => c.notNull().defaultTo(''))
      .execute();
    await db.schema.createIndex('asset_changes_asset_idx').on('asset_changes').columns(['asset_id', 'id']).execute();
  },
};
