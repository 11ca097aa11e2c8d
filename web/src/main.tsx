import { BundlesPage } from "./bundles/BundlesPage.js";
import { StrictMode, Suspense, lazy } from "react";
import { createRoot } from "react-dom/client";
import { BrowserRouter, Route, Routes } from "react-router";
import { AuthProvider } from "./auth.js";
import { RequireAuth } from "./RequireAuth.js";
import { AnnouncerProvider } from "./components.js";
import { Layout } from "./Layout.js";
import { SignInPage } from "./pages/SignIn.js";
import { IncidentListPage } from "./pages/IncidentList.js";
import { NewIncidentPage } from "./pages/NewIncident.js";
import { IncidentPage } from "./incident/IncidentPage.js";
import { AuditPage } from "./pages/Audit.js";
import { NotFoundPage } from "./pages/NotFound.js";
import { DeadlinesPage } from "./pages/Deadlines.js";
import { RegisterPage } from "./pages/Register.js";
import { OrganizationsPage } from "./pages/Organizations.js";
import { ReportsPage } from "./reports/ReportsPage.js";
import { OutboxPage } from "./pages/Outbox.js";
import { PortalHome } from "./portal/PortalHome.js";
import { PortalIncidentPage } from "./portal/PortalIncidentPage.js";
import { ReviewPage } from "./review/ReviewPage.js";
import { FollowUpsPage } from "./review/FollowUpsPage.js";
import { AccessReviewPage } from "./pages/AccessReview.js";
import { SecurityPage } from "./mfa/SecurityPage.js";
import { AccountPage } from "./account/AccountPage.js";
import { StepUpProvider } from "./mfa/StepUp.js";
import { AlertQueuePage } from "./alerts/AlertQueuePage.js";
import { AlertSourcesPage } from "./alerts/AlertSourcesPage.js";
import { SetupPage } from "./setup/SetupPage.js";
import { SetupGate } from "./setup/SetupGate.js";
import { PeoplePage } from "./people/PeoplePage.js";
import { InvitationPage } from "./people/InvitationPage.js";
import "./i18n.js";
import "./styles.css";

// The dashboard brings the chart library: loaded only when it is opened.
const DashboardPage = lazy(() => import("./dashboard/DashboardPage.js").then((m) => ({ default: m.DashboardPage })));

function App() {
  return (
    <BrowserRouter>
      <AuthProvider>
        <AnnouncerProvider>
          <StepUpProvider>
          <Routes>
            <Route path="/signin" element={<SignInPage />} />
            <Route path="/invitation" element={<InvitationPage />} />
            <Route element={<RequireAuth><SetupGate><Layout /></SetupGate></RequireAuth>}>
              <Route index element={<IncidentListPage />} />
              <Route path="incidents" element={<IncidentListPage />} />
              <Route path="incidents/new" element={<NewIncidentPage />} />
              <Route path="incidents/:id" element={<IncidentPage />} />
              <Route path="incidents/:id/reports" element={<ReportsPage />} />
              <Route path="incidents/:id/review" element={<ReviewPage />} />
              <Route path="audit" element={<AuditPage />} />
              <Route path="dashboard" element={<Suspense fallback={<p className="muted loading" role="status">Loading the dashboard…</p>}><DashboardPage /></Suspense>} />
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
