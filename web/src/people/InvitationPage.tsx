import { useEffect, useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { ApiError } from "../api.js";
import { Field } from "../components.js";
import { peopleApi } from "./peopleApi.js";

type State = { step: "loading" } | { step: "gone" } | { step: "choose"; email: string; name: string; sso: boolean } | { step: "done" };

/** The invitee's page: the token stays in the link's fragment (never sent in a URL), and is spent on a password. */
export function InvitationPage() {
  const { t } = useTranslation();
  const token = window.location.hash.slice(1);
  const [state, setState] = useState<State>({ step: "loading" });
  const [password, setPassword] = useState("");
  const [repeat, setRepeat] = useState("");
  const [error, setError] = useState<string | undefined>();
  useEffect(() => {
    peopleApi.lookup(token).then((i) => setState({ step: "choose", ...i }), () => setState({ step: "gone" }));
  }, [token]);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (password.length < 12) return setError(t("people:accept.tooShort"));
    if (password !== repeat) return setError(t("people:accept.mismatch"));
    try {
      await peopleApi.accept(token, password);
      setState({ step: "done" });
    } catch (err) {
      if (err instanceof ApiError && err.status === 410) setState({ step: "gone" });
      else setError(t("people:accept.refused"));
    }
  };
  return (
    <main className="page narrow">
      <h1>{t("people:accept.title")}</h1>
      {state.step === "loading" && <p className="muted loading">{t("people:loading")}</p>}
      {state.step === "gone" && <p className="alert alert-error" role="alert">{t("people:accept.gone")}</p>}
      {state.step === "done" && <p role="status">{t("people:accept.done")} <Link to="/signin">{t("people:accept.signIn")}</Link></p>}
      {state.step === "choose" && (
        <form onSubmit={submit} noValidate>
          <p>{t("people:accept.welcome", { name: state.name, email: state.email })}</p>
          {state.sso && <p className="hint">{t("people:accept.sso")} <Link to="/signin">{t("people:accept.signIn")}</Link></p>}
          <Field label={t("people:accept.password")} hint={t("people:accept.passwordHint")} error={error}>
            {(p) => <input {...p} type="password" name="password" autoComplete="new-password" value={password} onChange={(e) => setPassword(e.target.value)} />}
          </Field>
          <Field label={t("people:accept.repeat")}>
            {(p) => <input {...p} type="password" name="repeat" autoComplete="new-password" value={repeat} onChange={(e) => setRepeat(e.target.value)} />}
          </Field>
          <button type="submit">{t("people:accept.submit")}</button>
        </form>
      )}
    </main>
  );
}
