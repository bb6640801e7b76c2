import type { FieldScript } from './demo-field-scripts.js';

/** Field-service scripts for server and storage faults (demo-field-scripts.ts has the shape). */

export const psu: FieldScript = {
  english: false,
  visit: 0.9,
  vendor: 0.01,
  remote: {
    method: 'remote_login',
    findings: '登录 iBMC 查看告警:PSU2 故障告警,系统未上电;SEL 日志记录 Power Supply Failure。',
    actions: '远程收集 iBMC 一键日志,尝试远程上电失败,需现场处理。',
  },
  remoteFix: {
    method: 'config_change',
    findings: '登录 iBMC:电源模块处于保护状态,无硬件故障告警。',
    details: '通过 iBMC 清除电源告警并远程上电,服务器正常启动,业务恢复。',
    rootCause: '市电闪断后电源模块进入保护状态,未自动恢复供电。',
  },
  fixes: [
    {
      weight: 8,
      method: 'part_replaced',
      bring: '同型号 900W 电源模块 1 个、防静电手环',
      logs: [
        '到场检查,PSU2 指示灯红色常亮,iBMC 告警"电源模块故障"。',
        '热插拔更换 PSU2 电源模块,新模块指示灯绿色常亮。',
        '服务器上电自检通过,操作系统及业务服务启动正常,iBMC 告警已清除。',
      ],
      partsUsed: '900W 交流电源模块 ×1(旧件返厂)',
      details: '更换故障电源模块 PSU2,服务器上电自检通过,业务恢复。',
      rootCause: '电源模块 PSU2 内部元件老化损坏(故障码 0x1B),单电源无法满足开机功率。',
    },
    {
      weight: 2,
      method: 'repair',
      bring: '万用表、扎带、防静电手环',
      logs: [
        '到场检查,两路电源模块均正常,主板电源线缆接插件有松动痕迹。',
        '断电后重新插拔并紧固主板电源线缆,清理机箱内积尘。',
        '上电自检通过,连续观察 30 分钟运行稳定。',
      ],
      partsUsed: '',
      details: '重新插拔并紧固主板电源线缆,服务器正常启动,业务恢复。',
      rootCause: '主板电源线缆接插件松动,接触不良导致无法上电。',
    },
  ],
  escalation: {
    logs: ['到场更换备用电源模块测试,服务器仍无法上电。', '收集 iBMC 日志与 SEL 记录,怀疑主板供电故障,已上报厂商。'],
    result: '故障未恢复:已收集日志上报厂商,待主板备件到货后再次上门更换。',
    answer: '经分析日志,判断为主板电源管理芯片故障。主板备件已发出,预计次日上午送达现场,请安排工程师配合更换。',
    fix: {
      weight: 1,
      method: 'part_replaced',
      bring: '主板备件(厂商提供)、防静电手环',
      logs: ['到场签收厂商主板备件,断电拆机。', '更换主板,恢复 BIOS 及 iBMC 配置,写入原序列号。', '上电自检通过,业务服务启动正常,与客户确认恢复。'],
      partsUsed: '主板 ×1(厂商提供,旧件返厂)',
      details: '更换厂商提供的主板,恢复 BIOS 与 iBMC 配置,服务器正常启动,业务恢复。',
      prevention: '已与厂商确认同批次主板无批量问题;巡检时核对 iBMC 告警并检查机柜供电质量。',
      rootCause: '主板电源管理芯片损坏,服务器无法上电(厂商分析结论)。',
    },
  },
  prevention: [
    '两路电源已分别接入不同 PDU;巡检时核对 iBMC 电源告警,该型号电源模块列入现场备件清单。',
    '建议结合 UPS 巡检检查机柜供电质量,电源模块运行满 5 年的设备安排预防性更换。',
  ],
};

