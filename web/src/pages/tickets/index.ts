// The service desk chunk: loaded when one of its pages is first opened.
export { IntakePage } from './IntakePage';
export { QueuePage } from './QueuePage';
export { ReportPage } from './ReportPage';
export { TicketPage } from './TicketPage';
