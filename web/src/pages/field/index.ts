// The field service chunk: the engineer's jobs and the visit page, loaded when first opened.
export { MyJobsPage } from './MyJobsPage';
export { VisitPage } from './VisitPage';
