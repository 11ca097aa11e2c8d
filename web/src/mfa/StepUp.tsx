import { useEffect, useRef, useState, type ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { setStepUpHandler } from "../api.js";
import { FactorForm } from "./FactorForm.js";
import { mfaApi } from "./mfaApi.js";

/**
 * Answers the API's step_up_required: a dialog asks for the code or passkey, and the refused
 * request is retried once it is proven (api.ts). Cancelling lets the original error through.
 */
export function StepUpProvider({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  const [methods, setMethods] = useState<string[] | null>(null);
  const resolver = useRef<((ok: boolean) => void) | null>(null);
  const dialog = useRef<HTMLDialogElement>(null);

  useEffect(() => {
    setStepUpHandler(async () => {
      const f = await mfaApi.factors().catch(() => null);
      if (!f || (!f.totp && !f.passkeys.length)) return false;
      setMethods([...(f.totp ? ["totp"] : []), ...(f.passkeys.length ? ["passkey"] : []), ...(f.recoveryCodesLeft ? ["recovery"] : [])]);
      return new Promise<boolean>((resolve) => { resolver.current = resolve; });
    });
    return () => setStepUpHandler(null);
  }, []);
  useEffect(() => {
    if (methods && !dialog.current?.open) dialog.current?.showModal();
  }, [methods]);

  const finish = (ok: boolean) => {
    dialog.current?.close();
    setMethods(null);
    resolver.current?.(ok);
    resolver.current = null;
  };

  return (
    <>
      {children}
      <dialog ref={dialog} className="step-up" aria-labelledby="step-up-title" onCancel={() => finish(false)}>
        <h2 id="step-up-title">{t("mfa:confirmTitle")}</h2>
        <p>{t("mfa:stepUp.text")}</p>
        {methods && (
          <FactorForm methods={methods} submitLabel={t("mfa:stepUp.confirm")}
            submit={async (proof) => { await mfaApi.verify(proof); finish(true); }}
            passkey={async () => { await mfaApi.verifyWithPasskey(); finish(true); }} />
        )}
        <button type="button" className="link" onClick={() => finish(false)}>{t("mfa:stepUp.cancel")}</button>
      </dialog>
    </>
  );
}
