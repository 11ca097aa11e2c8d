import fs from "node:fs";
import path from "node:path";
import Handlebars from "handlebars";
import { languageOf, translator } from "../../shared/i18n/index.js";

/**
 * Server-rendered pages without script (acknowledgement links, sign-in refusals): Handlebars
 * templates in server/http/templates and the domains' own, laid out by layout.hbs with
 * `<html lang>` set, every text through the `t` helper (key and named values) in the page's language.
 */
const hb = Handlebars.create();
const DIR = path.resolve(import.meta.dirname, "templates");
const compiled = new Map<string, HandlebarsTemplateDelegate>();

hb.registerHelper("t", function (this: unknown, key: string, options: Handlebars.HelperOptions) {
  const root = (options.data as { root: { lang?: string } }).root;
  return translator(root.lang)(key, options.hash as Record<string, unknown>);
});
hb.registerPartial("layout", fs.readFileSync(path.join(DIR, "layout.hbs"), "utf8"));

/** Renders a page template (a file path, or a name in server/http/templates) in `lang`; values are HTML-escaped. */
export function renderPage(template: string, lang: string, data: Record<string, unknown>): string {
  const file = template.endsWith(".hbs") ? template : path.join(DIR, `${template}.hbs`);
  let t = compiled.get(file);
  if (!t) {
    t = hb.compile(fs.readFileSync(file, "utf8"), { strict: false });
    compiled.set(file, t);
  }
  return t({ ...data, lang: languageOf(lang) }, { allowProtoPropertiesByDefault: false, allowProtoMethodsByDefault: false });
}

/** A page of one message (an expired link, a refused sign-in), with an optional way back. */
export function messagePage(p: { lang: string; title: string; message: string; alert?: boolean; back?: { href: string; label: string } }): string {
  return renderPage("message", p.lang, p);
}
