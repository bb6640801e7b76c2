// RMA cases (R6, R8; issue 7 item 5): the page under the spare parts module.
export { RmaPage } from './RmaPage';
