import express, { type Request, type RequestHandler, type Response, type Router } from "express";
import { AcknowledgeByLinkBody } from "../../shared/schemas/notice.js";
import { HttpError } from "../http/errors.js";
import path from "node:path";
import { translator, type Translate } from "../../shared/i18n/index.js";
import { readerLanguage } from "../http/language.js";
import { formatDate } from "./render.js";
import { messagePage, renderPage } from "../http/pages.js";

const NAME_MAX = AcknowledgeByLinkBody.shape.name.maxLength ?? 200;

const ACK_PAGE = path.resolve(import.meta.dirname, "pages", "ack.hbs");

/** The small page behind an acknowledgement link, in the notice's language (pages/ack.hbs). No script, one form. */
export function ackPageHtml(p: {
  lang: string;
  vendor: string;
  organization: string;
  subject: string;
  body: string;
  /** Set once acknowledged: when and by whom. */
  acknowledged: { at: string; by: string; already: boolean } | null;
  /** Why the form was refused (shown above it). */
  formError?: string;
  /** The incident in the controller portal (sign-in first). */
  portalUrl: string;
}): string {
  return renderPage(ACK_PAGE, p.lang, { ...p, nameMax: NAME_MAX });
}

/** An error page (an expired or invalid link, a refusal) with one message in `lang`. */
export function ackErrorHtml(lang: string, message: string): string {
  return messagePage({ lang, title: translator(lang)("ack:title"), message });
}

interface LinkedNotice {
  n: { id: string; incidentId: string; subject: string; body: string; language: string; status: string; acknowledgedAt: Date | null; acknowledgedBy: string | null };
  organization: string;
  vendor: string;
  /** The controller's zone (its country's): times on the page are on its wall clock. */
  zone: string;
}

export interface AckPageDeps {
  limiter: RequestHandler;
  /** The notice behind a token; throws HttpError 404 (invalid) or 410 (expired, with the notice's `lang`). */
  find(token: string): Promise<LinkedNotice>;
  acknowledge(token: string, name: string): Promise<{ notice: LinkedNotice["n"]; already: boolean }>;
  /** The incident's page in the portal, on PUBLIC_URL or the request's host. */
  portalUrl(req: Request, incidentId: string): string;
}

/** The form's refusal in the reader's words, from the shared schema's rule (the same one the API applies). */
function readForm(body: unknown, t: Translate): { name: string } | string {
  const parsed = AcknowledgeByLinkBody.safeParse(body ?? {});
  if (parsed.success) return parsed.data;
  return parsed.error.issues.some((i) => i.code === "too_big") ? t("ack:nameTooLong", { max: NAME_MAX }) : t("ack:nameMissing");
}

/** Why a notice in `status` cannot be acknowledged (a 409 from the service). */
const cannotText = (t: Translate, status: string) =>
  t(status === "failed" ? "ack:cannot.failed" : status === "draft" || status === "approved" ? "ack:cannot.unsent" : "ack:cannot.other");

/**
 * GET and POST /ack/:token: the server-rendered page, every message in the notice's language
 * (Accept-Language when no notice is known: a forged link, or a refusal before the lookup).
 */
export function ackPageRoutes(router: Router, deps: AckPageDeps): void {
  const send = (res: Response, status: number, html: string) => res.status(status).type("html").setHeader("cache-control", "no-store").send(html);
  const show = (req: Request, res: Response, status: number, { n, organization, vendor, zone }: LinkedNotice, extra: { already?: boolean; formError?: string } = {}) => {
    const acknowledged = n.acknowledgedAt
      ? { at: formatDate(n.acknowledgedAt.toISOString(), zone, n.language), by: n.acknowledgedBy ?? "", already: extra.already ?? true }
      : null;
    send(res, status, ackPageHtml({ lang: n.language, vendor, organization, subject: n.subject, body: n.body, acknowledged, formError: extra.formError, portalUrl: deps.portalUrl(req, n.incidentId) }));
  };
  /** A refusal as a page: the link's own errors, else the request's (rate limit, unreadable form). */
  const refuse = (req: Request, res: Response, err: unknown, known?: LinkedNotice["n"]) => {
    const status = err instanceof HttpError ? err.status : (err as { status?: number })?.status;
    if (!status || status >= 500) throw err;
    const lang = known?.language ?? (err as { lang?: string }).lang ?? readerLanguage(req);
    const t = translator(lang);
    const text = {
      404: t("ack:invalid"), 410: t("ack:expired"), 413: t("ack:nameTooLong", { max: NAME_MAX }), 429: t("ack:tooMany"), 409: cannotText(t, known?.status ?? ""),
    }[status] ?? t("ack:refused");
    send(res, status, ackErrorHtml(lang, text));
  };
  const handle = (act: (req: Request, res: Response, found: LinkedNotice) => Promise<void>): RequestHandler => async (req, res) => {
    let found: LinkedNotice | undefined;
    try {
      found = await deps.find(String(req.params.token));
      await act(req, res, found);
    } catch (err) {
      refuse(req, res, err, found?.n);
    }
  };
  // Refusals before the handler are pages too: the rate limit (in the reader's language, without
  // looking the link up again) and an oversized form (in the notice's language).
  const refuseEarly = async (err: unknown, req: Request, res: Response, next: (e?: unknown) => void) => {
    try {
      const status = (err as { status?: number })?.status;
      const known = status === 429 ? undefined : await deps.find(String(req.params.token)).then((f) => f.n, () => undefined);
      refuse(req, res, err, known);
    } catch (e) {
      next(e);
    }
  };

  router.get("/ack/:token", deps.limiter, handle(async (req, res, found) => show(req, res, 200, found)), refuseEarly);
  router.post(
    "/ack/:token",
    deps.limiter,
    express.urlencoded({ extended: false, limit: "10kb" }),
    handle(async (req, res, found) => {
      // Nothing left to record: the page says when and by whom, whatever was typed.
      if (found.n.acknowledgedAt) return show(req, res, 200, found);
      const form = readForm(req.body, translator(found.n.language));
      if (typeof form === "string") return show(req, res, 400, found, { formError: form });
      const r = await deps.acknowledge(String(req.params.token), form.name);
      show(req, res, 200, { ...found, n: r.notice }, { already: r.already });
    }),
    refuseEarly,
  );
}
