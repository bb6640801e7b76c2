import type { FieldScript } from './demo-field-scripts.js';

/**
 * Field-service scripts for network, security, database and machine-room faults
 * (demo-field-scripts.ts has the shape).
 */

export const port: FieldScript = {
  english: false,
  visit: 0.65,
  vendor: 0.015,
  remote: {
    method: 'remote_login',
    findings: '登录核心交换机:10 口 1 小时内 up/down 37 次,光模块收光 -18dBm,偏低。',
    actions: '已临时关闭该端口,业务切换至备用链路。',
  },
  remoteFix: {
    method: 'config_change',
    findings: '登录核心交换机:10 口反复 up/down,两端速率与自协商配置不一致。',
    details: '远程统一两端端口速率与自协商配置,端口稳定 up,业务回切主链路。',
    rootCause: '两端端口自协商参数不一致,导致链路反复振荡。',
  },
  fixes: [
    {
      weight: 7,
      method: 'part_replaced',
      bring: '10G SFP+ 多模光模块 2 个、LC-LC 光纤跳线、光功率计',
      logs: ['到场测量光功率:本端收光 -18.2dBm,对端发光正常。', '更换本端光模块并清洁光纤端面,收光恢复至 -3.1dBm。', '开启端口,观察 30 分钟无 up/down,业务回切主链路。'],
      partsUsed: '10G SFP+ 多模光模块 ×1,LC-LC 光纤跳线 ×1',
      details: '更换故障光模块并清洁光纤端面,端口稳定,业务回切主链路。',
      rootCause: '光模块老化、发光功率衰减,叠加光纤端面污染,收光低于灵敏度临界值。',
    },
    {
      weight: 2,
      method: 'software_update',
      versionField: 'firmware',
      versions: ['V200R021C10SPC600', 'V200R022C00SPC500'],
      bring: '笔记本、升级包、Console 线',
      logs: ['到场检查光模块及线路均正常,端口仍偶发振荡。', '比对版本确认命中厂商已知缺陷,按厂商公告升级交换机补丁。', '升级后端口运行稳定,业务回切主链路。'],
      partsUsed: '',
      details: '升级交换机软件修复端口振荡缺陷,端口恢复稳定。',
      prevention: '同型号交换机已列入升级计划,在维护窗口统一升级到修复版本;订阅厂商缺陷公告。',
      rootCause: '交换机软件缺陷:特定光模块下端口状态检测异常,导致端口 up/down。',
    },
  ],
  escalation: {
    logs: ['到场更换光模块及跳线后端口仍振荡。', '收集诊断信息(display diagnostic-information)上报厂商。'],
    result: '业务已切换至备用链路运行;已上报厂商,待分析结论后处理。',
    answer: '经分析为 10 口所在接口板硬件故障,接口板备件已安排发货,请在维护窗口更换。',
    fix: {
      weight: 1,
      method: 'part_replaced',
      bring: '接口板(厂商备件)、防静电手环',
      logs: ['维护窗口内更换 10 口所在接口板。', '接口板注册上线,端口配置自动恢复。', '业务回切主链路,观察 1 小时运行稳定。'],
      partsUsed: '接口板 ×1(厂商提供,旧件返厂)',
      details: '更换厂商提供的接口板,端口恢复稳定,业务回切主链路。',
      prevention: '关键上联链路已分布到不同接口板;巡检时检查接口板告警与端口错包计数。',
      rootCause: '接口板端口 PHY 芯片硬件故障,链路反复振荡(厂商分析结论)。',
    },
  },
  prevention: ['已将光模块收光功率纳入监控(低于 -12dBm 告警),巡检时检查光纤端面清洁度。'],
};

