import { useState } from "react";
import { Link } from "react-router";
import { useTranslation } from "react-i18next";
import { useAuth } from "../auth.js";
import { useTitle } from "../format.js";
import { SessionsSection } from "./SessionsSection.js";
import { PasswordSection } from "./PasswordSection.js";
import { ProfileSection } from "./ProfileSection.js";
import { TokensSection } from "./TokensSection.js";

/** /account — my profile (language, time zone), sessions, password and API tokens; second factors are on /account/security. */
export function AccountPage() {
  const { t } = useTranslation();
  useTitle(t("account:title"));
  const { user, can } = useAuth();
  // A password change signs out the other sessions: the list is loaded again.
  const [generation, setGeneration] = useState(0);
  return (
    <div className="page">
      <h1>{t("account:title")}</h1>
      {user && <p>{user.name} · {user.email}</p>}
      <p><Link to="/account/security">{t("account:securityLink")}</Link></p>
      <ProfileSection />
      <SessionsSection key={generation} />
      <PasswordSection onChanged={() => setGeneration((g) => g + 1)} />
      {can("token.create") && <TokensSection />}
    </div>
  );
}
