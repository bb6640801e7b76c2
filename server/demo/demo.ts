import type { Deps } from '../deps.js';
import { systemContext } from '../http/actor.js';
import { createCustomer, listCustomers } from '../domains/customers/customer.service.js';
import { createTeam, listTeams } from '../domains/teams/team.service.js';
import { createUser, listUsers } from '../domains/users/user.service.js';
import type { Role } from '../domains/users/roles.js';

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
  { code: 'WHSY', name: '武汉市第三医院信息中心' },
  { code: 'CJSW', name: '长江水务集团有限公司' },
  { code: 'HZKJ', name: '华中科技职业学院网络中心' },
  { code: 'GFLOG', name: 'Greenfield Logistics (Wuhan) Co., Ltd.' },
];

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

/**
 * Loads the demo company: customers, staff in every role, customer contacts and teams. Idempotent:
 * a second run finds the demo accounts and adds nothing.
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

  return [
    `Demo data loaded: ${CUSTOMERS.length} customers, ${STAFF.length} staff, ${CONTACTS.length} customer contacts, ${TEAMS.length} teams.`,
    `  Demo accounts sign in with the password ${DEMO_PASSWORD}, e.g. liuyang (manager), chenjing (dispatcher),`,
    '  wangfang (agent), zhangwei (engineer), huangli (storekeeper), whsy.xu (customer contact).',
  ].join('\n');
}
