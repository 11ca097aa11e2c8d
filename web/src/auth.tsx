import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from "react";
import { api, ApiError, setCsrfToken, setUnauthorizedHandler, type MfaState, type SecondFactorChallenge, type Session, type User } from "./api.js";
import { can as roleCan, type Permission } from "../../shared/permissions.js";
import { applyLanguage } from "./i18n.js";
import { applyTimeZone } from "./format.js";

type AuthState =
  | { status: "loading" }
  | { status: "signedOut"; expired: boolean }
  | { status: "signedIn"; user: User; mfa: MfaState | null }
  | { status: "error"; message: string };

interface AuthApi {
  state: AuthState;
  user: User | null;
  /** Password sign-in: resolves to the second-factor challenge when one is owed (no session yet), else null. */
  signIn: (email: string, password: string) => Promise<SecondFactorChallenge | null>;
  /** Takes a session started elsewhere (second sign-in step, passkey sign-in). */
  accept: (s: Session) => void;
  /** Reloads the session (after enrolling or proving a factor). */
  refresh: () => Promise<void>;
  signOut: () => Promise<void>;
  /** The shared permission matrix, for the signed-in user's role. */
  can: (permission: Permission) => boolean;
  retry: () => void;
}

const AuthContext = createContext<AuthApi | null>(null);

export function AuthProvider({ children }: { children: ReactNode }) {
  const [state, setState] = useState<AuthState>({ status: "loading" });
  const [attempt, setAttempt] = useState(0);

  const accept = useCallback((s: Session) => {
    setCsrfToken(s.csrfToken);
    applyLanguage(s.language);
    applyTimeZone(s.user.timeZone);
    setState({ status: "signedIn", user: s.user, mfa: s.mfa ?? null });
  }, []);

  useEffect(() => {
    let live = true;
    api.me().then(
      (s) => live && accept(s),
      (e: unknown) => {
        if (!live) return;
        if (e instanceof ApiError && e.status === 401) setState({ status: "signedOut", expired: false });
        else setState({ status: "error", message: e instanceof Error ? e.message : String(e) });
      },
    );
    return () => { live = false; };
  }, [accept, attempt]);

  useEffect(() => {
    setUnauthorizedHandler(() => {
      setCsrfToken(null);
      setState((s) => (s.status === "signedIn" ? { status: "signedOut", expired: true } : s));
    });
    return () => setUnauthorizedHandler(null);
  }, []);

  const value = useMemo<AuthApi>(() => {
    const user = state.status === "signedIn" ? state.user : null;
    return {
      state,
      user,
      signIn: async (email, password) => {
        const r = await api.login(email, password);
        if ("mfaRequired" in r) return r;
        accept(r);
        return null;
      },
      accept,
      refresh: async () => accept(await api.me()),
      signOut: async () => {
        try { await api.logout(); } catch { /* the session may already be gone */ }
        setCsrfToken(null);
        setState({ status: "signedOut", expired: false });
      },
      can: (p) => roleCan(user?.role, p),
      retry: () => { setState({ status: "loading" }); setAttempt((n) => n + 1); },
    };
  }, [state, accept]);

  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

export function useAuth(): AuthApi {
  const ctx = useContext(AuthContext);
  if (!ctx) throw new Error("useAuth outside AuthProvider");
  return ctx;
}

export const SECURITY_PATH = "/account/security";
export const isPortalPath = (path: string) => path === "/portal" || path.startsWith("/portal/");
