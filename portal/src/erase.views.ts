/**
 * Erase: first what the gateway says an erasure would delete and keep — why and until when — from the erasure's
 * own plan (`erasurePreview`), then the customer confirms, then the outcome `eraseSubject` returns. The page
 * decides nothing itself: what it shows as kept is what the gateway will keep.
 */
import { gql, type ErasedTable, type Erasure, type KeptRecord } from "./api";
import { h, table } from "./dom";
import { t, tOr } from "./i18n";
import { loadErasurePreview, type State } from "./state";
import type { Act } from "./act.views";

interface Outcome { erased: ErasedTable[]; kept: KeptRecord[]; unavailable: string[] }

let lastErasure: Erasure | null = null;
/**
 * The data the preview was asked for: every reload brings a new `me` (and clears the preview), so the preview is
 * asked once per reload — and not again in a loop when the gateway refuses it (the status line then says why).
 */
let askedFor: unknown = null;

const label = (prefix: "tbl" | "src", name: string) => tOr(`${prefix}_${name}`, name);

/** Rows erased per table, and the kept records grouped by type, reason and last day (invoices by number). */
function outcomeTables(o: Outcome, s: State, erasedCaption: string, keptCaption: string): HTMLElement[] {
  const invoiceNumber = new Map((s.me?.invoices ?? []).map((i) => [i.id, i.invoiceNumber ?? i.id]));
  const groups = new Map<string, { k: KeptRecord; ids: string[] }>();
  for (const k of o.kept) {
    const key = `${k.recordType}|${k.reason}|${k.until}`;
    const g = groups.get(key) ?? { k, ids: [] };
    g.ids.push(k.recordId);
    groups.set(key, g);
  }
  return [
    table(erasedCaption, [t("what"), t("records")], o.erased.filter((e) => e.count > 0)
      .map((e) => [label("tbl", e.table), h("span", { "data-erased": e.table }, e.count)]), t("none")),
    table(keptCaption, [t("what"), t("which"), t("keptUntil"), t("why")], [...groups.values()]
      .sort((x, y) => x.k.recordType.localeCompare(y.k.recordType) || x.k.until.localeCompare(y.k.until)).map(({ k, ids }) => [
      label("tbl", k.recordType),
      h("span", { "data-kept": k.recordType, "data-count": String(ids.length) },
        k.recordType === "invoice" ? ids.map((id) => invoiceNumber.get(id) ?? id).join(", ") : ids.length),
      k.until, k.reason,
    ]), t("none")),
    ...o.unavailable.map((src) => h("p", { class: "muted", "data-uncounted": src }, `${label("src", src)}: ${t("notCounted")}`)),
  ];
}

const flatten = (sources: { source: string; erased: ErasedTable[]; kept: KeptRecord[]; errorCode?: string | null }[]): Outcome => ({
  erased: sources.flatMap((x) => x.erased),
  kept: sources.flatMap((x) => x.kept),
  unavailable: sources.filter((x) => x.errorCode).map((x) => x.source),
});

export function eraseView(s: State, act: Act): HTMLElement {
  const section = (...children: (HTMLElement | null)[]) => h("section", { id: "view-erase", "aria-labelledby": "h-erase" },
    h("h2", { id: "h-erase" }, t("nav_erase")), ...children);
  const r = lastErasure;
  if (r) {
    return section(h("div", { id: "erase-result" }, h("h3", {}, `${t("requestStatus")}: ${tOr(`rs_${r.status}`, r.status)}`),
      ...outcomeTables(flatten(r.sources), s, t("erased"), t("kept"))));
  }
  const preview = s.erasurePreview;
  if (!preview) {
    if (askedFor !== s.me) {
      askedFor = s.me;
      void act.busy(() => loadErasurePreview(s), { reloadAfter: false });
    }
    return section(h("p", { class: "muted" }, t("loading")));
  }
  // No reload afterwards: the erased customer's data is gone; the page shows the gateway's outcome.
  const confirm = () => void act.busy(async () => {
    lastErasure = (await gql(s.token, "EraseMe", { subjectId: s.subjectId })).eraseSubject;
  }, { reloadAfter: false });
  return section(h("p", {}, t("eraseIntro")),
    h("div", { id: "erase-preview" }, ...outcomeTables(flatten(preview.sources), s, t("willErase"), t("willKeep"))),
    h("p", { class: "muted" }, `${t("judgedOn")} ${preview.judgedOn}.`),
    h("div", { class: "actions" }, h("button", { type: "button", class: "danger", id: "erase-confirm", onclick: confirm }, t("eraseConfirm"))));
}
