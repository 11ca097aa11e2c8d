// Every translation file, bundled for server and web. Generated shape: add a namespace by adding its three files here.
import sv_ack from "./locales/sv/ack.json" with { type: "json" };
import nb_ack from "./locales/nb/ack.json" with { type: "json" };
import en_ack from "./locales/en/ack.json" with { type: "json" };
import sv_authority from "./locales/sv/authority.json" with { type: "json" };
import nb_authority from "./locales/nb/authority.json" with { type: "json" };
import en_authority from "./locales/en/authority.json" with { type: "json" };
import sv_common from "./locales/sv/common.json" with { type: "json" };
import nb_common from "./locales/nb/common.json" with { type: "json" };
import en_common from "./locales/en/common.json" with { type: "json" };
import sv_dashboard from "./locales/sv/dashboard.json" with { type: "json" };
import nb_dashboard from "./locales/nb/dashboard.json" with { type: "json" };
import en_dashboard from "./locales/en/dashboard.json" with { type: "json" };
import sv_incident from "./locales/sv/incident.json" with { type: "json" };
import nb_incident from "./locales/nb/incident.json" with { type: "json" };
import en_incident from "./locales/en/incident.json" with { type: "json" };
import sv_labels from "./locales/sv/labels.json" with { type: "json" };
import nb_labels from "./locales/nb/labels.json" with { type: "json" };
import en_labels from "./locales/en/labels.json" with { type: "json" };
import sv_live from "./locales/sv/live.json" with { type: "json" };
import nb_live from "./locales/nb/live.json" with { type: "json" };
import en_live from "./locales/en/live.json" with { type: "json" };
import sv_mail from "./locales/sv/mail.json" with { type: "json" };
import nb_mail from "./locales/nb/mail.json" with { type: "json" };
import en_mail from "./locales/en/mail.json" with { type: "json" };
import sv_notice from "./locales/sv/notice.json" with { type: "json" };
import nb_notice from "./locales/nb/notice.json" with { type: "json" };
import en_notice from "./locales/en/notice.json" with { type: "json" };
import sv_notices from "./locales/sv/notices.json" with { type: "json" };
import nb_notices from "./locales/nb/notices.json" with { type: "json" };
import en_notices from "./locales/en/notices.json" with { type: "json" };
import sv_people from "./locales/sv/people.json" with { type: "json" };
import nb_people from "./locales/nb/people.json" with { type: "json" };
import en_people from "./locales/en/people.json" with { type: "json" };
import sv_playbooks from "./locales/sv/playbooks.json" with { type: "json" };
import nb_playbooks from "./locales/nb/playbooks.json" with { type: "json" };
import en_playbooks from "./locales/en/playbooks.json" with { type: "json" };
import sv_portal from "./locales/sv/portal.json" with { type: "json" };
import nb_portal from "./locales/nb/portal.json" with { type: "json" };
import en_portal from "./locales/en/portal.json" with { type: "json" };
import sv_register from "./locales/sv/register.json" with { type: "json" };
import nb_register from "./locales/nb/register.json" with { type: "json" };
import en_register from "./locales/en/register.json" with { type: "json" };
import sv_reports from "./locales/sv/reports.json" with { type: "json" };
import nb_reports from "./locales/nb/reports.json" with { type: "json" };
import en_reports from "./locales/en/reports.json" with { type: "json" };
import sv_routing from "./locales/sv/routing.json" with { type: "json" };
import nb_routing from "./locales/nb/routing.json" with { type: "json" };
import en_routing from "./locales/en/routing.json" with { type: "json" };
import sv_search from "./locales/sv/search.json" with { type: "json" };
import nb_search from "./locales/nb/search.json" with { type: "json" };
import en_search from "./locales/en/search.json" with { type: "json" };
import sv_setup from "./locales/sv/setup.json" with { type: "json" };
import nb_setup from "./locales/nb/setup.json" with { type: "json" };
import en_setup from "./locales/en/setup.json" with { type: "json" };
import sv_signin from "./locales/sv/signin.json" with { type: "json" };
import nb_signin from "./locales/nb/signin.json" with { type: "json" };
import en_signin from "./locales/en/signin.json" with { type: "json" };
import sv_sso from "./locales/sv/sso.json" with { type: "json" };
import nb_sso from "./locales/nb/sso.json" with { type: "json" };
import en_sso from "./locales/en/sso.json" with { type: "json" };
import sv_subjects from "./locales/sv/subjects.json" with { type: "json" };
import nb_subjects from "./locales/nb/subjects.json" with { type: "json" };
import en_subjects from "./locales/en/subjects.json" with { type: "json" };
import sv_timeline from "./locales/sv/timeline.json" with { type: "json" };
import nb_timeline from "./locales/nb/timeline.json" with { type: "json" };
import en_timeline from "./locales/en/timeline.json" with { type: "json" };

export const NAMESPACES = ["ack", "authority", "common", "dashboard", "incident", "labels", "live", "mail", "notice", "notices", "people", "playbooks", "portal", "register", "reports", "routing", "search", "setup", "signin", "sso", "subjects", "timeline"] as const;

export const RESOURCES = {
  sv: { ack: sv_ack, authority: sv_authority, common: sv_common, dashboard: sv_dashboard, incident: sv_incident, labels: sv_labels, live: sv_live, mail: sv_mail, notice: sv_notice, notices: sv_notices, people: sv_people, playbooks: sv_playbooks, portal: sv_portal, register: sv_register, reports: sv_reports, routing: sv_routing, search: sv_search, setup: sv_setup, signin: sv_signin, sso: sv_sso, subjects: sv_subjects, timeline: sv_timeline },
  nb: { ack: nb_ack, authority: nb_authority, common: nb_common, dashboard: nb_dashboard, incident: nb_incident, labels: nb_labels, live: nb_live, mail: nb_mail, notice: nb_notice, notices: nb_notices, people: nb_people, playbooks: nb_playbooks, portal: nb_portal, register: nb_register, reports: nb_reports, routing: nb_routing, search: nb_search, setup: nb_setup, signin: nb_signin, sso: nb_sso, subjects: nb_subjects, timeline: nb_timeline },
  en: { ack: en_ack, authority: en_authority, common: en_common, dashboard: en_dashboard, incident: en_incident, labels: en_labels, live: en_live, mail: en_mail, notice: en_notice, notices: en_notices, people: en_people, playbooks: en_playbooks, portal: en_portal, register: en_register, reports: en_reports, routing: en_routing, search: en_search, setup: en_setup, signin: en_signin, sso: en_sso, subjects: en_subjects, timeline: en_timeline },
};
