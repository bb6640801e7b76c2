// Loaners (备用机; R6, R8; issue 7 item 6): the page under the spare parts module.
export { LoansPage } from './LoansPage';
