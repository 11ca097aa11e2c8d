import { escapeHtml, fill, labels } from "./render.js";

/** The small page behind an acknowledgement link, in the notice's language. No script, one form. */
export function ackPageHtml(p: {
  lang: string;
  vendor: string;
  organization: string;
  subject: string;
  body: string;
  /** Set once acknowledged: when and by whom. */
  acknowledged: { at: string; by: string; already: boolean } | null;
}): string {
  const l = labels(p.lang).ack;
  const status = p.acknowledged
    ? `<p class="ok" role="status">${escapeHtml(fill(p.acknowledged.already ? l.already : l.done, { at: p.acknowledged.at, by: p.acknowledged.by }))}</p>`
    : `<form method="post"><label>${escapeHtml(l.name)}<br><input name="name" required maxlength="200" autocomplete="name"></label> <button type="submit">${escapeHtml(l.button)}</button></form>`;
  return page(p.lang, l.title, `
<p>${escapeHtml(fill(l.intro, { vendor: p.vendor, organization: p.organization }))}</p>
${status}
<h2>${escapeHtml(p.subject)}</h2>
<pre>${escapeHtml(p.body)}</pre>
${p.acknowledged ? "" : status}`);
}

/** An error page: an expired or invalid link in the notice's language, or another refusal's message. */
export function ackErrorHtml(lang: string, reason: "expired" | "invalid" | (string & {})): string {
  const l = labels(lang).ack;
  const text = reason === "expired" ? l.expired : reason === "invalid" ? l.invalid : reason;
  return page(lang, l.title, `<p class="err">${escapeHtml(text)}</p>`);
}

function page(lang: string, title: string, content: string) {
  return `<!doctype html>
<html lang="${escapeHtml(lang)}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>body{font-family:system-ui,sans-serif;max-width:48em;margin:2em auto;padding:0 1em;color:#111;line-height:1.45}
pre{white-space:pre-wrap;font-family:inherit;background:#f6f6f6;padding:1em;border-radius:4px}.ok{color:#064;font-weight:bold}.err{color:#a00;font-weight:bold}
input{padding:.4em;min-width:18em}button{padding:.45em 1.2em}</style></head>
<body><h1>${escapeHtml(title)}</h1>${content}</body></html>`;
}
