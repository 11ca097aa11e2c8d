import { useEffect, useState, type ReactNode } from "react";
import { Navigate, useLocation } from "react-router";
import { useAuth } from "../auth.js";
import { peopleApi } from "../people/peopleApi.js";

/** An admin who signs in before the vendor's settings were ever saved is led to the set-up screen first. */
export function SetupGate({ children }: { children: ReactNode }) {
  const { can } = useAuth();
  const admin = can("user.manage");
  const location = useLocation();
  const [needed, setNeeded] = useState(false);
  useEffect(() => {
    // On the set-up screen itself nothing to lead to; leaving it asks again (a save makes the answer "no").
    if (!admin || location.pathname === "/setup") return setNeeded(false);
    let live = true;
    peopleApi.setupStatus().then((s) => live && setNeeded(s.needed), () => undefined);
    return () => { live = false; };
  }, [admin, location.pathname]);
  if (admin && needed && location.pathname !== "/setup" && !location.pathname.startsWith("/account")) return <Navigate to="/setup" replace />;
  return <>{children}</>;
}