export const controller: FieldScript = {
  english: false,
  visit: 0.8,
  vendor: 0.06,
  remote: {
    method: 'remote_login',
    findings: '登录存储管理界面:控制器 A 离线,业务 LUN 已全部切换到控制器 B,性能无明显下降。',
    actions: '远程导出存储系统日志及告警信息,安排工程师到场。',
  },
  remoteFix: {
    method: 'config_change',
    findings: '登录存储管理界面:控制器 A 离线,日志显示软件进程异常,无硬件告警。',
    details: '按厂商指导远程重启控制器 A,控制器恢复在线,LUN 工作控制器已回切。',
    rootCause: '控制器 A 管理进程异常挂死,触发保护性离线。',
  },
  fixes: [
    {
      weight: 6,
      method: 'part_replaced',
      bring: '同型号控制器模块(厂商备件)、串口线、笔记本',
      logs: [
        '到场确认控制器 A 故障指示灯亮,管理界面显示离线。',
        '按厂商指导在线更换控制器 A,新控制器自动同步配置及固件。',
        '控制器 A 恢复在线,LUN 工作控制器已回切,多路径状态正常。',
      ],
      partsUsed: '控制器模块 ×1(厂商提供,旧件返厂)',
      details: '在线更换故障控制器 A,新控制器同步配置后上线,业务路径恢复冗余。',
      rootCause: '控制器 A 缓存模块硬件故障(ECC 错误),触发自动离线。',
    },
    {
      weight: 3,
      method: 'software_update',
      versionField: 'firmware',
      versions: ['6.1.5', '6.1.6'],
      bring: '笔记本、升级包(已校验)、串口线',
      logs: [
        '到场核对控制器 A 日志,确认命中厂商公告的已知软件缺陷。',
        '按厂商指导升级存储系统补丁,控制器逐个重启,业务不中断。',
        '升级完成,控制器 A 恢复在线,阵列与多路径状态正常。',
      ],
      partsUsed: '',
      details: '升级存储系统软件修复控制器异常重启缺陷,控制器 A 恢复在线。',
      prevention: '已订阅厂商缺陷公告,同型号存储统一升级到修复版本;巡检时核对存储软件版本。',
      rootCause: '存储系统软件缺陷导致控制器 A 异常重启后无法重新加入集群。',
    },
  ],
  escalation: {
    logs: ['到场检查控制器 A 状态,收集存储一键日志。', '日志已上传厂商技术支援部,等待分析结论;业务由控制器 B 承载。'],
    result: '业务由控制器 B 承载运行正常;已上报厂商,待控制器备件到货后更换控制器 A。',
    answer: '日志分析确认控制器 A 缓存模块硬件故障,控制器备件已发出,预计明日送达;可在线更换,无需停机。',
    fix: {
      weight: 1,
      method: 'part_replaced',
      bring: '厂商控制器备件、串口线、笔记本',
      logs: ['到场签收厂商控制器备件,与客户确认更换窗口。', '按厂商指导在线更换控制器 A,新控制器自动同步配置及固件。', '控制器 A 恢复在线,LUN 工作控制器已回切,多路径状态正常。'],
      partsUsed: '控制器模块 ×1(厂商提供,旧件返厂)',
      details: '在线更换厂商提供的控制器 A,新控制器同步配置后上线,业务路径恢复冗余。',
      prevention: '已开启存储告警的邮件和短信通知,厂商备件到货时限纳入服务跟踪;巡检时检查控制器及缓存状态。',
      rootCause: '控制器 A 缓存模块硬件故障(厂商分析结论),触发自动离线。',
    },
  },
  prevention: ['已开启存储告警的邮件和短信通知,巡检时检查控制器及缓存状态。', '建议在下一维护窗口将存储系统升级到厂商推荐版本。'],
};

export const raid: FieldScript = {
  english: false,
  visit: 0.9,
  vendor: 0,
  remote: {
    method: 'remote_login',
    findings: '登录阵列管理界面:RAID5 处于降级状态,盘位 0:1:3 硬盘状态 Failed,其余成员盘正常。',
    actions: '确认未配置热备盘,通知客户重建前避免大量写入;记录故障盘序列号。',
  },
  remoteFix: {
    method: 'config_change',
    findings: '登录阵列管理界面:RAID5 降级,全局热备盘未自动接管。',
    details: '远程将全局热备盘加入阵列并启动重建,重建完成后阵列恢复正常。',
    rootCause: '成员盘坏道被踢出阵列,热备盘策略配置错误未自动接管。',
  },
  fixes: [
    {
      weight: 1,
      method: 'part_replaced',
      bring: '同型号 1.2TB 10K SAS 硬盘 1 块',
      logs: ['到场检查,盘位 0:1:3 故障灯亮,阵列降级。', '热插拔更换故障硬盘,阵列自动开始重建。', '重建完成,阵列状态 Optimal,业务读写正常。'],
      partsUsed: '1.2TB 10K SAS 硬盘 ×1(旧盘返厂)',
      details: '更换盘位 0:1:3 故障硬盘,阵列重建完成,状态恢复 Optimal。',
      rootCause: '成员硬盘介质老化产生大量坏道(SMART 预警),被 RAID 卡踢出阵列。',
    },
  ],
  prevention: ['已配置全局热备盘,并把硬盘 SMART 预警纳入月度巡检。'],
};

