/**
 * What callers tell an IT maintenance hotline, in their words (mostly Chinese, some English), for
 * the ticket benchmarks: fault scenarios with their share of the calls, places and devices, so that
 * search terms have realistic selectivity — 机 is in most tickets (机房, 交换机, 宕机, 打印机 …),
 * 告警 in many, 无法开机 in a few per cent, 漏水 in about one in fifty.
 */

export type Category = 'server' | 'storage' | 'network' | 'security' | 'software' | 'other';

export interface FaultScenario {
  category: Category;
  /** Relative share of fault calls. */
  weight: number;
  titles: string[];
  /** What the caller saw; one is picked per ticket. */
  symptoms: string[];
  /** Technical detail an agent writes down (debug info); `{n}` becomes a number. */
  debug: string[];
  /** Not a stopping fault (slow system): still diagnosed on site at once. */
  nonStopping?: boolean;
}

export const FAULTS: FaultScenario[] = [
  {
    category: 'server',
    weight: 6,
    titles: ['服务器无法开机', '服务器断电后无法开机', '服务器无法开机,电源灯不亮'],
    symptoms: ['早上巡检发现服务器电源指示灯不亮,按电源键无反应', '停电恢复后服务器无法开机,风扇不转', 'iBMC 可以登录但服务器无法上电'],
    debug: ['iBMC 日志:PSU{n} 输入掉电', '电源模块故障码 0x1B', 'POST 停在内存自检'],
  },
  {
    category: 'server',
    weight: 4,
    titles: ['服务器风扇告警', '服务器温度过高告警', '服务器硬件告警'],
    symptoms: ['管理口显示风扇 {n} 转速异常', '服务器前面板黄灯闪烁,温度传感器告警', '监控平台收到服务器硬件告警邮件'],
    debug: ['Fan{n} speed 0 RPM', 'Inlet Temp 42 ℃', 'SEL 事件:温度超过上限'],
  },
  {
    category: 'server',
    weight: 4,
    titles: ['服务器内存故障', '服务器蓝屏重启', '服务器频繁重启'],
    symptoms: ['服务器夜间自动重启 {n} 次,系统日志有内存错误', '数据库服务器蓝屏后重启', '服务器运行一段时间后死机'],
    debug: ['DIMM B{n} uncorrectable ECC error', 'BSOD 0x0000001A MEMORY_MANAGEMENT', 'MCE 日志:CPU{n} machine check'],
  },
  {
    category: 'storage',
    weight: 5,
    titles: ['RAID 降级', '阵列 RAID5 降级', 'RAID 卡告警,阵列降级'],
    symptoms: ['RAID5 阵列中一块硬盘故障,阵列处于降级状态', '阵列卡报告逻辑盘 degraded', '存储巡检发现 RAID 组降级'],
    debug: ['盘位 0:1:{n} 状态 Failed', 'PERC H730 VD0 Degraded', 'RAID group {n} degraded'],
  },
  {
    category: 'storage',
    weight: 4,
    titles: ['存储控制器告警', '存储控制器离线', '存储双控切换'],
    symptoms: ['存储管理界面显示控制器 A 离线,业务已切换到控制器 B', '存储发生控制器切换,业务短暂中断', '存储控制器缓存电池告警'],
    debug: ['控制器 A 心跳丢失', 'Controller B took over at 0{n}:15', 'BBU 电量低于 {n}%'],
  },
  {
    category: 'storage',
    weight: 3,
    titles: ['硬盘故障告警', '存储硬盘亮黄灯', '硬盘坏道告警'],
    symptoms: ['存储硬盘框第 {n} 块盘亮黄灯', '监控显示硬盘预故障告警', '硬盘 SMART 告警,坏道增加'],
    debug: ['SMART 5 Reallocated_Sector_Ct {n}', 'Disk CTE0.{n} pre-failure', '坏道数量持续增加'],
  },
  {
    category: 'storage',
    weight: 2,
    titles: ['存储链路中断', '光纤链路中断', '多路径部分路径失效'],
    symptoms: ['主机到存储的光纤链路中断,部分 LUN 不可访问', 'SAN 交换机端口 {n} 离线', '多路径软件显示一半路径失效'],
    debug: ['HBA port {n} link down', 'multipath -ll 显示 failed faulty', 'FC 交换机端口 {n} 无光'],
  },
  {
    category: 'network',
    weight: 5,
    titles: ['交换机端口宕机', '接入交换机宕机', '交换机端口频繁 up/down'],
    symptoms: ['核心交换机 {n} 口频繁 up/down,影响门诊楼网络', '楼层接入交换机宕机,整层无法上网', '交换机端口宕机,对端服务器失联'],
    debug: ['光模块收光 -{n}dBm,偏低', 'interface GE1/0/{n} down', 'STP 拓扑变化 {n} 次'],
  },
  {
    category: 'network',
    weight: 3,
    titles: ['网络中断', '办公网络中断', '专线中断'],
    symptoms: ['营业厅网络中断,业务系统无法访问', '到市局的专线中断,视频会议无法召开', '办公区网络时断时续'],
    debug: ['运营商线路 {n} 告警', 'ping 网关丢包 {n}%', 'BGP 邻居 down'],
  },
  {
    category: 'network',
    weight: 2,
    titles: ['核心交换机 CPU 过高', '核心交换机 CPU 利用率高'],
    symptoms: ['核心交换机 CPU 利用率 {n}%,网络时断时续', '用户反映网络卡顿,交换机 CPU 很高'],
    debug: ['display cpu-usage {n}%', '疑似广播风暴,VLAN {n}'],
  },
  {
    category: 'network',
    weight: 2,
    titles: ['无线 AP 掉线', '无线网络无法连接'],
    symptoms: ['住院部 {n} 楼无线 AP 大面积掉线', '手机连接无线后无法获取地址'],
    debug: ['AC 显示 AP {n} 台离线', 'DHCP 地址池耗尽'],
  },
  {
    category: 'security',
    weight: 2,
    titles: ['防火墙 HA 切换', '防火墙主备切换'],
    symptoms: ['防火墙主备发生切换,部分 VPN 用户掉线', '防火墙 HA 状态异常,备机升主'],
    debug: ['心跳口 {n} 中断', 'HA 切换原因:链路检测失败'],
  },
  {
    category: 'security',
    weight: 2,
    titles: ['VPN 无法连接', 'SSL VPN 登录失败'],
    symptoms: ['出差人员 VPN 无法连接,提示证书错误', 'SSL VPN 登录后无法访问内网'],
    debug: ['证书过期 {n} 天', '认证服务器无响应'],
  },
  {
    category: 'software',
    weight: 4,
    titles: ['数据库连接超时', '数据库响应慢', '数据库连接数满'],
    symptoms: ['HIS 系统大量报数据库连接超时,查询响应很慢', '业务高峰期数据库连接超时', '应用日志报数据库连接池耗尽'],
    debug: ['ORA-12170 TNS 连接超时', '会话数 {n},超过上限', 'AWR 报告:锁等待 {n} 秒'],
  },
  {
    category: 'software',
    weight: 4,
    titles: ['系统运行缓慢', '业务系统运行缓慢', '系统响应慢'],
    symptoms: ['业务系统整体响应变慢,但未停机', '挂号系统运行缓慢,窗口排队', '办公系统打开页面很慢'],
    debug: ['内存使用率 9{n}%', 'CPU iowait {n}%', '磁盘队列深度 {n}'],
    nonStopping: true,
  },
  {
    category: 'software',
    weight: 2,
    titles: ['虚拟机无法启动', '虚拟化平台告警'],
    symptoms: ['vCenter 中 {n} 台虚拟机无法启动', '虚拟化主机失联,虚拟机迁移失败'],
    debug: ['HA 事件:主机 esxi-{n} 无响应', '数据存储空间不足'],
  },
  {
    category: 'software',
    weight: 2,
    titles: ['备份任务失败', '数据库备份失败'],
    symptoms: ['昨晚备份任务失败,备份软件报错', '数据库全备连续 {n} 天失败'],
    debug: ['备份介质空间不足', 'RMAN-0{n}569 错误'],
  },
  {
    category: 'other',
    weight: 2,
    titles: ['机房空调漏水', '精密空调漏水', '空调漏水告警'],
    symptoms: ['{n} 层机房精密空调下方有积水,靠近机柜', '动环监控报漏水告警', '机房地板下发现漏水'],
    debug: ['漏水绳 {n} 号区域告警', '冷凝水管堵塞'],
  },
  {
    category: 'other',
    weight: 2,
    titles: ['UPS 电池告警', 'UPS 旁路运行'],
    symptoms: ['UPS 面板显示电池告警,后备时间不足', 'UPS 转旁路运行'],
    debug: ['电池组 {n} 内阻偏高', '逆变器故障'],
  },
  {
    category: 'other',
    weight: 2,
    titles: ['打印机卡纸', '打印机无法打印'],
    symptoms: ['财务室打印机频繁卡纸,无法打印发票', '窗口打印机卡纸,报错 {n}'],
    debug: ['搓纸轮磨损', '错误代码 13.{n}'],
  },
  {
    category: 'server',
    weight: 2,
    titles: ['Server fails to boot', 'Server does not power on'],
    symptoms: ["After last night's power cut the backup server stops at POST with a memory error", 'The server does not power on after maintenance'],
    debug: ['DIMM A{n} reports uncorrectable ECC errors', 'PSU {n} failed'],
  },
  {
    category: 'network',
    weight: 1,
    titles: ['Core switch high CPU', 'Network outage in warehouse'],
    symptoms: ['Users report intermittent network loss; core switch CPU at 9{n}%', 'The warehouse office has no network since this morning'],
    debug: ['Broadcast storm on VLAN {n}', 'Loop caused by an unmanaged switch'],
  },
  {
    category: 'storage',
    weight: 1,
    titles: ['Disk failure on storage array', 'RAID rebuild failed'],
    symptoms: ['The array reports a failed disk and the RAID group is degraded', 'The RAID rebuild stopped at {n}%'],
    debug: ['Disk 0:{n} failed', 'Rebuild aborted: media error'],
  },
];

