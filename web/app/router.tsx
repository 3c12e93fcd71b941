import { createBrowserRouter, Navigate, useRouteError } from 'react-router';
import { ButtonLink } from '../components/button.tsx';
import { ErrorState } from '../components/error-state.tsx';
import { PageHeader } from '../components/page-header.tsx';
import { t } from '../i18n/index.ts';
import { AccountDeletedPage } from '../features/account/components/account-deleted-page.tsx';
import { AccountPage } from '../features/account/components/account-page.tsx';
import { AdminConsole } from '../features/admin/components/admin-console.tsx';
import { CommunitiesPanel } from '../features/admin/components/communities-panel.tsx';
import { MailPage } from '../features/admin/components/mail-page.tsx';
import { OutboxPanel } from '../features/admin/components/outbox-panel.tsx';
import { PeoplePanel } from '../features/admin/components/people-panel.tsx';
import { SkillsPanel } from '../features/admin/components/skills-panel.tsx';
import { RolesPanel } from '../features/admin/components/roles-panel.tsx';
import { ConfirmEmailPage } from '../features/auth/components/confirm-email-page.tsx';
import { ForgotPasswordPage } from '../features/auth/components/forgot-password-page.tsx';
import { ResetPasswordPage } from '../features/auth/components/reset-password-page.tsx';
import { SignInPage } from '../features/auth/components/sign-in-page.tsx';
import { SignUpPage } from '../features/auth/components/sign-up-page.tsx';
import { CoordinatorConsole } from '../features/coordinator/components/coordinator-console.tsx';
import { InvitesPanel } from '../features/coordinator/components/invites-panel.tsx';
import { JoinRequestsPanel } from '../features/coordinator/components/join-requests-panel.tsx';
import { MembersPanel } from '../features/coordinator/components/members-panel.tsx';
import { ReportsPanel } from '../features/coordinator/components/reports-panel.tsx';
import { DirectoryPage } from '../features/directory/components/directory-page.tsx';
import { HomePage } from '../features/home/components/home-page.tsx';
import { InvitePage } from '../features/join/components/invite-page.tsx';
import { JoinPage } from '../features/join/components/join-page.tsx';
import { MemberPage } from '../features/profiles/components/member-page.tsx';
import { OwnProfilePage } from '../features/profiles/components/own-profile-page.tsx';
import { SetupPage } from '../features/setup/components/setup-page.tsx';
import { ConnectionPanel } from '../features/trust/components/connection-panel.tsx';
import { CouncilPage } from '../features/trust/components/council-page.tsx';
import { SurveyCard } from '../features/trust/components/survey-card.tsx';
import { TrustDashboardPage } from '../features/trust/components/trust-dashboard-page.tsx';
import * as timebank from '../features/timebank/index.ts';
import { RequireAdmin, RequireCommunity, RequireRole, RequireSession, RequireSignedOut } from './guards.tsx';
import { Layout } from './layout.tsx';

function NotFoundPage() {
  return (
    <>
      <PageHeader title={t('notFound.title')} lead={t('notFound.lead')} />
      <ButtonLink to="/">{t('guards.backHome')}</ButtonLink>
    </>
  );
}

/** Shown if a page itself fails to draw: a plain message rather than a blank screen. */
function CrashPage() {
  const error = useRouteError();
  return (
    <main id="main" className="shell__main">
      <h1>{t('errors.crashTitle')}</h1>
      <ErrorState error={error instanceof Error ? new Error(t('errors.crash')) : error} onRetry={() => window.location.reload()} />
    </main>
  );
}

