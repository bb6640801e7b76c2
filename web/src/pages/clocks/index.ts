// The service clocks chunk: clock policies, calendars and the compliance report.
export { CalendarPage } from './CalendarPage';
export { CalendarsPage } from './CalendarsPage';
export { ClockPoliciesPage } from './ClockPoliciesPage';
export { CompliancePage } from './CompliancePage';
