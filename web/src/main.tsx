import { StrictMode, Suspense, lazy } from "react";
import { createRoot } from "react-dom/client";
import { BrowserRouter, Route, Routes } from "react-router";
import { AuthProvider } from "./auth.js";
import { RequireAuth } from "./RequireAuth.js";
import { AnnouncerProvider } from "./components.js";
import { Layout } from "./Layout.js";
import { SignInPage } from "./pages/SignIn.js";
import { IncidentListPage } from "./pages/IncidentList.js";
import { StepUpProvider } from "./mfa/StepUp.js";
import { SetupGate } from "./setup/SetupGate.js";
import "./i18n.js";
import "./styles.css";
import { SearchPage } from "./search/SearchPage.js";

// Only the sign-in page and the incident list come with the first load; every other page (and the
// chart library of the dashboard) is fetched when it is first opened, behind the Suspense in Layout.
const BundlesPage = lazy(() => import("./bundles/BundlesPage.js").then((m) => ({ default: m.BundlesPage })));
const NewIncidentPage = lazy(() => import("./pages/NewIncident.js").then((m) => ({ default: m.NewIncidentPage })));
const IncidentPage = lazy(() => import("./incident/IncidentPage.js").then((m) => ({ default: m.IncidentPage })));
const AuditPage = lazy(() => import("./pages/Audit.js").then((m) => ({ default: m.AuditPage })));
const NotFoundPage = lazy(() => import("./pages/NotFound.js").then((m) => ({ default: m.NotFoundPage })));
const DeadlinesPage = lazy(() => import("./pages/Deadlines.js").then((m) => ({ default: m.DeadlinesPage })));
const RegisterPage = lazy(() => import("./pages/Register.js").then((m) => ({ default: m.RegisterPage })));
const OrganizationsPage = lazy(() => import("./pages/Organizations.js").then((m) => ({ default: m.OrganizationsPage })));
const ReportsPage = lazy(() => import("./reports/ReportsPage.js").then((m) => ({ default: m.ReportsPage })));
const OutboxPage = lazy(() => import("./pages/Outbox.js").then((m) => ({ default: m.OutboxPage })));
const PortalHome = lazy(() => import("./portal/PortalHome.js").then((m) => ({ default: m.PortalHome })));
const PortalIncidentPage = lazy(() => import("./portal/PortalIncidentPage.js").then((m) => ({ default: m.PortalIncidentPage })));
const ReviewPage = lazy(() => import("./review/ReviewPage.js").then((m) => ({ default: m.ReviewPage })));
const FollowUpsPage = lazy(() => import("./review/FollowUpsPage.js").then((m) => ({ default: m.FollowUpsPage })));
const AccessReviewPage = lazy(() => import("./pages/AccessReview.js").then((m) => ({ default: m.AccessReviewPage })));
const SecurityPage = lazy(() => import("./mfa/SecurityPage.js").then((m) => ({ default: m.SecurityPage })));
const AccountPage = lazy(() => import("./account/AccountPage.js").then((m) => ({ default: m.AccountPage })));
const AlertQueuePage = lazy(() => import("./alerts/AlertQueuePage.js").then((m) => ({ default: m.AlertQueuePage })));
const AlertSourcesPage = lazy(() => import("./alerts/AlertSourcesPage.js").then((m) => ({ default: m.AlertSourcesPage })));
const RoutingRulesPage = lazy(() => import("./routing/RoutingRulesPage.js").then((m) => ({ default: m.RoutingRulesPage })));
const WebhooksPage = lazy(() => import("./routing/WebhooksPage.js").then((m) => ({ default: m.WebhooksPage })));
const ProbesPage = lazy(() => import("./routing/ProbesPage.js").then((m) => ({ default: m.ProbesPage })));
const PlaybooksPage = lazy(() => import("./playbooks/PlaybooksPage.js").then((m) => ({ default: m.PlaybooksPage })));
const PlaybookEditorPage = lazy(() => import("./playbooks/PlaybookEditor.js").then((m) => ({ default: m.PlaybookEditorPage })));
const SetupPage = lazy(() => import("./setup/SetupPage.js").then((m) => ({ default: m.SetupPage })));
const PeoplePage = lazy(() => import("./people/PeoplePage.js").then((m) => ({ default: m.PeoplePage })));
const InvitationPage = lazy(() => import("./people/InvitationPage.js").then((m) => ({ default: m.InvitationPage })));
const StatusPage = lazy(() => import("./status/StatusPage.js").then((m) => ({ default: m.StatusPage })));
const SubscriptionLinkPage = lazy(() => import("./status/SubscriptionLinkPage.js").then((m) => ({ default: m.SubscriptionLinkPage })));
const StatusServicesPage = lazy(() => import("./status/StatusServicesPage.js").then((m) => ({ default: m.StatusServicesPage })));
const DashboardPage = lazy(() => import("./dashboard/DashboardPage.js").then((m) => ({ default: m.DashboardPage })));

