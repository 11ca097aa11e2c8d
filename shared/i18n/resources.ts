// Every translation file, bundled for server and web. Generated shape: add a namespace by adding its three files here.
import sv_ack from "./locales/sv/ack.json" with { type: "json" };
import nb_ack from "./locales/nb/ack.json" with { type: "json" };
import en_ack from "./locales/en/ack.json" with { type: "json" };
import sv_common from "./locales/sv/common.json" with { type: "json" };
import nb_common from "./locales/nb/common.json" with { type: "json" };
import en_common from "./locales/en/common.json" with { type: "json" };
import sv_mail from "./locales/sv/mail.json" with { type: "json" };
import nb_mail from "./locales/nb/mail.json" with { type: "json" };
import en_mail from "./locales/en/mail.json" with { type: "json" };
import sv_notice from "./locales/sv/notice.json" with { type: "json" };
import nb_notice from "./locales/nb/notice.json" with { type: "json" };
import en_notice from "./locales/en/notice.json" with { type: "json" };
import sv_portal from "./locales/sv/portal.json" with { type: "json" };
import nb_portal from "./locales/nb/portal.json" with { type: "json" };
import en_portal from "./locales/en/portal.json" with { type: "json" };
import sv_reports from "./locales/sv/reports.json" with { type: "json" };
import nb_reports from "./locales/nb/reports.json" with { type: "json" };
import en_reports from "./locales/en/reports.json" with { type: "json" };
import sv_signin from "./locales/sv/signin.json" with { type: "json" };
import nb_signin from "./locales/nb/signin.json" with { type: "json" };
import en_signin from "./locales/en/signin.json" with { type: "json" };
import sv_sso from "./locales/sv/sso.json" with { type: "json" };
import nb_sso from "./locales/nb/sso.json" with { type: "json" };
import en_sso from "./locales/en/sso.json" with { type: "json" };
import sv_timeline from "./locales/sv/timeline.json" with { type: "json" };
import nb_timeline from "./locales/nb/timeline.json" with { type: "json" };
import en_timeline from "./locales/en/timeline.json" with { type: "json" };

export const NAMESPACES = ["ack", "common", "mail", "notice", "portal", "reports", "signin", "sso", "timeline"] as const;

export const RESOURCES = {
  sv: { ack: sv_ack, common: sv_common, mail: sv_mail, notice: sv_notice, portal: sv_portal, reports: sv_reports, signin: sv_signin, sso: sv_sso, timeline: sv_timeline },
  nb: { ack: nb_ack, common: nb_common, mail: nb_mail, notice: nb_notice, portal: nb_portal, reports: nb_reports, signin: nb_signin, sso: nb_sso, timeline: nb_timeline },
  en: { ack: en_ack, common: en_common, mail: en_mail, notice: en_notice, portal: en_portal, reports: en_reports, signin: en_signin, sso: en_sso, timeline: en_timeline },
};
