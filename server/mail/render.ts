import fs from "node:fs";
import path from "node:path";
import Handlebars from "handlebars";
import { formatInZone } from "../../shared/breach/deadlines.js";
import { languageOf, translator } from "../../shared/i18n/index.js";

export interface RenderedMail {
  subject: string;
  text: string;
  html: string;
}

type Part = "subject" | "text" | "html";

/**
 * Renders mails from Handlebars templates kept as files, so they can be reviewed and replaced
 * without touching code: `<name>.subject.hbs`, `<name>.text.hbs`, `<name>.html.hbs` in `dir`,
 * or per language `<name>.<lang>.<part>.hbs` (falling back to the language-neutral file, then
 * to `en`). HTML is escaped; subject and text are not (they are not HTML). Templates are
 * strict: a missing field is an error, not an empty gap in a legal notice.
 *
 * Helpers: `{{instant iso zone}}` formats an ISO instant on the wall clock of an IANA zone
 * ("Mon 30 Mar 2026 11:00 CEST"); `{{t "<namespace>:<key>" name=value}}` is the text of a key in the mail's
 * language (shared/i18n, the one convention of server and web), so one template serves every language.
 */
export function createMailRenderer(dir: string) {
  const hb = Handlebars.create();
  hb.registerHelper("instant", (iso: string, zone: string) => formatInZone(iso, typeof zone === "string" ? zone : "UTC"));
  hb.registerHelper("t", function (this: unknown, key: string, options: Handlebars.HelperOptions) {
    return translator((options.data as { root: { lang?: string } }).root.lang)(key, options.hash as Record<string, unknown>);
  });
  const cache = new Map<string, HandlebarsTemplateDelegate>();

  function template(name: string, part: Part, lang?: string): HandlebarsTemplateDelegate {
    const candidates = [...(lang ? [`${name}.${lang}.${part}.hbs`] : []), `${name}.${part}.hbs`, `${name}.en.${part}.hbs`];
    const file = candidates.find((f) => cache.has(f) || fs.existsSync(path.join(dir, f)));
    if (!file) throw new Error(`mail template not found: ${candidates.join(" or ")} in ${dir}`);
    let t = cache.get(file);
    if (!t) {
      t = hb.compile(fs.readFileSync(path.join(dir, file), "utf8"), { strict: true, noEscape: part !== "html" });
      cache.set(file, t);
    }
    return t;
  }

  const run = (name: string, part: Part, data: Record<string, unknown>, lang?: string) =>
    template(name, part, lang)({ ...data, lang: languageOf(lang) }, { allowProtoPropertiesByDefault: false, allowProtoMethodsByDefault: false });
  /** Subject and text only, for mails whose HTML part is made from the text. */
  const renderText = (name: string, data: Record<string, unknown>, opts: { lang?: string } = {}): Omit<RenderedMail, "html"> => ({
    subject: run(name, "subject", data, opts.lang).replace(/\s+/g, " ").trim(),
    text: run(name, "text", data, opts.lang),
  });
  return {
    render: (name: string, data: Record<string, unknown>, opts: { lang?: string } = {}): RenderedMail => ({
      ...renderText(name, data, opts),
      html: run(name, "html", data, opts.lang),
    }),
    renderText,
  };
}

export type MailRenderer = ReturnType<typeof createMailRenderer>;

/** Vakt's own mails (reminders, escalations): server/mail/templates. */
export const systemMail = createMailRenderer(path.resolve(import.meta.dirname, "templates"));
