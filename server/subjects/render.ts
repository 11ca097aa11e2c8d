import fs from "node:fs";
import path from "node:path";
import Handlebars from "handlebars";
import type { AdviceTopic } from "../../shared/subjects/advice.js";

/**
 * Renders the Art. 34 communications from Handlebars templates kept as files, one folder per
 * language (server/subjects/templates/<lang>/): title.hbs, individual.hbs (adults), public.hbs
 * (Art. 34(3)(c) public notice), pupils.hbs (both variants, in words a 12-year-old reads), and
 * partials/. Templates are strict: a missing field is an error, not a gap in the letter.
 */
const DIR = path.resolve(import.meta.dirname, "templates");

export interface SubjectTemplateData {
  controller: { name: string };
  reference: string;
  audience: Record<"general" | "pupils" | "guardians" | "staff" | "customers", boolean>;
  isPublic: boolean;
  types: Record<"confidentiality" | "integrity" | "availability", boolean>;
  cat: Record<string, boolean>;
  sensitive: boolean;
  anyConsequence: boolean;
  summary: string | null;
  occurredOn: string | null;
  awareOn: string;
  today: string;
  approxSubjects: number | null;
  consequences: string | null;
  measures: { taken: string[]; planned: string[]; any: boolean };
  reportedToAuthority: boolean;
  /** The authority people may complain to (the controller's country's), when known by name. */
  complaintAuthority: string | null;
  authority: string | null;
  advice: Record<AdviceTopic, boolean>;
  contact: { name: string; email: string; role: string } | null;
}

type Compiled = Record<"title" | "individual" | "public" | "pupils", HandlebarsTemplateDelegate>;
const cache = new Map<string, Compiled>();

function templatesFor(lang: string): Compiled {
  let t = cache.get(lang);
  if (t) return t;
  const dir = path.join(DIR, lang);
  if (!fs.existsSync(dir)) throw new Error(`no data-subject templates for language ${lang} in ${DIR}`);
  const hb = Handlebars.create();
  const partials = path.join(dir, "partials");
  for (const f of fs.readdirSync(partials).filter((f) => f.endsWith(".hbs")))
    hb.registerPartial(f.slice(0, -4), fs.readFileSync(path.join(partials, f), "utf8"));
  const compile = (name: string) => hb.compile(fs.readFileSync(path.join(dir, `${name}.hbs`), "utf8"), { strict: true, noEscape: true });
  t = { title: compile("title"), individual: compile("individual"), public: compile("public"), pupils: compile("pupils") };
  cache.set(lang, t);
  return t;
}

/** Blank lines left by false conditions collapse to one; trailing spaces go. */
function tidy(text: string): string {
  return text.replace(/[ \t]+$/gm, "").replace(/\n{3,}/g, "\n\n").trim() + "\n";
}

export function renderSubjectNotice(data: SubjectTemplateData, lang: string): { title: string; body: string } {
  const t = templatesFor(lang);
  const opts = { allowProtoPropertiesByDefault: false, allowProtoMethodsByDefault: false };
  const body = data.audience.pupils ? t.pupils(data, opts) : data.isPublic ? t.public(data, opts) : t.individual(data, opts);
  return { title: t.title(data, opts).replace(/\s+/g, " ").trim(), body: tidy(body) };
}

const esc = Handlebars.escapeExpression;

/**
 * The stored plain text as a small, self-contained HTML page: blank lines separate blocks, a
 * block of "- " lines is a list, a single short line without a full stop is a heading.
 */
export function noticeHtml(title: string, body: string, lang: string): string {
  const blocks = body.trim().split(/\n\s*\n/).map((block) => {
    const lines = block.split("\n");
    const out: string[] = [];
    let list: string[] = [];
    const flush = () => {
      if (list.length) out.push(`<ul>${list.map((l) => `<li>${esc(l)}</li>`).join("")}</ul>`);
      list = [];
    };
    for (const [i, line] of lines.entries()) {
      if (line.startsWith("- ")) { list.push(line.slice(2)); continue; }
      flush();
      const heading = i === 0 && lines.length > 1 && line.length < 80 && !/[.!:,]$/.test(line);
      out.push(heading ? `<h2>${esc(line)}</h2>` : `<p>${esc(line)}</p>`);
    }
    flush();
    return out.join("\n");
  });
  return `<!doctype html>
<html lang="${esc(lang)}">
<head><meta charset="utf-8"><title>${esc(title)}</title>
<style>body{font:16px/1.5 system-ui,sans-serif;max-width:40em;margin:2em auto;padding:0 1em;color:#1a1a1a}h1{font-size:1.4em}h2{font-size:1.1em;margin-top:1.5em}</style>
</head>
<body>
<h1>${esc(title)}</h1>
${blocks.join("\n")}
</body>
</html>
`;
}
