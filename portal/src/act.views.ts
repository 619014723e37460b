/** The views that change something: correct, choose, download (erase: erase.views.ts). Each shows what the gateway returns. */
import { download, gql, GatewayError, type PrivacyState, type Restriction } from "./api";
import { definitions, h, table } from "./dom";
import { t, tOr, type Key } from "./i18n";
import { word, type PolicyWords } from "./policy-words";
import type { State } from "./state";

export interface Act { busy: (work: () => Promise<void>, opts?: { reloadAfter?: boolean }) => Promise<void>; signOut: (msg: string) => void }

const FIELDS = ["firstName", "lastName", "street", "houseNumber", "postalCode", "city", "country", "phone", "email", "notes", "gender"] as const;
type Field = (typeof FIELDS)[number];

function current(s: State, f: Field): string {
  const me = s.me;
  if (!me) return "";
  const v = f in (me.address ?? {}) ? (me.address as Record<string, string | null>)[f] : (me as unknown as Record<string, string | null>)[f];
  return v ?? "";
}

/** Survive the re-render after a request: the fields the gateway refused, what the customer typed, the last result. */
const correction = { errors: [] as string[], draft: {} as Record<string, string>, result: "" };

export function correctView(s: State, act: Act): HTMLElement {
  const form = h("form", { id: "correct-form", novalidate: true }) as HTMLFormElement;
  for (const f of FIELDS) {
    const id = `f-${f}`;
    const control = f === "notes" ? h("textarea", { id, name: f, rows: "3" })
      : f === "gender" ? h("select", { id, name: f }, h("option", { value: "" }, "—"), ...["FEMALE", "MALE", "X"].map((g) => h("option", { value: g }, g)))
      : h("input", { id, name: f, type: f === "email" ? "email" : f === "phone" ? "tel" : "text", autocomplete: "off" });
    (control as HTMLInputElement).value = correction.draft[f] ?? current(s, f);
    const invalid = correction.errors.includes(f);
    if (invalid) { control.setAttribute("aria-invalid", "true"); control.setAttribute("aria-describedby", `${id}-error`); }
    // The message names the problem, never the value (the gateway does not send it either).
    form.append(h("div", { class: "field" }, h("label", { for: id }, t(f as Key)), control,
      h("p", { class: "error", id: `${id}-error`, hidden: !invalid }, invalid ? t("fieldInvalid") : "")));
  }
  const result = h("p", { id: "correct-result", role: "status" }, correction.result);
  form.append(h("div", { class: "actions" }, h("button", { type: "submit" }, t("save"))), result);
  form.addEventListener("submit", (e) => {
    e.preventDefault();
    const input: Record<string, string | null> = {};
    for (const f of FIELDS) {
      const el = form.elements.namedItem(f) as HTMLInputElement;
      if (el.value !== current(s, f)) input[f] = f === "notes" && el.value === "" ? null : el.value;
    }
    correction.errors = [];
    if (Object.keys(input).length === 0) { result.textContent = t("unchanged"); return; }
    void act.busy(async () => {
      try {
        const r = await gql(s.token, "Rectify", { subjectId: s.subjectId, input });
        correction.draft = {};
        correction.result = `${t("saved")}: ${r.rectifySubject.changedFields.map((f) => t(f as Key)).join(", ")}`;
      } catch (err) {
        if (!(err instanceof GatewayError) || err.fields.length === 0) throw err;
        // The gateway names the fields, never their values: the page marks those fields.
        correction.errors = err.fields;
        correction.draft = Object.fromEntries(Object.entries(input).map(([k, v]) => [k, v ?? ""]));
        correction.result = t("failed");
      }
    }).then(() => { if (correction.errors[0]) document.getElementById(`f-${correction.errors[0]}`)?.focus(); });
  });
  return h("section", { id: "view-correct", "aria-labelledby": "h-correct" }, h("h2", { id: "h-correct" }, t("nav_correct")), h("p", {}, t("correctIntro")), form);
}

