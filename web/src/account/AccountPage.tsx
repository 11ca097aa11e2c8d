import { useState } from "react";
import { Link } from "react-router";
import { useAuth } from "../auth.js";
import { useTitle } from "../format.js";
import { SessionsSection } from "./SessionsSection.js";
import { PasswordSection } from "./PasswordSection.js";
import { TokensSection } from "./TokensSection.js";

/** /account — my sessions, my password and my API tokens; second factors are on /account/security. */
export function AccountPage() {
  useTitle("My account");
  const { user, can } = useAuth();
  // A password change signs out the other sessions: the list is loaded again.
  const [generation, setGeneration] = useState(0);
  return (
    <div className="page">
      <h1>My account</h1>
      {user && <p>{user.name} · {user.email}</p>}
      <p><Link to="/account/security">Second factors (authenticator app, passkeys, recovery codes)</Link></p>
      <SessionsSection key={generation} />
      <PasswordSection onChanged={() => setGeneration((g) => g + 1)} />
      {can("token.create") && <TokensSection />}
    </div>
  );
}
