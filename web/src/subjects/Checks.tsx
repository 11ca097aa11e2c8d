import type { ComponentProps } from "react";
import { CheckGroup } from "../components.js";

/** A row of checkboxes over a label table (audiences, variants, languages, channels). */
export function Checks<T extends string>(props: Omit<ComponentProps<typeof CheckGroup<T>>, "inline">) {
  return <CheckGroup {...props} inline />;
}
