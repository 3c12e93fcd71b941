// The time bank's pages, for the router.
export { BrowsePage } from './components/browse-page.tsx';
export { EditListingPage, NewListingPage } from './components/listing-edit-pages.tsx';
export { ListingPage } from './components/listing-page.tsx';
export { ExchangesPage } from './components/exchanges-page.tsx';
export { ExchangePage } from './components/exchange-page.tsx';
export { StatementPage } from './components/statement-page.tsx';
export { FundPage } from './components/fund-page.tsx';
export { MessagesPage } from './components/messages-page.tsx';
export { ReferencesPanel } from './components/references-panel.tsx';
export { TimebankCoordinatorConsole } from './components/coordinator/coordinator-console.tsx';
export { QueuePanel } from './components/coordinator/queue-panel.tsx';
export { ProxyPanel } from './components/coordinator/proxy-panel.tsx';
export { GroupPanel } from './components/coordinator/group-panel.tsx';
export { GrantsPanel } from './components/coordinator/grants-panel.tsx';
export { CorrectionsPanel } from './components/coordinator/corrections-panel.tsx';
export { SettingsPanel } from './components/coordinator/settings-panel.tsx';
export { ReportPanel } from './components/coordinator/report-panel.tsx';