export const slow: FieldScript = {
  english: false,
  visit: 0.5,
  vendor: 0,
  remote: {
    method: 'remote_login',
    findings: '远程登录服务器:内存使用率 98%,交换分区频繁换页,CPU iowait 35%。',
    actions: '协助客户重启内存占用异常的应用服务,临时缓解;需到场处理。',
  },
  remoteFix: {
    method: 'config_change',
    findings: '远程登录服务器:应用 JVM 堆内存配置过大,物理内存耗尽。',
    details: '调整应用 JVM 堆内存参数并重启服务,内存使用率回落至 65%,响应恢复正常。',
    rootCause: '应用 JVM 堆内存配置过大,与数据库缓存争用物理内存,导致频繁换页。',
  },
  fixes: [
    {
      weight: 5,
      method: 'part_replaced',
      bring: '同型号 32GB DDR4 RDIMM 内存 4 条',
      logs: ['到场确认内存不足,与客户确认扩容方案及停机窗口。', '停机加装 4 条 32GB 内存,BIOS 识别总容量 256GB。', '业务启动后内存使用率 55%,响应恢复正常。'],
      partsUsed: '32GB DDR4 RDIMM 内存 ×4',
      details: '内存扩容至 256GB,业务响应恢复正常。',
      rootCause: '业务量增长导致物理内存不足,系统频繁换页。',
    },
    {
      weight: 3,
      method: 'config_change',
      bring: '笔记本',
      logs: ['到场分析性能数据,定位为应用日志级别过高导致磁盘 IO 饱和。', '调整应用日志级别并清理过期日志,优化 swappiness 参数。', '观察 1 小时,iowait 降至 3%,响应正常。'],
      partsUsed: '',
      details: '调整应用日志级别与内核参数,磁盘 IO 恢复正常,响应恢复。',
      rootCause: '应用调试日志未关闭,大量写盘导致 IO 饱和。',
    },
  ],
  prevention: ['已将内存、磁盘 IO 使用率纳入监控告警,建议每季度评估一次容量。'],
};

export const memory: FieldScript = {
  english: true,
  visit: 0.85,
  vendor: 0.03,
  remote: {
    method: 'remote_login',
    findings: 'Hardware log: uncorrectable ECC error on DIMM B2 at POST; the server halts before the OS loads.',
    actions: 'Collected the hardware log remotely; a spare DIMM of the same part number is in the on-site store.',
  },
  remoteFix: {
    method: 'config_change',
    findings: 'Hardware log: correctable ECC errors on DIMM B2 only; the server halts at a BIOS memory-test prompt.',
    details: 'Disabled the extended memory test and cleared the log remotely; the server booted and services are back.',
    rootCause: 'The BIOS stopped at the memory-test prompt after the power cut; the DIMM errors were transient.',
  },
  fixes: [
    {
      weight: 1,
      method: 'part_replaced',
      bring: 'Spare 32GB DDR4 RDIMM, ESD strap',
      logs: ['On site: POST halts with an uncorrectable ECC error on DIMM B2.', 'Replaced DIMM B2 and cleared the system event log.', 'Server booted; memory test passed; services started normally.'],
      partsUsed: '32GB DDR4 RDIMM ×1 (old part returned)',
      details: 'Replaced DIMM B2; the server passed POST and services are back.',
      rootCause: 'DIMM B2 failed (uncorrectable ECC errors) after the power outage.',
    },
  ],
  escalation: {
    logs: ['On site: replaced DIMM B2, but POST still halts with memory errors on channel B.', 'Collected the support logs and opened a case with the vendor.'],
    result: 'Not yet restored: the vendor is analysing the logs; a system board may be needed.',
    answer: 'Log analysis points to the memory controller on the system board. A replacement board is dispatched for next-business-day delivery.',
    fix: {
      weight: 1,
      method: 'part_replaced',
      bring: 'System board (vendor part), ESD strap',
      logs: ['Replaced the system board with the vendor part; restored the service tag and BIOS settings.', 'POST passed; all DIMMs detected; management licence re-applied.', 'Services started and verified with the customer.'],
      partsUsed: 'System board ×1 (vendor-supplied, old part returned)',
      details: 'Replaced the system board supplied by the vendor; the server boots and services are back.',
      prevention: 'Put the UPS bypass alarm on monitoring and test the UPS batteries quarterly; the vendor confirmed no known issue with this board batch.',
      rootCause: 'The memory controller on the system board was damaged by the power surge (vendor analysis).',
    },
  },
  prevention: ['Put the server room UPS bypass alarm on monitoring and test the UPS batteries quarterly.'],
};
