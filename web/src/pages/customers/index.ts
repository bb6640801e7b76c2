// The customers & assets chunk: loaded when one of its pages is first opened.
export { AssetPage } from './AssetPage';
export { AssetsPage } from './AssetsPage';
export { ContractPage } from './ContractPage';
export { CustomerPage } from './CustomerPage';
export { CustomersPage } from './CustomersPage';
export { MyEquipmentPage } from './MyEquipmentPage';
