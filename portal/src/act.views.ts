/** The views that change something: correct, choose, download, erase. Each shows what the gateway returns. */
import { download, gql, GatewayError, type Erasure, type PrivacyState } from "./api";
import { definitions, h, table } from "./dom";
import { t, type Key } from "./i18n";
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

function stateSummary(st: PrivacyState | null): HTMLElement {
  if (!st) return h("div", { id: "choice-state" });
  return h("div", { id: "choice-state", class: "card" }, h("h3", {}, t("stateNow")), definitions([
    [t("consents"), (st.consents ?? []).map((c) => `${c.purpose}/${c.category}: ${c.status === "WITHDRAWN" ? t("withdrawn") : t("given")}`).join("; ") || t("none")],
    [t("objections"), (st.objections ?? []).map((o) => o.purpose).join(", ") || t("none")],
    [t("restriction"), st.restriction ? `${t("restricted")} ${st.restriction.since ?? ""}` : t("notRestricted")],
  ]));
}

let lastState: PrivacyState | null = null;

export function choicesView(s: State, act: Act): HTMLElement {
  const cats = s.report?.categories ?? [];
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
  const consentAction = (purpose: string, category: string, inEffect: boolean) => {
    const cell = `${purpose}/${category}`;
    if (withdrawn.has(cell)) {
      return h("button", { type: "button", class: "secondary", "data-give-consent": cell, "aria-label": `${t("giveAgain")}: ${purpose} / ${category}`,
        onclick: change("GiveConsent", { purpose, category }) }, t("giveAgain"));
    }
    return inEffect ? h("button", { type: "button", class: "secondary", "data-consent": cell, "aria-label": `${t("withdraw")}: ${purpose} / ${category}`,
      onclick: change("WithdrawConsent", { purpose, category }) }, t("withdraw")) : null;
  };
  return h("section", { id: "view-choices", "aria-labelledby": "h-choices" }, h("h2", { id: "h-choices" }, t("nav_choices")),
    h("h3", {}, t("consents")),
    table(t("consents"), [t("category"), t("purposes"), t("status"), ""], consentCells.map(({ c, p }) => [
      c.category, p.description,
      withdrawn.has(`${p.purpose}/${c.category}`) ? t("withdrawn") : p.inEffect ? t("inEffect") : t("suspended"),
      consentAction(p.purpose, c.category, p.inEffect),
    ]), t("none")),
    h("h3", {}, t("objections")),
    table(t("objections"), [t("purposes"), t("status"), ""], objectable.map((p) => [
      p.description, objected.has(p.purpose) ? t("objected") : t("inEffect"),
      objected.has(p.purpose)
        ? h("button", { type: "button", class: "secondary", "data-withdraw-objection": p.purpose, "aria-label": `${t("withdrawObjection")}: ${p.purpose}`,
          onclick: change("WithdrawObjection", { purpose: p.purpose }) }, t("withdrawObjection"))
        : h("button", { type: "button", class: "secondary", "data-object": p.purpose, "aria-label": `${t("object")}: ${p.purpose}`,
          onclick: change("ObjectToProcessing", { purpose: p.purpose }) }, t("object")),
    ]), t("none")),
    h("h3", {}, t("restriction")),
    h("p", {}, s.me?.restriction ? `${t("restricted")} ${s.me.restriction.since ?? ""}` : t("notRestricted")),
    s.me?.restriction
      ? h("button", { type: "button", id: "lift", onclick: change("LiftRestriction", {}) }, t("lift"))
      : h("button", { type: "button", id: "restrict", onclick: change("RestrictProcessing", { reason: "ACCURACY_CONTESTED" }) }, t("restrict")),
    stateSummary(lastState));
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

let lastErasure: Erasure | null = null;

export function eraseView(s: State, act: Act): HTMLElement {
  const retention = s.me?.retention ?? [];
  const kept = retention.filter((r) => /fiscal|AWR|tax|belasting/i.test(`${r.rule} ${r.reason}`) && r.keptUntil);
  const out = h("div", { id: "erase-result" });
  const r = lastErasure;
  if (r) {
    out.replaceChildren(h("h3", {}, `${t("requestStatus")}: ${r.status}`),
      table(t("erased"), ["", t("records")], r.sources.flatMap((x) => x.erased.map((e) => [`${x.source}.${e.table}`, e.count])), t("none")),
      table(t("kept"), [t("kind"), t("until"), t("reason")], r.sources.flatMap((x) => x.kept.map((k) => [k.recordType, k.until, k.reason])), t("none")));
  }
  // No reload afterwards: the erased customer's data is gone; the page shows the gateway's outcome.
  const confirm = () => void act.busy(async () => {
    lastErasure = (await gql(s.token, "EraseMe", { subjectId: s.subjectId })).eraseSubject;
  }, { reloadAfter: false });
  return h("section", { id: "view-erase", "aria-labelledby": "h-erase" }, h("h2", { id: "h-erase" }, t("nav_erase")), h("p", {}, t("eraseIntro")),
    table(t("willErase"), [t("category")], retention.filter((r) => !kept.includes(r)).map((r) => [r.category]), t("none")),
    table(t("willKeep"), [t("category"), t("keptUntil"), t("why")], kept.map((r) => [r.category, r.keptUntil, r.explanation ?? r.reason]), t("none")),
    r ? null : h("div", { class: "actions" }, h("button", { type: "button", class: "danger", id: "erase-confirm", onclick: confirm }, t("eraseConfirm"))), out);
}