/** The grounds of art. 18(1) the gateway takes (RestrictionReason); the customer picks the one that applies. */
const RESTRICTION_REASONS = ["ACCURACY_CONTESTED", "UNLAWFUL_PROCESSING", "LEGAL_CLAIMS", "OBJECTION_PENDING"] as const;

const restrictionText = (r: Restriction | null): string =>
  r ? `${t("restricted")} ${r.since ?? ""}${r.reason ? ` — ${tOr(`rr_${r.reason}`, r.reason)}` : ""}` : t("notRestricted");

function restrictForm(change: (name: "RestrictProcessing", vars: Record<string, unknown>) => () => void): HTMLElement {
  const select = h("select", { id: "restrict-reason", name: "reason" },
    ...RESTRICTION_REASONS.map((r) => h("option", { value: r }, t(`rr_${r}`)))) as HTMLSelectElement;
  return h("div", { class: "field" }, h("label", { for: "restrict-reason" }, t("restrictReason")), select,
    h("div", { class: "actions" }, h("button", { type: "button", id: "restrict",
      onclick: () => change("RestrictProcessing", { reason: select.value })() }, t("restrict"))));
}

/** The state the last change returned, in the policy's words; each item carries its codes (data-*) for tools and tests. */
function stateSummary(st: PrivacyState | null, words: PolicyWords | null): HTMLElement {
  if (!st) return h("div", { id: "choice-state" });
  const list = (items: HTMLElement[]) => (items.length ? h("ul", {}, ...items) : t("none"));
  return h("div", { id: "choice-state", class: "card" }, h("h3", {}, t("stateNow")), definitions([
    [t("consents"), list((st.consents ?? []).map((c) => h("li", { "data-cell": `${c.purpose}/${c.category}`, "data-status": c.status ?? "" },
      `${word(words, "purpose", c.purpose)} — ${word(words, "category", c.category)}: ${c.status === "WITHDRAWN" ? t("withdrawn") : t("given")}`)))],
    [t("objections"), list((st.objections ?? []).map((o) => h("li", { "data-objection": o.purpose }, word(words, "purpose", o.purpose))))],
    [t("restriction"), restrictionText(st.restriction)],
  ]));
}

let lastState: PrivacyState | null = null;

