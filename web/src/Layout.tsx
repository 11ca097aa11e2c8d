import { Suspense, useEffect, useRef, useState } from "react";
import { Link, NavLink, Outlet, useLocation, useNavigate } from "react-router";
import { ROLE_LABELS } from "./format.js";
import { useTranslation } from "react-i18next";
import { useAuth } from "./auth.js";
import { LanguageSwitcher } from "./LanguageSwitcher.js";

/** True when a key press belongs to a text field (shortcuts must not fire there). */
function typingIn(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null;
  if (!el) return false;
  return el.isContentEditable || ["INPUT", "TEXTAREA", "SELECT"].includes(el.tagName);
}

export function Layout() {
  const { user, can, signOut } = useAuth();
  const { t } = useTranslation();
  const navigate = useNavigate();
  const location = useLocation();
  const mainRef = useRef<HTMLElement>(null);
  // Narrow screens: the navigation folds behind a menu button and closes again on every page change.
  const [menuOpen, setMenuOpen] = useState(false);
  useEffect(() => setMenuOpen(false), [location.pathname, location.search]);
  const mayCreate = can("incident.create");
  // Controller users (customers) have the portal and nothing else.
  const portalOnly = user?.role === "controller";

  // Keyboard shortcut: "n" logs a new incident from anywhere.
  useEffect(() => {
    if (!mayCreate) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== "n" || e.ctrlKey || e.metaKey || e.altKey || e.defaultPrevented || typingIn(e.target)) return;
      if (document.querySelector("dialog[open]")) return;
      e.preventDefault();
      void navigate("/incidents/new");
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [mayCreate, navigate]);

  // After client-side navigation, move focus to the page so screen readers start at its heading.
  const first = useRef(true);
  useEffect(() => {
    if (first.current) { first.current = false; return; }
    const h1 = mainRef.current?.querySelector("h1");
    if (h1 && !mainRef.current?.contains(document.activeElement)) {
      h1.setAttribute("tabindex", "-1");
      h1.focus({ preventScroll: false });
    }
  }, [location.pathname]);

  return (
    <>
      <a className="skip-link" href="#main">{t("common:nav.skip")}</a>
      <header className="app-header">
        <div className="app-header-inner">
          <Link to={portalOnly ? "/portal" : "/"} className="brand" aria-label={portalOnly ? t("common:nav.brandPortal") : t("common:nav.brand")}>
            <span aria-hidden="true" className="brand-mark">◆</span> Vakt
          </Link>
          <button type="button" className="secondary menu-button" aria-expanded={menuOpen} aria-controls="main-nav"
            onClick={() => setMenuOpen((open) => !open)}>
            <span aria-hidden="true">☰</span> {t("common:nav.menu")}
          </button>
          <nav id="main-nav" aria-label={t("common:nav.main")} className={menuOpen ? "open" : undefined} onClick={() => setMenuOpen(false)}>
            <ul>
              {portalOnly ? <li><NavLink to="/portal">{t("common:nav.portal")}</NavLink></li> : <>
              <li><NavLink to="/incidents" className={({ isActive }) => (isActive || location.pathname === "/" ? "active" : undefined)}>
                {t("common:nav.incidents")}</NavLink></li>
              {can("incident.read") && <li><NavLink to="/search">{t("search:nav")}</NavLink></li>}
              {can("alert.read") && <li><NavLink to="/alerts">{t("common:nav.alerts")}</NavLink></li>}
              {can("breach.read") && <li><NavLink to="/deadlines">{t("common:nav.deadlines")}</NavLink></li>}
              {can("incident.read") && <li><NavLink to="/follow-ups?status=open">{t("common:nav.followUps")}</NavLink></li>}
              {can("register.read") && <li><NavLink to="/register">{t("common:nav.register")}</NavLink></li>}
              {can("report.manage") && <li><NavLink to="/bundles">{t("common:nav.bundles")}</NavLink></li>}
              {can("organization.read") && <li><NavLink to="/organizations">{t("common:nav.organizations")}</NavLink></li>}
              {can("metrics.read") && <li><NavLink to="/dashboard">{t("common:nav.dashboard")}</NavLink></li>}
              {can("audit.read") && <li><NavLink to="/audit">{t("common:nav.audit")}</NavLink></li>}
              {can("access.review") && <li><NavLink to="/access-review">{t("common:nav.accessReview")}</NavLink></li>}
              {can("user.manage") && <li><NavLink to="/people">{t("people:title")}</NavLink></li>}
              {can("user.manage") && <li><NavLink to="/setup">{t("setup:title")}</NavLink></li>}
              {can("outbox.read") && <li><NavLink to="/outbox">{t("common:nav.outbox")}</NavLink></li>}
              {can("playbook.manage") && <li><NavLink to="/playbooks">{t("playbooks:nav")}</NavLink></li>}
              {can("status.manage") && <li><NavLink to="/status-services">{t("status:services.nav")}</NavLink></li>}
              </>}
            </ul>
          </nav>
          <div className="header-actions">
            {mayCreate && (
              <Link to="/incidents/new" className="button primary" aria-keyshortcuts="n" title={t("common:nav.logIncidentShortcut")}>
                {t("common:nav.logIncident")} <kbd aria-hidden="true">n</kbd>
              </Link>
            )}
            {user && (
              <div className="user-box">
                <Link to="/account" className="user-name" title={t("common:nav.account")}>{user.name}</Link>
                <span className="user-role">{ROLE_LABELS[user.role] ?? user.role}</span>
              </div>
            )}
            <button type="button" className="secondary" onClick={async () => { await signOut(); await navigate("/signin"); }}>
              {t("common:nav.signOut")}
            </button>
            <LanguageSwitcher />
          </div>
        </div>
      </header>
      <main id="main" ref={mainRef} tabIndex={-1}>
        <Suspense fallback={<p className="muted loading" role="status">{t("labels:loading")}</p>}>
          <Outlet />
        </Suspense>
      </main>
    </>
  );
}