export const failover: FieldScript = {
  english: false,
  visit: 0.6,
  vendor: 0.02,
  remote: {
    method: 'remote_login',
    findings: '登录防火墙:主备发生切换,主机心跳接口 down,备机已接管。',
    actions: '检查会话同步状态,指导 VPN 用户重新拨号;安排工程师到场检查心跳线。',
  },
  remoteFix: {
    method: 'config_change',
    findings: '登录防火墙:心跳接口有瞬时抖动记录,HA 超时参数过短。',
    details: '调整 HA 心跳检测间隔与抢占延时,主备状态恢复,VPN 用户重连正常。',
    rootCause: 'HA 心跳超时参数过短,链路瞬时抖动触发误切换。',
  },
  fixes: [
    {
      weight: 6,
      method: 'repair',
      bring: '超六类网线 2 根、水晶头、线缆标签',
      logs: ['到场检查,主机心跳线水晶头松动。', '重新制作并紧固心跳线,HA 状态恢复,配置同步正常。', '手动切换测试主备,会话无丢失。'],
      partsUsed: '超六类网线 ×1',
      details: '重新制作并紧固 HA 心跳线,主备状态恢复,切换测试正常。',
      rootCause: 'HA 心跳线水晶头松动,心跳中断触发主备切换。',
    },
    {
      weight: 2,
      method: 'software_update',
      versionField: 'firmware',
      versions: ['V600R007C20SPC600', 'V600R007C20SPC700'],
      bring: '笔记本、升级包、Console 线',
      logs: ['到场检查线缆正常,日志显示 HA 进程异常重启。', '按厂商公告升级防火墙补丁版本,主备逐台升级,业务不中断。', '升级后主备状态稳定,会话同步正常。'],
      partsUsed: '',
      details: '升级防火墙软件修复 HA 进程异常缺陷,主备状态稳定。',
      prevention: '订阅厂商安全与缺陷公告,防火墙版本纳入月度巡检核对;升级前在备机先行验证。',
      rootCause: '防火墙软件缺陷导致 HA 进程异常重启,触发主备切换。',
    },
  ],
  escalation: {
    logs: ['到场检查心跳线及接口均正常,HA 仍偶发切换。', '收集诊断信息上报厂商,等待分析结论。'],
    result: '主备运行正常;已上报厂商,待分析结论后处理。',
    answer: '经分析为已知软件缺陷,建议升级至最新补丁版本;升级包及升级指导已提供。',
    fix: {
      weight: 1,
      method: 'software_update',
      versionField: 'firmware',
      versions: ['V600R007C20SPC600', 'V600R007C20SPC700'],
      bring: '笔记本、厂商升级包、Console 线',
      logs: ['维护窗口内按厂商指导先升级备机,再切换升级主机。', '升级完成,检查 HA 状态及配置同步。', '主备切换测试正常,会话无丢失。'],
      partsUsed: '',
      details: '按厂商建议升级防火墙软件,HA 进程异常缺陷修复,主备状态稳定。',
      prevention: '订阅厂商安全与缺陷公告,防火墙版本纳入月度巡检核对;升级前在备机先行验证。',
      rootCause: '防火墙软件缺陷导致 HA 进程异常重启(厂商分析结论)。',
    },
  },
  prevention: ['已按规范捆扎并标识所有 HA 线缆,巡检时检查 HA 状态与心跳线。'],
};