function App() {
  return (
    <BrowserRouter>
      <AuthProvider>
        <AnnouncerProvider>
          <StepUpProvider>
          <Routes>
            <Route path="/signin" element={<SignInPage />} />
            <Route path="/invitation" element={<Suspense fallback={null}><InvitationPage /></Suspense>} />
            {/* The public status page and the links in its mails: no sign-in (docs/status-page.md). */}
            <Route path="/status" element={<Suspense fallback={null}><StatusPage /></Suspense>} />
            <Route path="/status/confirm" element={<Suspense fallback={null}><SubscriptionLinkPage kind="confirm" /></Suspense>} />
            <Route path="/status/unsubscribe" element={<Suspense fallback={null}><SubscriptionLinkPage kind="unsubscribe" /></Suspense>} />
            <Route element={<RequireAuth><SetupGate><Layout /></SetupGate></RequireAuth>}>
              <Route index element={<IncidentListPage />} />
              <Route path="incidents" element={<IncidentListPage />} />
              <Route path="incidents/new" element={<NewIncidentPage />} />
              <Route path="incidents/:id" element={<IncidentPage />} />
              <Route path="incidents/:id/reports" element={<ReportsPage />} />
              <Route path="incidents/:id/review" element={<ReviewPage />} />
              <Route path="search" element={<SearchPage />} />
              <Route path="audit" element={<AuditPage />} />
              <Route path="dashboard" element={<DashboardPage />} />
              <Route path="follow-ups" element={<FollowUpsPage />} />
              <Route path="access-review" element={<AccessReviewPage />} />
              <Route path="account" element={<AccountPage />} />
              <Route path="setup" element={<SetupPage />} />
              <Route path="people" element={<PeoplePage />} />
              <Route path="account/security" element={<SecurityPage />} />
              <Route path="deadlines" element={<DeadlinesPage />} />
              <Route path="register" element={<RegisterPage />} />
              <Route path="bundles" element={<BundlesPage />} />
              <Route path="organizations" element={<OrganizationsPage />} />
              <Route path="outbox" element={<OutboxPage />} />
              <Route path="alerts" element={<AlertQueuePage />} />
              <Route path="alert-sources" element={<AlertSourcesPage />} />
              <Route path="routing-rules" element={<RoutingRulesPage />} />
              <Route path="webhooks" element={<WebhooksPage />} />
              <Route path="probes" element={<ProbesPage />} />
              <Route path="status-services" element={<StatusServicesPage />} />
              <Route path="playbooks" element={<PlaybooksPage />} />
              <Route path="playbooks/new" element={<PlaybookEditorPage />} />
              <Route path="playbooks/:id" element={<PlaybookEditorPage />} />
              <Route path="portal" element={<PortalHome />} />
              <Route path="portal/incidents/:id" element={<PortalIncidentPage />} />
              <Route path="*" element={<NotFoundPage />} />
            </Route>
          </Routes>
          </StepUpProvider>
        </AnnouncerProvider>
      </AuthProvider>
    </BrowserRouter>
  );
}

createRoot(document.getElementById("root")!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
