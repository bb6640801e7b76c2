import type { Deps } from '../deps.js';
import { systemContext, type RequestContext } from '../http/actor.js';
import { createAssetIn } from '../domains/assets/asset.service.js';
import { createContact } from '../domains/contacts/contact.service.js';
import { createContract } from '../domains/contracts/contract.service.js';
import { createCustomer, listCustomers } from '../domains/customers/customer.service.js';
import { createSite } from '../domains/sites/site.service.js';
import { createTeam, listTeams } from '../domains/teams/team.service.js';
import { createUser, listUsers } from '../domains/users/user.service.js';
import type { Role } from '../domains/users/roles.js';
import { addDays, dayIn } from '../shared/dates.js';
import { planAssets, type PlannedAsset } from './demo-assets.js';
import { contractNumber, CUSTOMER_FILES } from './demo-records.js';
import { loadDemoParts } from './demo-parts.js';
import { SeededRandom } from './random.js';
import { loadDemoTickets } from './demo-tickets.js';
import { loadDemoVendors, VENDOR_COUNT } from './demo-vendors.js';

/** Every demo account signs in with this password (demo data only; change it on a real install). */
export const DEMO_PASSWORD = 'Weibao2026demo';

interface DemoPerson {
  username: string;
  displayName: string;
  roles: Role[];
  phone: string;
  email: string;
  customer?: string;
  locale?: 'zh-CN' | 'en';
}

const CUSTOMERS = [
  { code: 'WHSY', name: '武汉市第三医院信息中心', industry: '医疗卫生', address: '湖北省武汉市江汉区解放大道 241 号', phone: '027-68890000', notes: '三级甲等综合医院,HIS/PACS/EMR 系统 7×24 运行' },
  { code: 'CJSW', name: '长江水务集团有限公司', industry: '水务 / 公用事业', address: '湖北省武汉市江岸区沿江大道 68 号', phone: '027-85550000', notes: '生产调度系统为关键业务' },
  { code: 'HZKJ', name: '华中科技职业学院网络中心', industry: '教育', address: '湖北省武汉市洪山区珞喻路 1037 号', phone: '027-87770000', notes: '寒暑假为计划停机窗口' },
  { code: 'GFLOG', name: 'Greenfield Logistics (Wuhan) Co., Ltd.', industry: 'Logistics 物流', address: 'No. 8 Gangcheng Road, Xinzhou District, Wuhan', phone: '027-86660000', notes: 'Foreign-invested; English-speaking contacts' },
];

/** Tickets with timelines over the past year (issue: "some thousands of realistic tickets"). */
const DEMO_TICKETS = 2000;

// The same demo company on every load and both engines.
const DEMO_SEED = 20261124;

const STAFF: DemoPerson[] = [
  { username: 'liuyang', displayName: '刘洋', roles: ['manager'], phone: '13807140001', email: 'liuyang@weibao.example' },
  { username: 'chenjing', displayName: '陈静', roles: ['dispatcher', 'agent'], phone: '13807140002', email: 'chenjing@weibao.example' },
  { username: 'wangfang', displayName: '王芳', roles: ['agent'], phone: '13807140003', email: 'wangfang@weibao.example' },
  { username: 'lina', displayName: '李娜', roles: ['agent'], phone: '13807140004', email: 'lina@weibao.example' },
  { username: 'zhangwei', displayName: '张伟', roles: ['engineer'], phone: '13907140011', email: 'zhangwei@weibao.example' },
  { username: 'lihua', displayName: '李华', roles: ['engineer'], phone: '13907140012', email: 'lihua@weibao.example' },
  { username: 'zhaolei', displayName: '赵磊', roles: ['engineer'], phone: '13907140013', email: 'zhaolei@weibao.example' },
  { username: 'sunqiang', displayName: '孙强', roles: ['engineer'], phone: '13907140014', email: 'sunqiang@weibao.example' },
  { username: 'zhoujie', displayName: '周杰', roles: ['engineer', 'dispatcher'], phone: '13907140015', email: 'zhoujie@weibao.example' },
  { username: 'wumin', displayName: '吴敏', roles: ['engineer'], phone: '13907140016', email: 'wumin@weibao.example' },
  { username: 'david.chen', displayName: 'David Chen', roles: ['engineer'], phone: '13907140017', email: 'david.chen@weibao.example', locale: 'en' },
  { username: 'huangli', displayName: '黄丽', roles: ['storekeeper'], phone: '13807140021', email: 'huangli@weibao.example' },
];

