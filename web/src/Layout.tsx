import { useEffect, useRef } from "react";
import { Link, NavLink, Outlet, useLocation, useNavigate } from "react-router";
import { ROLE_LABELS } from "../../shared/roles.js";
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
          <Link to={portalOnly ? "/portal" : "/"} className="brand" aria-label={portalOnly ? t("common:nav.brandPortal") : "Vakt — incidents"}>
            <span aria-hidden="true" className="brand-mark">◆</span> Vakt
          </Link>
          <nav aria-label={t("common:nav.main")}>
            <ul>
              {portalOnly ? <li><NavLink to="/portal">{t("common:nav.portal")}</NavLink></li> : <>
              <li><NavLink to="/incidents" className={({ isActive }) => (isActive || location.pathname === "/" ? "active" : undefined)}>Incidents</NavLink></li>
              {can("alert.read") && <li><NavLink to="/alerts">Alerts</NavLink></li>}
              {can("breach.read") && <li><NavLink to="/deadlines">Deadlines</NavLink></li>}
              {can("incident.read") && <li><NavLink to="/follow-ups?status=open">Follow-ups</NavLink></li>}
              {can("register.read") && <li><NavLink to="/register">Breach register</NavLink></li>}
              {can("report.manage") && <li><NavLink to="/bundles">Bundled notifications</NavLink></li>}
              {can("organization.read") && <li><NavLink to="/organizations">Organisations</NavLink></li>}
              {can("metrics.read") && <li><NavLink to="/dashboard">Dashboard</NavLink></li>}
              {can("audit.read") && <li><NavLink to="/audit">Audit log</NavLink></li>}
              {can("access.review") && <li><NavLink to="/access-review">Access review</NavLink></li>}
              {can("user.manage") && <li><NavLink to="/people">{t("people:title")}</NavLink></li>}
              {can("user.manage") && <li><NavLink to="/setup">{t("setup:title")}</NavLink></li>}
              {can("outbox.read") && <li><NavLink to="/outbox">Outgoing mail</NavLink></li>}
              </>}
            </ul>
          </nav>
          <div className="header-actions">
            {mayCreate && (
              <Link to="/incidents/new" className="button primary" aria-keyshortcuts="n" title="Log incident (shortcut: n)">
                Log incident <kbd aria-hidden="true">n</kbd>
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
        <Outlet />
      </main>
    </>
  );
}
