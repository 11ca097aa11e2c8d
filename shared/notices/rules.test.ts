import { describe, expect, it } from "vitest";
import { approvalRefusal, mayTransition, noticeActions, sendRefusal, type NoticeForRules } from "./rules.js";

const ORG = "org-1";
const draft: NoticeForRules = { status: "draft", organizationId: ORG, editedById: "u-editor", recipients: [{ email: "dpo@a.example.test" }] };
const privacy = (id: string) => ({ id, role: "privacy" as const, organizationId: null });

describe("notice rules", () => {
  it("follows draft -> approved -> queued -> sent -> acknowledged, with failed and retry", () => {
    expect(mayTransition("draft", "approved")).toBe(true);
    expect(mayTransition("draft", "queued")).toBe(false);
    expect(mayTransition("approved", "queued")).toBe(true);
    expect(mayTransition("queued", "sent")).toBe(true);
    expect(mayTransition("queued", "failed")).toBe(true);
    expect(mayTransition("failed", "queued")).toBe(true);
    expect(mayTransition("sent", "acknowledged")).toBe(true);
    expect(mayTransition("acknowledged", "sent")).toBe(false);
    expect(mayTransition("sent", "draft")).toBe(false);
  });

  it("needs a second person to approve unless four eyes is off", () => {
    expect(approvalRefusal(draft, privacy("u-editor"), true)).toMatch(/other than the last editor/);
    expect(approvalRefusal(draft, privacy("u-editor"), false)).toBeNull();
    expect(approvalRefusal(draft, privacy("u-other"), true)).toBeNull();
    expect(approvalRefusal(draft, { id: "m", role: "manager", organizationId: null }, true)).toMatch(/role/);
    expect(approvalRefusal({ ...draft, status: "approved" }, privacy("u-other"), true)).toMatch(/Only a draft/);
    expect(approvalRefusal({ ...draft, recipients: [] }, privacy("u-other"), true)).toMatch(/no recipients/);
  });

  it("sends only approved notices with recipients", () => {
    expect(sendRefusal(draft, privacy("x"))).toMatch(/Only an approved/);
    expect(sendRefusal({ ...draft, status: "approved" }, privacy("x"))).toBeNull();
    expect(sendRefusal({ ...draft, status: "approved" }, { id: "r", role: "responder", organizationId: null })).toMatch(/role/);
  });

  it("tells each caller what it may do", () => {
    expect(noticeActions(draft, privacy("u-editor"), true)).toEqual({ edit: true, approve: false, send: false, retry: false, acknowledge: false });
    expect(noticeActions(draft, privacy("u-other"), true).approve).toBe(true);
    const sent = { ...draft, status: "sent" as const };
    expect(noticeActions(sent, { id: "c", role: "controller", organizationId: ORG }, true)).toEqual({ edit: false, approve: false, send: false, retry: false, acknowledge: true });
    expect(noticeActions(sent, { id: "c", role: "controller", organizationId: "org-2" }, true).acknowledge).toBe(false);
    expect(noticeActions({ ...draft, status: "acknowledged" }, { id: "c", role: "controller", organizationId: ORG }, true).acknowledge).toBe(false);
    expect(noticeActions({ ...draft, status: "failed" }, privacy("x"), true).retry).toBe(true);
  });
});
