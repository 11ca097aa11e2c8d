import { Link } from "react-router";
import { useTitle } from "../format.js";

export function NotFoundPage({ what = "page" }: { what?: string }) {
  useTitle("Not found");
  return (
    <div className="page narrow">
      <h1>Not found</h1>
      <p>We could not find that {what}. It may have been mistyped, or you may not have access to it.</p>
      <p><Link to="/incidents">Go to the incident list</Link></p>
    </div>
  );
}