export const broadcast: FieldScript = {
  english: true,
  visit: 0.35,
  vendor: 0.02,
  remote: {
    method: 'remote_login',
    findings: 'Core switch CPU at 95%; the broadcast counter on VLAN 20 rises fast; MAC flapping between Gi1/0/24 and Po1.',
    actions: 'Shut Gi1/0/24 temporarily; CPU dropped to 20%. An engineer goes on site to find the loop.',
  },
  remoteFix: {
    method: 'config_change',
    findings: 'Core switch CPU at 95%; MAC flapping on VLAN 20 points to a loop behind Gi1/0/24.',
    details: 'Enabled storm control and BPDU guard on the access ports; the looped port shut itself and CPU is back to 15%.',
    rootCause: 'A loop through an unmanaged switch in the warehouse office caused a broadcast storm on VLAN 20.',
  },
  fixes: [
    {
      weight: 1,
      method: 'config_change',
      bring: 'Laptop, console cable',
      logs: ['On site: traced the loop to an unmanaged switch in the warehouse office.', 'Removed the looped cable; enabled storm control and BPDU guard on all access ports.', 'CPU steady at 12% for an hour; no more MAC flapping.'],
      partsUsed: '',
      details: 'Removed the loop; storm control and BPDU guard are on every access port.',
      rootCause: 'A loop through an unmanaged switch in the warehouse office caused a broadcast storm on VLAN 20.',
    },
  ],
  escalation: {
    logs: ['On site: no loop found; CPU stays high with normal traffic.', 'Collected show tech-support and opened a TAC case.'],
    result: 'Network usable with CPU at 70%; waiting for the vendor’s analysis.',
    makers: ['Cisco'],
    answer: 'TAC found a known defect in this software release causing high CPU with this traffic pattern; recommends upgrading to IOS XE 17.9.4a.',
    fix: {
      weight: 1,
      method: 'software_update',
      versionField: 'firmware',
      versions: ['IOS XE 17.6.5', 'IOS XE 17.9.4a'],
      bring: 'Laptop, console cable, verified software image',
      logs: ['Upgraded the switch software in the maintenance window (install mode).', 'Switch back up; CPU at 10% under the same traffic.', 'Verified routing and uplinks with the customer.'],
      partsUsed: '',
      details: 'Upgraded the switch software to the release the vendor recommended; CPU back to normal.',
      prevention: 'All core switches move to the fixed release in the next maintenance window; vendor defect notices are now subscribed to.',
      rootCause: 'A software defect punted broadcast traffic of this pattern to the CPU (vendor analysis).',
    },
  },
  prevention: ['Storm control and BPDU guard are now standard on every access port; unmanaged switches are no longer allowed in the warehouse office.'],
};

export const database: FieldScript = {
  english: false,
  visit: 0.25,
  vendor: 0.03,
  remote: {
    method: 'remote_login',
    findings: '远程分析 AWR 报告:大量 enq: TX - row lock contention 等待,挂号表存在长时间未提交的事务。',
    actions: '协助客户确认并终止阻塞会话,连接数回落;需到场与应用厂商共同优化。',
  },
  remoteFix: {
    method: 'config_change',
    findings: '远程分析 AWR 报告:锁等待集中在挂号表,相关查询走全表扫描。',
    details: '终止阻塞会话,为挂号表补建复合索引,调整连接池超时参数,响应恢复正常。',
    rootCause: '应用批处理事务长时间未提交导致行锁等待,挂号表缺少索引加剧了全表扫描。',
  },
  fixes: [
    {
      weight: 6,
      method: 'config_change',
      bring: '笔记本、AWR 分析脚本',
      logs: ['到场与应用厂商一起分析 AWR 及 ASH 报告,定位锁等待来源。', '维护窗口内为挂号表补建复合索引,调整连接池最大连接数与超时参数。', '业务高峰时段观察,平均响应时间由 8s 降至 0.3s。'],
      partsUsed: '',
      details: '为挂号表补建复合索引并调整连接池参数,查询响应恢复正常。',
      rootCause: '应用批处理事务长时间未提交导致行锁等待,挂号表缺少索引加剧了全表扫描。',
    },
    {
      weight: 3,
      method: 'software_update',
      versionField: 'software',
      versions: ['19.21.0.0.0', '19.23.0.0.0'],
      bring: '笔记本、数据库补丁包(已校验)',
      logs: ['到场分析 alert 日志,确认命中数据库已知缺陷(游标共享异常)。', '维护窗口内应用数据库补丁,滚动重启实例。', '补丁生效,业务高峰时段响应正常。'],
      partsUsed: '',
      details: '应用数据库补丁修复游标共享缺陷,查询响应恢复正常。',
      prevention: '建立数据库补丁评估机制,每季度评估并在维护窗口应用厂商推荐的 RU 补丁。',
      rootCause: '数据库已知缺陷导致执行计划异常,大量会话等待。',
    },
  ],
  escalation: {
    logs: ['到场收集 AWR、ASH 报告及 alert 日志。', '问题涉及数据库内部缺陷,已向原厂提交 SR,临时调整参数缓解。'],
    result: '已临时调整参数缓解,业务可用;待原厂分析结论后处理。',
    makers: ['Oracle'],
    answer: '原厂确认命中已知缺陷,建议应用最新 RU 补丁;补丁下载链接及安装步骤已提供。',
    fix: {
      weight: 1,
      method: 'software_update',
      versionField: 'software',
      versions: ['19.21.0.0.0', '19.23.0.0.0'],
      bring: '笔记本、原厂补丁包(已校验)',
      logs: ['维护窗口内按原厂步骤应用 RU 补丁。', '滚动重启实例,检查补丁生效及无效对象。', '业务高峰时段观察,响应正常。'],
      partsUsed: '',
      details: '按原厂建议应用 RU 补丁修复缺陷,查询响应恢复正常。',
      prevention: '建立数据库补丁评估机制,每季度评估并在维护窗口应用原厂推荐的 RU 补丁。',
      rootCause: '数据库已知缺陷导致执行计划异常(原厂 SR 结论)。',
    },
  },
  prevention: ['已将锁等待及活动会话数纳入监控告警;建议应用厂商优化批处理事务的提交频率。'],
};