const CONTACTS: DemoPerson[] = [
  { username: 'whsy.xu', displayName: '徐明(信息科)', roles: ['customer_contact'], phone: '02768890001', email: 'xuming@whsy.example', customer: 'WHSY' },
  { username: 'whsy.he', displayName: '何静', roles: ['customer_contact'], phone: '02768890002', email: 'hejing@whsy.example', customer: 'WHSY' },
  { username: 'cjsw.luo', displayName: '罗建国', roles: ['customer_contact'], phone: '02785550001', email: 'luojg@cjsw.example', customer: 'CJSW' },
  { username: 'hzkj.guo', displayName: '郭晓燕', roles: ['customer_contact'], phone: '02787770001', email: 'guoxy@hzkj.example', customer: 'HZKJ' },
  { username: 'gf.smith', displayName: 'Emma Smith', roles: ['customer_contact'], phone: '02786660001', email: 'emma.smith@greenfield.example', customer: 'GFLOG', locale: 'en' },
];

const TEAMS = [
  { name: '客户服务中心', description: '7×24 热线受理、故障分级与派单 / 7×24 hotline intake, grading and routing', members: ['chenjing', 'wangfang', 'lina'], lead: 'chenjing' },
  { name: '服务器与存储组', description: '服务器、存储、备份 / Servers, storage and backup', members: ['zhangwei', 'lihua', 'david.chen'], lead: 'zhangwei' },
  { name: '网络与安全组', description: '交换机、路由器、防火墙 / Switching, routing and firewalls', members: ['zhaolei', 'sunqiang'], lead: 'zhaolei' },
  { name: '现场服务组', description: '驻场与上门服务 / Resident and on-site engineers', members: ['zhoujie', 'wumin', 'sunqiang'], lead: 'zhoujie' },
];

interface FileCounts {
  sites: number;
  contacts: number;
  contracts: number;
  assets: number;
  components: number;
}

/**
 * The customers' files: sites with machine rooms, contacts, contracts (dates around today) and the
 * asset register. The assets go in one transaction, which keeps a few hundred of them fast.
 */
async function loadCustomerFiles(deps: Deps, ctx: RequestContext, customerIds: Map<string, number>, userIds: Map<string, number>): Promise<FileCounts> {
  const today = dayIn(deps.clock.now(), deps.config.timeZone);
  const random = new SeededRandom(DEMO_SEED);
  const counts: FileCounts = { sites: 0, contacts: 0, contracts: 0, assets: 0, components: 0 };
  const plans: PlannedAsset[] = [];
  for (const file of CUSTOMER_FILES) {
    const customerId = customerIds.get(file.code)!;
    const siteIds = new Map<string, number>();
    for (const site of file.sites) {
      siteIds.set(site.name, (await createSite(deps, ctx, { customerId, ...site })).id);
      counts.sites++;
    }
    for (const { designated, ...contact } of file.contacts) {
      await createContact(deps, ctx, { customerId, ...contact, isDesignatedTechnician: designated ?? false });
      counts.contacts++;
    }
    const contractIds = new Map<string, number>();
    for (const c of file.contracts) {
      const contract = await createContract(deps, ctx, {
        customerId,
        number: contractNumber(c, today),
        name: c.name,
        serviceStart: addDays(today, c.start),
        serviceEnd: addDays(today, c.end),
        warrantyStart: c.warranty ? addDays(today, c.warranty[0]) : null,
        warrantyEnd: c.warranty ? addDays(today, c.warranty[1]) : null,
        coverage: c.coverage,
        inspectionFrequency: c.inspectionFrequency,
        inspectionContent: c.inspectionContent,
        sparesOnSite: c.sparesOnSite,
        handedOverOn: c.handedOver === undefined ? null : addDays(today, c.handedOver),
        ownerEngineerId: userIds.get(c.owner)!,
        residentEngineerIds: c.residents.map((u) => userIds.get(u)!),
        notes: c.notes ?? '',
      });
      contractIds.set(c.seq, contract.id);
      counts.contracts++;
    }
    plans.push(...planAssets(random, file, { customerId, contractIds, siteIds }, today));
  }
  await deps.db.transaction().execute(async (trx) => {
    for (const { input, parts } of plans) {
      const asset = await createAssetIn(trx, deps, ctx, input, 'import');
      counts.assets++;
      for (const part of parts) {
        await createAssetIn(trx, deps, ctx, { ...part, parentId: asset.id }, 'import');
        counts.assets++;
        counts.components++;
      }
    }
  });
  return counts;
}

/**
 * Loads the demo company: customers with their sites, contacts, contracts and a few hundred assets;
 * staff in every role, customer contacts and teams; the vendors; a year of tickets with their
 * field service (visits, signed service forms, resolutions, escalations, fault analysis reports);
 * and the spare parts: catalogue, stores, stock history, RMA cases and loaners (demo-parts.ts).
 * Idempotent: a second run finds the demo accounts and adds nothing.
 */
