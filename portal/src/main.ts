/** Mijn privacy: log-in, navigation between the views, the language switch and the busy/error status line. */
import { obtainCustomerToken } from "./auth";
import { correctView, choicesView, exportView, type Act } from "./act.views";
import { eraseView } from "./erase.views";
import { h } from "./dom";
import { currentLang, setLang, t, type Key } from "./i18n";
import { dataView, requestsView, retentionView } from "./see.views";
import { moreIpLog, reload, type State } from "./state";

const VIEWS = ["data", "retention", "correct", "choices", "export", "erase", "requests"] as const;
type View = (typeof VIEWS)[number];

const main = document.getElementById("main")!;
const nav = document.getElementById("nav")!;
const status = document.getElementById("status")!;
let state: State | null = null;
let view: View = "data";

async function busy(work: () => Promise<void>, { reloadAfter = true } = {}): Promise<void> {
  status.textContent = t("loading");
  try {
    await work();
    if (state && reloadAfter) await reload(state);
    status.textContent = "";
  } catch (err) {
    status.textContent = `${t("failed")}: ${err instanceof Error ? err.message : ""}`;
  }
  render();
}

const act: Act = { busy, signOut };

function signOut(message: string) {
  state = null;
  render();
  status.textContent = message;
}

function render() {
  document.title = t("title");
  document.getElementById("title")!.textContent = t("title");
  document.querySelector(".skip")!.textContent = t("skip");
  document.getElementById("lang")!.textContent = t("switchTo");
  nav.setAttribute("aria-label", t("sections"));
  nav.hidden = !state;
  nav.replaceChildren(...(state ? VIEWS.map((v) => h("button", { type: "button", id: `nav-${v}`, "aria-current": v === view ? "page" : undefined,
    onclick: () => { view = v; render(); main.focus(); } }, t(`nav_${v}` as Key))) : []));
  if (!state) {
    main.replaceChildren(h("p", {}, t("intro")), h("p", { class: "muted" }, t("loginNote")),
      h("button", { type: "button", id: "login", onclick: () => void login() }, t("login")));
    return;
  }
  const s = state;
  const views: Record<View, () => HTMLElement> = {
    data: () => dataView(s, () => void busy(() => moreIpLog(s))),
    retention: () => retentionView(s), correct: () => correctView(s, act), choices: () => choicesView(s, act),
    export: () => exportView(s, act), erase: () => eraseView(s, act), requests: () => requestsView(s),
  };
  main.replaceChildren(views[view]());
}

async function login() {
  status.textContent = t("loading");
  try {
    const session = await obtainCustomerToken();
    state = { ...session, me: null, ipLog: [], ipNext: null, requests: [], erasurePreview: null, words: null };
    await reload(state);
    status.textContent = t("loggedIn");
  } catch (err) {
    state = null;
    status.textContent = `${t("failed")}: ${err instanceof Error ? err.message : ""}`;
  }
  render();
}

document.getElementById("lang")!.addEventListener("click", () => { setLang(currentLang() === "nl" ? "en" : "nl"); render(); });
setLang(currentLang());
render();
if (location.hash.includes("access_token=")) void login();
