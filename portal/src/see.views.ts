/** The read-only views: my data per source, why and how long each category is kept, my requests. */
import { definitions, h, table } from "./dom";
import { t, tOr, type Key } from "./i18n";
import { word } from "./policy-words";
import type { PrivacyRequest } from "./api";
import type { State } from "./state";

const yn = (b: boolean | null | undefined) => (b === null || b === undefined ? null : b ? t("yes") : t("no"));

export function dataView(s: State, onMore: () => void): HTMLElement {
  const me = s.me;
  if (!me) return h("p", {}, t("none"));
  const a = me.address;
  return h("section", { id: "view-data", "aria-labelledby": "h-data" },
    h("h2", { id: "h-data" }, t("nav_data")),
    h("h3", {}, t("profile")),
    definitions([
      [t("name"), [me.firstName, me.lastName].filter(Boolean).join(" ")], [t("customerNumber"), me.customerNumber],
      [t("email"), me.email], [t("phone"), me.phone], [t("gender"), me.gender],
      [t("address"), a ? `${a.street ?? ""} ${a.houseNumber ?? ""}, ${a.postalCode ?? ""} ${a.city ?? ""} (${a.country ?? ""})` : null],
      [t("contract"), `${me.contractStart ?? "?"} – ${me.contractEnd ?? ""}`], [t("notes"), me.notes],
    ]),
    h("h3", {}, t("account")),
    me.account ? definitions([[t("username"), me.account.username], [t("created"), me.account.createdAt],
      [t("lastLogin"), me.account.lastLoginAt], [t("mfa"), yn(me.account.mfaEnabled)]]) : h("p", { class: "muted" }, t("none")),
    table(t("invoices"), [t("number"), t("date"), t("due"), t("amount"), t("status")],
      (me.invoices ?? []).map((i) => [i.invoiceNumber, i.invoiceDate, i.dueDate, `${i.amountInclVat ?? ""} ${i.currency ?? ""}`, i.status]), t("none")),
    table(t("payments"), [t("date"), t("amount"), t("method")], (me.payments ?? []).map((p) => [p.paidAt, p.amount, p.method]), t("none")),
    table(t("paymentMethods"), [t("kind"), "IBAN / card", t("holder"), t("active")],
      (me.paymentMethods ?? []).map((m) => [m.kind, m.iban ?? (m.cardLast4 ? `${m.cardBrand ?? ""} •••• ${m.cardLast4}` : null), m.holderName, yn(m.active)]), t("none")),
    table(t("logins"), [t("time"), t("ip"), t("success")], (me.loginEvents ?? []).map((e) => [e.occurredAt, e.ip, yn(e.success)]), t("none")),
    table(t("ipLog"), [t("time"), t("ip"), t("path"), t("status")],
      s.ipLog.map(({ node: n }) => [n.occurredAt, n.ip, `${n.method ?? ""} ${n.path ?? ""}`, n.status]), t("none")),
    s.ipNext ? h("button", { type: "button", class: "secondary", id: "ip-more", onclick: onMore }, t("more")) : null,
  );
}

export function retentionView(s: State): HTMLElement {
  const purposes = new Map((s.me?.processing ?? []).map((c) => [c.category, c]));
  return h("section", { id: "view-retention", "aria-labelledby": "h-retention" },
    h("h2", { id: "h-retention" }, t("nav_retention")),
    ...(s.me?.retention ?? []).map((r) => h("div", { class: "card", "data-category": r.category },
      h("h3", {}, word(s.words, "category", r.category)),
      definitions([
        [t("purposes"), h("ul", {}, ...(purposes.get(r.category)?.purposes ?? []).map((p) =>
          h("li", {}, `${word(s.words, "purpose", p.purpose)} (${word(s.words, "basis", p.basis)}; ${p.lawfulBasis})${p.inEffect ? "" : ` — ${t("suspended")}`}`)))],
        [t("keptUntil"), r.keptUntil ?? t("openEnded")], [t("deletedOn"), r.deletedOn], [t("why"), word(s.words, "ruleReason", r.rule)],
      ]))),
  );
}

/**
 * The subject's own rights requests as privacyRequests returns them (earliest deadline first), with status, due
 * date and outcome; a rejected one with the reasons and how to complain to the AP. No per-store tasks: only an
 * erasure has several, and once its crm step ran the subject (and so this page) is gone.
 */
export function requestsView(s: State): HTMLElement {
  const day = (iso: string | null) => (iso ? h("time", { datetime: iso }, iso.slice(0, 10)) : null);
  const outcome = (r: PrivacyRequest) => (r.outcome ? h("div", {},
    h("span", { "data-outcome": r.outcome }, tOr(`ro_${r.outcome}`, r.outcome), r.outcomeText ? `: ${r.outcomeText}` : ""),
    r.rejectionReasons?.length ? h("ul", { class: "plain", "data-reasons": "" }, ...r.rejectionReasons.map((x) => h("li", {}, x))) : null,
    // The route itself in the page's language, from the policy (the gateway's complaintRoute says that there is one).
    r.complaintRoute && s.words ? h("p", { class: "muted", "data-complaint": "" }, `${t("complaint")} ${s.words.authority.name}: `,
      h("a", { href: s.words.authority.url, rel: "noopener" }, s.words.authority.url)) : null) : null);
  return h("section", { id: "view-requests", "aria-labelledby": "h-requests" },
    h("h2", { id: "h-requests" }, t("nav_requests")), h("p", {}, t("requestsIntro")),
    table(t("nav_requests"), [t("type"), t("received"), t("status"), t("dueDate"), t("completed"), t("outcome")],
      s.requests.map((r) => [
        r.type ? t(`rt_${r.type}` as Key) : null, day(r.receivedAt),
        h("span", { "data-request": r.id, "data-status": r.status ?? "" }, r.status ? t(`rs_${r.status}` as Key) : "—", r.overdue ? ` (${t("overdue")})` : ""),
        day(r.dueAt), day(r.completedAt), outcome(r),
      ]), t("none")));
}
