// The spare parts chunk (R8). The ticket page, the visit page and the hotline import
// DispatchParts and SpareOnSite from their own files.
export { PartsLayout } from './PartsLayout';
export { StockPage } from './StockPage';
export { CataloguePage } from './CataloguePage';
export { StoresPage } from './StoresPage';
export { StorePage } from './StorePage';
export { StockCountPage } from './StockCountPage';
export { MovementsPage } from './MovementsPage';
