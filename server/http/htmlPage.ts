import { escapeHtml, languageOf } from "../notices/render.js";

/** A small server-rendered page without script (acknowledgement links, sign-in refusals); `content` is HTML. */
export function htmlPage(lang: string, title: string, content: string) {
  return `<!doctype html>
<html lang="${escapeHtml(languageOf(lang))}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>body{font-family:system-ui,sans-serif;max-width:48em;margin:2em auto;padding:0 1em;color:#111;line-height:1.45}
pre{white-space:pre-wrap;font-family:inherit;background:#f6f6f6;padding:1em;border-radius:4px}.ok{color:#064;font-weight:bold}.err{color:#a00;font-weight:bold}
input{padding:.4em;min-width:18em}button{padding:.45em 1.2em}</style></head>
<body><h1>${escapeHtml(title)}</h1>${content}</body></html>`;
}
