import type { Executor } from '../../db/database.js';
import { AppError } from '../../http/errors.js';
import { isClockRunning } from '../clocks/ticket-clock.service.js';
import { findReportState, findVisitsWithoutSignedForm } from './field.repository.js';

/**
 * What closing a fault needs beyond its workflow (issue 6 item 8): every visit has a signed
 * service form or a recorded reason why not (R9: 每次系统现场服务后,均应填写服务表格 … 得到采购人
 * 指定技术人员签署的服务确认), and the fault analysis report is delivered or its 3-day clock is still
 * running (R10). Restoration itself is the workflow's: a fault closes only from restored or
 * awaiting confirmation. Throws the first unmet requirement.
 */
export async function assertFaultClosable(db: Executor, ticketId: number): Promise<void> {
  const unsigned = await findVisitsWithoutSignedForm(db, ticketId);
  if (unsigned.length > 0) throw new AppError('service_forms_missing', { numbers: unsigned.join(', ') }, { dispatches: unsigned });
  if ((await findReportState(db, ticketId)) === 'delivered') return;
  if (!(await isClockRunning(db, ticketId, 'report'))) throw new AppError('report_missing');
}
