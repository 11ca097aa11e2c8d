import fs from "node:fs";
import path from "node:path";
import Handlebars from "handlebars";

const DIR = path.resolve(import.meta.dirname, "templates");
const cache = new Map<string, HandlebarsTemplateDelegate>();

function template(file: string) {
  let t = cache.get(file);
  if (!t) {
    t = Handlebars.compile(fs.readFileSync(path.join(DIR, file), "utf8"), { strict: true });
    cache.set(file, t);
  }
  return t;
}

/**
 * Renders `<name>.subject.hbs`, `<name>.text.hbs` and `<name>.html.hbs` (templates are files so
 * they can be reviewed and replaced). HTML is escaped by Handlebars; text and subject are not.
 */
export function renderMail(name: string, data: Record<string, unknown>) {
  const opts = { allowProtoPropertiesByDefault: false };
  return {
    subject: template(`${name}.subject.hbs`)(data, opts).trim(),
    text: Handlebars.compile(fs.readFileSync(path.join(DIR, `${name}.text.hbs`), "utf8"), { noEscape: true, strict: true })(data, opts),
    html: template(`${name}.html.hbs`)(data, opts),
  };
}