/** Every page of the app and who may see it. */
export const router = createBrowserRouter([
  {
    element: <Layout />,
    errorElement: <CrashPage />,
    children: [
      { path: '/setup', element: <SetupPage /> },
      { path: '/sign-in', element: <RequireSignedOut><SignInPage /></RequireSignedOut> },
      { path: '/sign-up', element: <RequireSignedOut><SignUpPage /></RequireSignedOut> },
      { path: '/forgot-password', element: <ForgotPasswordPage /> },
      { path: '/reset-password', element: <ResetPasswordPage /> },
      { path: '/confirm-email', element: <ConfirmEmailPage /> },
      { path: '/account-deleted', element: <AccountDeletedPage /> },
      { path: '/invite/:token', element: <InvitePage /> },
      { path: '/join', element: <JoinPage /> },
      { path: '/account', element: <RequireSession><AccountPage /></RequireSession> },
      { path: '/', element: <RequireCommunity><HomePage extra={<SurveyCard />} /></RequireCommunity> },
      { path: '/directory', element: <RequireCommunity><DirectoryPage /></RequireCommunity> },
      { path: '/profile', element: <RequireCommunity><OwnProfilePage /></RequireCommunity> },
      { path: '/members/:userId', element: <RequireCommunity><MemberPage extra={<><ConnectionPanel /><timebank.ReferencesPanel /></>} /></RequireCommunity> },
      { path: '/timebank', element: <RequireCommunity><timebank.BrowsePage /></RequireCommunity> },
      { path: '/timebank/mine', element: <RequireCommunity><timebank.BrowsePage mine key="mine" /></RequireCommunity> },
      { path: '/timebank/listings/new', element: <RequireCommunity><timebank.NewListingPage /></RequireCommunity> },
      { path: '/timebank/listings/:listingId', element: <RequireCommunity><timebank.ListingPage /></RequireCommunity> },
      { path: '/timebank/listings/:listingId/edit', element: <RequireCommunity><timebank.EditListingPage /></RequireCommunity> },
      { path: '/timebank/exchanges', element: <RequireCommunity><timebank.ExchangesPage /></RequireCommunity> },
      { path: '/timebank/exchanges/:exchangeId', element: <RequireCommunity><timebank.ExchangePage /></RequireCommunity> },
      { path: '/timebank/statement', element: <RequireCommunity><timebank.StatementPage /></RequireCommunity> },
      { path: '/timebank/fund', element: <RequireCommunity><timebank.FundPage /></RequireCommunity> },
      { path: '/timebank/messages', element: <RequireCommunity><timebank.MessagesPage /></RequireCommunity> },
      {
        path: '/timebank/coordinator',
        element: <RequireRole role="coordinator"><timebank.TimebankCoordinatorConsole /></RequireRole>,
        children: [
          { index: true, element: <timebank.QueuePanel /> },
          { path: 'record', element: <timebank.ProxyPanel /> },
          { path: 'group', element: <timebank.GroupPanel /> },
          { path: 'grants', element: <timebank.GrantsPanel /> },
          { path: 'corrections', element: <timebank.CorrectionsPanel /> },
          { path: 'settings', element: <timebank.SettingsPanel /> },
          { path: 'report', element: <timebank.ReportPanel /> },
        ],
      },
      { path: '/trust', element: <RequireRole role="coordinator"><TrustDashboardPage /></RequireRole> },
      { path: '/council', element: <RequireRole role="officer"><CouncilPage /></RequireRole> },
      {
        path: '/coordinator',
        element: <RequireRole role="coordinator"><CoordinatorConsole /></RequireRole>,
        children: [
          { index: true, element: <Navigate to="/coordinator/join-requests" replace /> },
          { path: 'join-requests', element: <JoinRequestsPanel /> },
          { path: 'invites', element: <InvitesPanel /> },
          { path: 'members', element: <MembersPanel /> },
          { path: 'reports', element: <ReportsPanel status="open" key="open" /> },
          { path: 'reports/resolved', element: <ReportsPanel status="resolved" key="resolved" /> },
        ],
      },
      {
        path: '/admin',
        element: <RequireAdmin><AdminConsole /></RequireAdmin>,
        children: [
          { index: true, element: <CommunitiesPanel /> },
          { path: 'communities/:communityId', element: <RolesPanel /> },
          { path: 'people', element: <PeoplePanel /> },
          { path: 'skills', element: <SkillsPanel /> },
          { path: 'outbox', element: <OutboxPanel /> },
          { path: 'outbox/:mailId', element: <MailPage /> },
        ],
      },
      { path: '*', element: <NotFoundPage /> },
    ],
  },
]);