export async function loadDemoData(deps: Deps): Promise<string> {
  const ctx = systemContext();
  const existing = await listUsers(deps, { q: 'zhangwei', limit: 1 });
  if (existing.items.some((u) => u.username === 'zhangwei')) return 'Demo data is already loaded.';

  const customerIds = new Map<string, number>();
  for (const c of CUSTOMERS) {
    const found = (await listCustomers(deps, ctx, { q: c.code, limit: 5 })).items.find((x) => x.code === c.code);
    customerIds.set(c.code, found ? found.id : (await createCustomer(deps, ctx, c)).id);
  }

  const userIds = new Map<string, number>();
  for (const p of [...STAFF, ...CONTACTS]) {
    const { user } = await createUser(
      deps,
      ctx,
      {
        username: p.username,
        displayName: p.displayName,
        roles: p.roles,
        phone: p.phone,
        email: p.email,
        locale: p.locale ?? null,
        customerId: p.customer ? customerIds.get(p.customer)! : null,
        password: DEMO_PASSWORD,
      },
      { mustChangePassword: false },
    );
    userIds.set(p.username, user.id);
  }

  const teamNames = new Set((await listTeams(deps, { limit: 200 })).items.map((t) => t.name));
  for (const t of TEAMS.filter((team) => !teamNames.has(team.name))) {
    await createTeam(deps, ctx, {
      name: t.name,
      description: t.description,
      memberIds: t.members.map((m) => userIds.get(m)!),
      leadUserId: userIds.get(t.lead)!,
    });
  }

  const files = await loadCustomerFiles(deps, ctx, customerIds, userIds);

  const person = (username: string) => {
    const p = STAFF.find((s) => s.username === username)!;
    return { id: userIds.get(username)!, username, displayName: p.displayName, roles: p.roles };
  };
  const teamIds = (await listTeams(deps, { limit: 200 })).items.map((t) => t.id);
  const vendors = await loadDemoVendors(deps, ctx);
  // Service forms are signed by the customer's designated technician, now and then by a colleague.
  const signers = new Map(
    CUSTOMER_FILES.map((file) => [
      customerIds.get(file.code)!,
      { names: [...file.contacts].sort((a, b) => Number(b.designated ?? false) - Number(a.designated ?? false)).map((c) => c.name), english: file.code === 'GFLOG' },
    ]),
  );
  const engineers = ['zhangwei', 'lihua', 'zhaolei', 'sunqiang', 'zhoujie', 'wumin', 'david.chen'].map(person);
  const tickets = await loadDemoTickets(
    deps,
    { agents: ['wangfang', 'lina', 'chenjing'].map(person), engineers },
    { dispatchers: ['chenjing', 'zhoujie'].map(person), manager: person('liuyang'), engineers, vendors, signers },
    [...customerIds.values()],
    teamIds,
    DEMO_TICKETS,
    DEMO_SEED + 1,
  );
  // Spare parts come last: they follow the visits above (failed parts taken out, loaners) and
  // leave the tickets' own random streams alone.
  const parts = await loadDemoParts(deps, { storekeeper: person('huangli'), dispatcher: person('chenjing'), engineers, vendors, customerIds }, DEMO_SEED + 100);

  return [
    `Demo data loaded: ${CUSTOMERS.length} customers, ${files.sites} sites, ${files.contacts} contacts, ${files.contracts} contracts, ` +
      `${files.assets} assets (${files.components} components), ${tickets.tickets} tickets, ${STAFF.length} staff, ${CONTACTS.length} customer contacts, ${TEAMS.length} teams.`,
    `  Field service: ${tickets.remoteSessions} remote sessions, ${tickets.visits} visits (${tickets.signedForms} signed service forms), ${tickets.resolutions} resolutions, ` +
      `${tickets.escalations} escalations to ${VENDOR_COUNT} vendors, ${tickets.reports} fault analysis reports (${tickets.reportsDelivered} delivered).`,
    `  Spare parts: ${parts.parts} parts in the catalogue, ${parts.stores} stores, ${parts.receipts} receipts, ${parts.transfers} transfers, ${parts.adjustments} adjustments, ` +
      `${parts.stockCounts} stock count, ${parts.belowMinimum} levels below minimum, ${parts.rmas} RMA cases (${parts.rmasOpen} open, ${parts.rmasOverdue} overdue), ` +
      `${parts.loans} loaners lent (${parts.loansOpen} open), ${parts.reservations} parts reserved for visits.`,
    `  Demo accounts sign in with the password ${DEMO_PASSWORD}, e.g. liuyang (manager), chenjing (dispatcher),`,
    '  wangfang (agent), zhangwei (engineer), huangli (storekeeper), whsy.xu (customer contact).',
  ].join('\n');
}
