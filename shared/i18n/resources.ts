// Every translation file, bundled for server and web. Generated shape: add a namespace by adding its three files here.
import sv_ack from "./locales/sv/ack.json" with { type: "json" };
import nb_ack from "./locales/nb/ack.json" with { type: "json" };
import en_ack from "./locales/en/ack.json" with { type: "json" };
import sv_common from "./locales/sv/common.json" with { type: "json" };
import nb_common from "./locales/nb/common.json" with { type: "json" };
import en_common from "./locales/en/common.json" with { type: "json" };
import sv_portal from "./locales/sv/portal.json" with { type: "json" };
import nb_portal from "./locales/nb/portal.json" with { type: "json" };
import en_portal from "./locales/en/portal.json" with { type: "json" };
import sv_register from "./locales/sv/register.json" with { type: "json" };
import nb_register from "./locales/nb/register.json" with { type: "json" };
import en_register from "./locales/en/register.json" with { type: "json" };
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
import sv_people from "./locales/sv/people.json" with { type: "json" };
import nb_people from "./locales/nb/people.json" with { type: "json" };
import en_people from "./locales/en/people.json" with { type: "json" };
import sv_setup from "./locales/sv/setup.json" with { type: "json" };
import nb_setup from "./locales/nb/setup.json" with { type: "json" };
import en_setup from "./locales/en/setup.json" with { type: "json" };

export const NAMESPACES = ["ack", "common", "portal", "register", "reports", "signin", "sso", "timeline", "people", "setup"] as const;

export const RESOURCES = {
  sv: { ack: sv_ack, common: sv_common, portal: sv_portal, register: sv_register, reports: sv_reports, signin: sv_signin, sso: sv_sso, timeline: sv_timeline, people: sv_people, setup: sv_setup },
  nb: { ack: nb_ack, common: nb_common, portal: nb_portal, register: nb_register, reports: nb_reports, signin: nb_signin, sso: nb_sso, timeline: nb_timeline, people: nb_people, setup: nb_setup },
  en: { ack: en_ack, common: en_common, portal: en_portal, register: en_register, reports: en_reports, signin: en_signin, sso: en_sso, timeline: en_timeline, people: en_people, setup: en_setup },
};
