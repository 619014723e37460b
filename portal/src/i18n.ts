/** Dutch by default, English on request; the choice is kept for the session only. */
export type Lang = "nl" | "en";

const nl = {
  title: "Mijn privacy", skip: "Naar de inhoud", switchTo: "English", sections: "Onderdelen",
  intro: "Hier ziet u welke gegevens wij over u hebben, waarom en hoe lang. U kunt ze verbeteren, uw keuzes aanpassen, ze downloaden of laten verwijderen.",
  login: "Inloggen als demo-klant", loginNote: "Ontwikkelomgeving: u logt in als een klant uit de demogegevens.",
  loggedIn: "Ingelogd", loading: "Bezig…", failed: "Dat lukte niet",
  nav_data: "Mijn gegevens", nav_retention: "Bewaren", nav_correct: "Verbeteren", nav_choices: "Keuzes",
  nav_export: "Downloaden", nav_erase: "Verwijderen", nav_requests: "Mijn verzoeken",
  profile: "Profiel (klantgegevens)", account: "Account", invoices: "Facturen", payments: "Betalingen",
  paymentMethods: "Betaalmethoden", logins: "Recente inlogpogingen", ipLog: "IP-log (websitebezoek)", more: "Volgende pagina",
  none: "geen", name: "Naam", customerNumber: "Klantnummer", gender: "Geslacht", phone: "Telefoon", email: "E-mail", notes: "Notities",
  address: "Adres", contract: "Contract", username: "Gebruikersnaam", created: "Aangemaakt", lastLogin: "Laatst ingelogd", mfa: "Tweestapsverificatie",
  date: "Datum", number: "Nummer", due: "Vervaldatum", amount: "Bedrag", status: "Status", method: "Methode", kind: "Soort",
  holder: "Houder", active: "Actief", time: "Tijd", ip: "IP-adres", success: "Gelukt", path: "Pagina", yes: "ja", no: "nee",
  category: "Categorie", purposes: "Doelen en grondslag", keptUntil: "Bewaard tot en met", deletedOn: "Verwijderd op", why: "Waarom",
  openEnded: "zolang het contract loopt",
  firstName: "Voornaam", lastName: "Achternaam", street: "Straat", houseNumber: "Huisnummer", postalCode: "Postcode", city: "Plaats",
  country: "Land (2 letters, bv. NL)", save: "Opslaan", saved: "Opgeslagen", fieldInvalid: "Deze waarde is niet geldig.",
  correctIntro: "Verbeter uw gegevens. Verstuurde facturen blijven ongewijzigd.", unchanged: "Er is niets gewijzigd.",
  consents: "Toestemmingen", withdraw: "Toestemming intrekken", withdrawn: "ingetrokken", given: "gegeven", inEffect: "in gebruik", suspended: "gestopt",
  objections: "Bezwaar (gerechtvaardigd belang)", object: "Bezwaar maken", objected: "bezwaar gemaakt",
  giveAgain: "Toestemming opnieuw geven", withdrawObjection: "Bezwaar intrekken",
  restriction: "Beperking van de verwerking", restrict: "Verwerking beperken", lift: "Beperking opheffen", restricted: "beperkt sinds", notRestricted: "niet beperkt",
  stateNow: "Stand bij de gateway", exportIntro: "Download alles wat wij over u hebben, met doelen, grondslagen en bewaartermijnen.",
  downloadJson: "Download als JSON", eraseIntro: "Voordat u verwijdert: dit gebeurt er met uw gegevens.",
  willErase: "Wordt verwijderd", willKeep: "Wordt bewaard (wettelijke plicht)", eraseConfirm: "Ja, verwijder mijn gegevens", eraseStart: "Verder naar verwijderen",
  erased: "Verwijderd", kept: "Bewaard", until: "tot en met", reason: "Reden", requestStatus: "Status van het verzoek", records: "rijen",
  requestsIntro: "Uw privacyverzoeken met status en uiterste datum.", type: "Soort", received: "Ontvangen", dueDate: "Uiterlijk",
  signedOutAfterErase: "Uw gegevens zijn verwijderd. U bent uitgelogd.",
};
const en: typeof nl = {
  title: "My privacy", skip: "Skip to content", switchTo: "Nederlands", sections: "Sections",
  intro: "See what data we hold about you, why and for how long. You can correct it, change your choices, download it or have it erased.",
  login: "Log in as a demo customer", loginNote: "Development: you log in as a customer from the demo data.",
  loggedIn: "Logged in", loading: "Working…", failed: "That did not work",
  nav_data: "My data", nav_retention: "Retention", nav_correct: "Correct", nav_choices: "Choices",
  nav_export: "Download", nav_erase: "Erase", nav_requests: "My requests",
  profile: "Profile (customer record)", account: "Account", invoices: "Invoices", payments: "Payments",
  paymentMethods: "Payment methods", logins: "Recent log-ins", ipLog: "IP log (website visits)", more: "Next page",
  none: "none", name: "Name", customerNumber: "Customer number", gender: "Gender", phone: "Phone", email: "E-mail", notes: "Notes",
  address: "Address", contract: "Contract", username: "Username", created: "Created", lastLogin: "Last log-in", mfa: "Two-step verification",
  date: "Date", number: "Number", due: "Due", amount: "Amount", status: "Status", method: "Method", kind: "Kind",
  holder: "Holder", active: "Active", time: "Time", ip: "IP address", success: "Succeeded", path: "Page", yes: "yes", no: "no",
  category: "Category", purposes: "Purposes and lawful basis", keptUntil: "Kept through", deletedOn: "Deleted on", why: "Why",
  openEnded: "while the contract runs",
  firstName: "First name", lastName: "Last name", street: "Street", houseNumber: "House number", postalCode: "Postcode", city: "City",
  country: "Country (2 letters, e.g. NL)", save: "Save", saved: "Saved", fieldInvalid: "This value is not valid.",
  correctIntro: "Correct your data. Invoices already sent stay as they are.", unchanged: "Nothing was changed.",
  consents: "Consents", withdraw: "Withdraw consent", withdrawn: "withdrawn", given: "given", inEffect: "in use", suspended: "stopped",
  objections: "Objection (legitimate interest)", object: "Object", objected: "objected",
  giveAgain: "Give consent again", withdrawObjection: "Withdraw objection",
  restriction: "Restriction of processing", restrict: "Restrict processing", lift: "Lift restriction", restricted: "restricted since", notRestricted: "not restricted",
  stateNow: "State at the gateway", exportIntro: "Download everything we hold about you, with purposes, lawful bases and retention.",
  downloadJson: "Download as JSON", eraseIntro: "Before you erase: this is what happens to your data.",
  willErase: "Will be erased", willKeep: "Will be kept (legal obligation)", eraseConfirm: "Yes, erase my data", eraseStart: "Continue to erasure",
  erased: "Erased", kept: "Kept", until: "through", reason: "Reason", requestStatus: "Request status", records: "rows",
  requestsIntro: "Your privacy requests with status and due date.", type: "Type", received: "Received", dueDate: "Due",
  signedOutAfterErase: "Your data has been erased. You are logged out.",
};

export type Key = keyof typeof nl;
let lang: Lang = sessionStorage.getItem("lang") === "en" ? "en" : "nl";
export const currentLang = () => lang;
export function setLang(l: Lang) { lang = l; sessionStorage.setItem("lang", l); document.documentElement.lang = l; }
export const t = (k: Key): string => (lang === "en" ? en : nl)[k];
