import { test } from "node:test";
import assert from "node:assert/strict";
import { routeTemplate } from "../../src/policy/route-template";
import { SeededRandom } from "../../src/seed/seeded-random";
import { anonymousHit, customerHit } from "../../src/seed/web-traffic";

test("demo paths become route templates: invoice numbers, domains, ids and searches are placeholders", () => {
  const table: [string, string][] = [
    ["/", "/"],
    ["/mijn-account", "/mijn-account"],
    ["/mijn-account/gegevens", "/mijn-account/gegevens"],
    ["/facturen", "/facturen"],
    ["/facturen/2025-000168.pdf", "/facturen/:invoice.pdf"],
    ["/domeinen/zoeken?q=bakkerij-devries.nl", "/domeinen/zoeken?q=:value"],
    ["/api/dns/zones/fotografie-jansen.frl/records", "/api/dns/zones/:domain/records"],
    ["/api/dns/zones/tuinbakker.nl/records/48213", "/api/dns/zones/:domain/records/:id"],
    ["/blog/ssl-gratis", "/blog/ssl-gratis"],
    ["/robots.txt", "/robots.txt"],
    ["/phpmyadmin/", "/phpmyadmin/"],
    ["/.git/config", "/.git/config"],
    ["/Facturen/2025-000168.PDF", "/facturen/:invoice.pdf"],
    // fail closed: anything not known is a placeholder
    ["/klant/anne.devries@example.nl/export", "/:segment/:email/:segment"],
    ["/mijn-account/3f2b8c1e-9d4a-4c1b-8e2f-0a1b2c3d4e5f", "/mijn-account/:uuid"],
    ["/mijn-account/devries", "/mijn-account/:segment"],
    ["/uploads/paspoort-devries.jpg", "/:segment/:file.jpg"],
    ["/domeinen/zoeken?q=devries&email=anne@example.nl&page=2", "/domeinen/zoeken?q=:value&:param=:value&page=:value"],
    ["/facturen?", "/facturen?"],
    ["/mijn-account#devries", "/mijn-account#:fragment"],
  ];
  for (const [path, template] of table) assert.equal(routeTemplate(path), template, path);
  for (const notAPath of ["*", "https://example.nl/facturen/2025-000168.pdf", "", null, 42]) {
    assert.equal(routeTemplate(notAPath), null, `${String(notAPath)} is withheld`);
  }
});

test("no surname, domain or invoice number of the demo traffic survives the template", () => {
  const rng = new SeededRandom(16);
  for (let i = 0; i < 2000; i++) {
    const surname = rng.faker.person.lastName().toLowerCase().replace(/[^a-z]/g, "");
    const ctx = { domain: `${surname}web.nl`, invoiceNumbers: [`2025-${String(rng.int(1, 999999)).padStart(6, "0")}`] };
    const hit = i % 4 === 3 ? anonymousHit(rng, rng.chance(0.2)) : customerHit(rng, ctx);
    const template = routeTemplate(hit.path)!;
    assert.ok(template.startsWith("/"), hit.path);
    assert.ok(!template.includes(ctx.domain) && !template.includes(surname), `${hit.path} → ${template}`);
    assert.ok(!template.includes(ctx.invoiceNumbers[0]), `${hit.path} → ${template}`);
    assert.doesNotMatch(template, /\d/, `${hit.path} → ${template}: no number is left`);
    if (hit.path.includes("?q=")) assert.ok(template.endsWith("?q=:value"), template);
  }
});