export const aircon: FieldScript = {
  english: false,
  visit: 0.9,
  vendor: 0,
  remote: {
    method: 'phone',
    findings: '电话确认:积水来自精密空调底部,暂未漫延至机柜,空调仍在制冷。',
    actions: '指导值班人员用吸水布隔离积水,通知动环厂家,安排工程师到场。',
  },
  remoteFix: {
    method: 'repair',
    findings: '电话确认:积水来自冷凝水盘溢出。',
    details: '电话指导值班人员清理冷凝水盘并疏通排水口,积水消除。',
    rootCause: '冷凝水排水口被灰尘堵塞。',
  },
  fixes: [
    {
      weight: 1,
      method: 'repair',
      bring: '疏通工具、吸水布、温湿度计',
      logs: ['到场检查,积水来自空调冷凝水管,A03 机柜底部未进水。', '疏通冷凝水管并清理积水,检查 A03 机柜内设备无受潮。', '空调运行 1 小时,排水正常,无新积水。'],
      partsUsed: '',
      details: '疏通精密空调冷凝水管,清理积水,检查周边设备无受潮。',
      rootCause: '精密空调冷凝水管被灰尘和絮状物堵塞,冷凝水溢出。',
    },
  ],
  prevention: ['建议动环厂家每季度清洗冷凝水管;机房已加装漏水检测绳并接入动环监控。'],
};

export const printer: FieldScript = {
  english: false,
  visit: 0.3,
  vendor: 0,
  remote: {
    method: 'phone',
    findings: '电话了解:打印机连续卡纸,纸张为 70g 发票纸,搓纸轮可能磨损。',
    actions: '远程指导清理进纸通道,仍卡纸,安排上门。',
  },
  remoteFix: {
    method: 'repair',
    findings: '电话了解:卡纸发生在进纸口,搓纸轮表面有纸屑。',
    details: '电话指导清理搓纸轮和进纸通道,打印恢复正常。',
    rootCause: '搓纸轮积尘打滑,进纸歪斜导致卡纸。',
  },
  fixes: [
    {
      weight: 1,
      method: 'part_replaced',
      bring: '搓纸轮组件、分离垫、清洁工具',
      logs: ['到场检查,搓纸轮磨损严重。', '更换搓纸轮及分离垫,清洁进纸通道。', '连续打印 50 张发票无卡纸。'],
      partsUsed: '搓纸轮组件 ×1,分离垫 ×1',
      details: '更换磨损的搓纸轮及分离垫,打印恢复正常。',
      rootCause: '搓纸轮橡胶老化磨损,摩擦力不足导致卡纸。',
    },
  ],
  prevention: ['建议财务室使用规格一致的发票纸,每半年清洁保养一次打印机。'],
};
