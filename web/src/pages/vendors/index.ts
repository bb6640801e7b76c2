// The vendors page chunk (R6). The ticket page imports EscalationsCard from its own file.
export { VendorsPage } from './VendorsPage';
