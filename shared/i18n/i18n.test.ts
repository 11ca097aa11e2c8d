import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { LANGUAGES, NAMESPACES, translator } from "./index.js";

/**
 * The translation files are complete and alive: every language has every key of every other,
 * with the same placeholders; every key is used somewhere in the code, and every key the code
 * asks for exists. Keys are written whole in the code ("ns:path.to.key") so that they can be
 * found; a dynamic family is written as a template literal (`ns:path.${x}`) and counts for all
 * keys under `ns:path.`; `ns:${name}` counts for a key whose path is written whole as a literal.
 */
const ROOT = path.resolve(import.meta.dirname, "../..");
const LOCALES = path.join(import.meta.dirname, "locales");

type Tree = { [k: string]: string | Tree };
const leaves = (tree: Tree, prefix = ""): Record<string, string> =>
  Object.fromEntries(Object.entries(tree).flatMap(([k, v]) => (typeof v === "string" ? [[prefix + k, v]] : Object.entries(leaves(v, `${prefix}${k}.`)))));
const read = (lang: string, ns: string) => JSON.parse(fs.readFileSync(path.join(LOCALES, lang, `${ns}.json`), "utf8")) as Tree;
const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return ["generated", "locales", "node_modules"].includes(e.name) ? [] : sourceFiles(p);
    return /\.(ts|tsx|hbs)$/.test(e.name) && !e.name.endsWith(".test.ts") ? [p] : [];
  });
}
const SOURCE = ["server", "shared", "web/src"].flatMap((d) => sourceFiles(path.join(ROOT, d))).map((f) => fs.readFileSync(f, "utf8")).join("\n");
const ALL = Object.fromEntries(NAMESPACES.map((ns) => [ns, Object.fromEntries(LANGUAGES.map((l) => [l, leaves(read(l, ns))]))]));

describe("translations", () => {
  it("ship one file per namespace in every language, all bundled", () => {
    for (const lang of LANGUAGES) expect(fs.readdirSync(path.join(LOCALES, lang)).sort()).toEqual(NAMESPACES.map((n) => `${n}.json`).sort());
  });

  it.each(NAMESPACES)("%s: every language has every key, non-empty, with the same placeholders", (ns) => {
    const keys = new Set(LANGUAGES.flatMap((l) => Object.keys(ALL[ns][l])));
    const problems: string[] = [];
    for (const key of keys) {
      const en = ALL[ns].en[key];
      for (const lang of LANGUAGES) {
        const text = ALL[ns][lang][key];
        if (text === undefined) problems.push(`${lang}/${ns}.json lacks ${key}`);
        else if (!text.trim()) problems.push(`${lang}/${ns}.json has an empty ${key}`);
        else if (en !== undefined && placeholders(text).join() !== placeholders(en).join()) problems.push(`${lang}/${ns}.json ${key}: placeholders differ from en`);
      }
    }
    expect(problems).toEqual([]);
  });

  it("have no key that the code never uses", () => {
    const dynamic = [...SOURCE.matchAll(/`(\w+:[\w.]+\.)\$\{/g)].map((m) => m[1]);
    const plural = /_(zero|one|two|few|many|other)$/;
    const unused = NAMESPACES.flatMap((ns) => Object.keys(ALL[ns].en).map((k) => `${ns}:${k.replace(plural, "")}`))
      .filter((key) => !SOURCE.includes(`"${key}"`) && !dynamic.some((p) => key.startsWith(p)))
      .filter((key) => { const [ns, rest] = key.split(":"); return !(SOURCE.includes(`\`${ns}:\${`) && SOURCE.includes(`"${rest}"`)); });
    expect(unused).toEqual([]);
  });

  it("have every key the code asks for", () => {
    const asked = [...SOURCE.matchAll(/\bt\(?\s*"(\w+:[\w.]+)"/g)].map((m) => m[1]);
    expect(asked.length).toBeGreaterThan(10);
    const missing = asked.filter((k) => {
      const [ns, key] = k.split(":");
      return !(ns in ALL) || (ALL[ns].en[key] === undefined && ALL[ns].en[`${key}_other`] === undefined);
    });
    expect([...new Set(missing)]).toEqual([]);
  });

  it("fill placeholders and fall back to English only for an unknown language", () => {
    expect(translator("sv")("ack:nameTooLong", { max: 200 })).toBe("Namnet eller e-postadressen får vara högst 200 tecken.");
    expect(translator("xx")("ack:button")).toBe("Acknowledge");
    expect(translator("nb")("ack:button")).toBe("Bekreft");
  });
});