export interface OtherScenario {
  kind: 'consultation' | 'complaint' | 'upgrade' | 'service_request';
  title: string;
  description: string;
}

export const OTHERS: OtherScenario[] = [
  { kind: 'consultation', title: '咨询存储扩容方案', description: '明年计划上线新系统,想了解现有存储的扩容方式。' },
  { kind: 'consultation', title: '咨询数据库补丁', description: '询问数据库最新补丁是否建议升级。' },
  { kind: 'consultation', title: '咨询维保合同续签', description: '合同下季度到期,询问续签方式和服务级别。' },
  { kind: 'consultation', title: 'How to renew the maintenance contract', description: 'Our contract ends next quarter; what are the renewal options?' },
  { kind: 'complaint', title: '工程师未按约定时间到场', description: '约定上午 10 点到场,实际 11 点半才到,未提前告知。' },
  { kind: 'complaint', title: '故障处理时间过长', description: '故障已报修三天仍未解决,影响业务。' },
  { kind: 'upgrade', title: '申请升级交换机固件', description: '厂商发布安全公告,申请升级核心交换机固件。' },
  { kind: 'upgrade', title: '申请升级存储微码', description: '存储微码版本较旧,申请在维护窗口升级。' },
  { kind: 'service_request', title: '申请机房设备搬迁', description: '下月机房改造,需将服务器迁移到新机柜。' },
  { kind: 'service_request', title: '申请季度巡检', description: '请安排本季度设备巡检并提供巡检报告。' },
];

/** Where it happened, as callers say it. */
export const PLACES = ['门诊楼', '住院部', '3 号机房', '1 号机房', '网络间', '财务室', '营业厅', '调度中心', '信息中心', '数据中心', '灾备中心', '办公楼 5 层', '东区机房', '分行', '仓库办公室', ''];

/** The impact sentence that often follows. */
export const IMPACTS = ['业务暂未受影响', '影响部分业务', '业务中断,请尽快处理', '请安排工程师到现场', '已重启设备,问题依旧', '客户要求两小时内到场', ''];

/** Search terms of the ticket-search benchmark: one-, two- and four-character Chinese, and words. */
export const SEARCH_TERMS = ['机', '告', '漏水', '宕机', '告警', '超时', '无法开机', '连接超时', '空调漏水', 'RAID', 'server', '存储 告警'];

/** Kinds of ticket: mostly faults. */
export const KIND_WEIGHTS: [OtherScenario['kind'] | 'fault', number][] = [
  ['fault', 82],
  ['consultation', 8],
  ['service_request', 4],
  ['upgrade', 3],
  ['complaint', 3],
];
