import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { useAuth } from "../auth.js";
import { useTitle } from "../format.js";
import { FactorForm } from "./FactorForm.js";
import { mfaApi } from "./mfaApi.js";

/** Shown instead of any page while this session still owes a second factor (e.g. after SSO without MFA). */
export function ProveFactorPage() {
  const { t } = useTranslation();
  useTitle(t("mfa:confirmTitle"));
  const { refresh, signOut } = useAuth();
  const [methods, setMethods] = useState<string[] | null>(null);
  useEffect(() => {
    mfaApi.factors().then((f) => setMethods([
      ...(f.totp ? ["totp"] : []), ...(f.passkeys.length ? ["passkey"] : []), ...(f.recoveryCodesLeft ? ["recovery"] : []),
    ]), () => setMethods(["totp", "recovery"]));
  }, []);
  return (
    <main id="main" className="signin">
      <div className="signin-card">
        <h1>{t("mfa:confirmTitle")}</h1>
        <p>{t("mfa:prove.text")}</p>
        {methods && (
          <FactorForm methods={methods} submit={async (proof) => { await mfaApi.verify(proof); await refresh(); }}
            passkey={async () => { await mfaApi.verifyWithPasskey(); await refresh(); }} />
        )}
        <button type="button" className="link" onClick={() => void signOut()}>{t("mfa:prove.signOut")}</button>
      </div>
    </main>
  );
}