export function choicesView(s: State, act: Act): HTMLElement {
  const cats = s.me?.processing ?? [];
  type Change = "WithdrawConsent" | "GiveConsent" | "ObjectToProcessing" | "WithdrawObjection" | "RestrictProcessing" | "LiftRestriction";
  const change = (name: Change, vars: Record<string, unknown>) =>
    () => void act.busy(async () => {
      const r = await gql(s.token, name, { subjectId: s.subjectId, ...vars });
      // Rendered by busy() after the reload, so the state and the tables never disagree on screen.
      lastState = Object.values(r)[0] as PrivacyState;
    });
  const consentCells = cats.flatMap((c) => c.purposes.filter((p) => p.basis === "CONSENT").map((p) => ({ c, p })));
  const objectable = [...new Map(cats.flatMap((c) => c.purposes.filter((p) => p.basis === "LEGITIMATE_INTEREST").map((p) => [p.purpose, p]))).values()];
  const objected = new Set((s.me?.objections ?? []).map((o) => o.purpose));
  // A withdrawn cell is one the gateway holds as WITHDRAWN (not one suspended by a restriction): it can be given again.
  const withdrawn = new Set((s.me?.consents ?? []).filter((x) => x.status === "WITHDRAWN").map((x) => `${x.purpose}/${x.category}`));
  const named = (purpose: string, category: string) => `${word(s.words, "purpose", purpose)} — ${word(s.words, "category", category)}`;
  const consentAction = (purpose: string, category: string, inEffect: boolean) => {
    const cell = `${purpose}/${category}`;
    if (withdrawn.has(cell)) {
      return h("button", { type: "button", class: "secondary", "data-give-consent": cell, "aria-label": `${t("giveAgain")}: ${named(purpose, category)}`,
        onclick: change("GiveConsent", { purpose, category }) }, t("giveAgain"));
    }
    return inEffect ? h("button", { type: "button", class: "secondary", "data-consent": cell, "aria-label": `${t("withdraw")}: ${named(purpose, category)}`,
      onclick: change("WithdrawConsent", { purpose, category }) }, t("withdraw")) : null;
  };
  return h("section", { id: "view-choices", "aria-labelledby": "h-choices" }, h("h2", { id: "h-choices" }, t("nav_choices")),
    h("h3", {}, t("consents")),
    table(t("consents"), [t("category"), t("purpose"), t("status"), ""], consentCells.map(({ c, p }) => [
      word(s.words, "category", c.category), word(s.words, "purpose", p.purpose),
      withdrawn.has(`${p.purpose}/${c.category}`) ? t("withdrawn") : p.inEffect ? t("inEffect") : t("suspended"),
      consentAction(p.purpose, c.category, p.inEffect),
    ]), t("none")),
    h("h3", {}, t("objections")),
    table(t("objections"), [t("purpose"), t("status"), ""], objectable.map((p) => [
      word(s.words, "purpose", p.purpose), objected.has(p.purpose) ? t("objected") : t("inEffect"),
      objected.has(p.purpose)
        ? h("button", { type: "button", class: "secondary", "data-withdraw-objection": p.purpose, "aria-label": `${t("withdrawObjection")}: ${word(s.words, "purpose", p.purpose)}`,
          onclick: change("WithdrawObjection", { purpose: p.purpose }) }, t("withdrawObjection"))
        : h("button", { type: "button", class: "secondary", "data-object": p.purpose, "aria-label": `${t("object")}: ${word(s.words, "purpose", p.purpose)}`,
          onclick: change("ObjectToProcessing", { purpose: p.purpose }) }, t("object")),
    ]), t("none")),
    h("h3", {}, t("restriction")),
    h("p", { id: "restriction-now" }, restrictionText(s.me?.restriction ?? null)),
    s.me?.restriction
      ? h("button", { type: "button", id: "lift", onclick: change("LiftRestriction", {}) }, t("lift"))
      : restrictForm(change),
    stateSummary(lastState, s.words));
}

/** Hands a file to the browser's download (an object URL: no second request, the token stays in the header). */
function save(blob: Blob, fileName: string): void {
  const a = h("a", { href: URL.createObjectURL(blob), download: fileName }) as HTMLAnchorElement;
  document.body.append(a); a.click(); a.remove();
  setTimeout(() => URL.revokeObjectURL(a.href), 10_000);
}

export function exportView(s: State, act: Act): HTMLElement {
  const json = () => void act.busy(async () => {
    const r = await gql(s.token, "MyAccessReport", { subjectId: s.subjectId });
    save(new Blob([JSON.stringify(r.accessReport?.json, null, 2)], { type: "application/json" }), `access-report-${s.subjectId}.json`);
  });
  // The CSV files as one zip, from GET /access-report/export (a fetch with the bearer token; a plain link could not send it).
  const zip = () => void act.busy(async () => {
    const f = await download(s.token, `/access-report/export?subjectId=${encodeURIComponent(s.subjectId)}&format=zip`);
    save(f.blob, f.fileName);
  });
  return h("section", { id: "view-export", "aria-labelledby": "h-export" }, h("h2", { id: "h-export" }, t("nav_export")), h("p", {}, t("exportIntro")),
    h("div", { class: "actions" },
      h("button", { type: "button", id: "download-json", onclick: json }, t("downloadJson")),
      h("button", { type: "button", id: "download-zip", onclick: zip }, t("downloadZip"))));
}
