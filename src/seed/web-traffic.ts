import type { SeededRandom } from "./seeded-random";

/**
 * Network-ish values for login events and access logs. Customers browse from consumer ISP address space
 * (both IPv4 and IPv6: dual-stack home connections are the norm in the Netherlands), so IP addresses in the
 * demo behave like the personal data they are in real logs. Scanners come from documentation ranges.
 */

/** IPv4 blocks as [first octet, second-octet range] of large Dutch consumer ISPs (home and mobile). */
const ISP_V4: ReadonlyArray<readonly [number, number, number]> = [
  [77, 160, 175], // KPN
  [86, 80, 95], // KPN
  [84, 24, 31], // Ziggo
  [89, 98, 99], // Ziggo
  [62, 194, 195], // Odido
  [31, 20, 21], // Odido mobile
  [85, 144, 151], // Delta / Caiway
];

/** IPv6 allocations (first 32 bits) of the same providers; customers get a /64 inside them. */
const ISP_V6: readonly string[] = ["2a02:a440", "2a02:a450", "2001:1c00", "2001:1c02", "2a02:a460", "2a02:58"];

const hex = (rng: SeededRandom, max = 0xffff) => rng.int(0, max).toString(16);

export function ipv4(rng: SeededRandom): string {
  const [a, lo, hi] = rng.pick(ISP_V4);
  return `${a}.${rng.int(lo, hi)}.${rng.int(0, 255)}.${rng.int(1, 254)}`;
}

/** An IPv6 prefix of a home connection (a /64); devices behind it vary only in the interface id. */
export function ipv6Prefix(rng: SeededRandom): string {
  return `${rng.pick(ISP_V6)}:${hex(rng)}:${hex(rng)}`;
}

export function ipv6In(rng: SeededRandom, prefix: string): string {
  return `${prefix}:${hex(rng)}:${hex(rng)}:${hex(rng)}:${hex(rng)}`;
}

export function ipv6(rng: SeededRandom): string {
  return ipv6In(rng, ipv6Prefix(rng));
}

/** An address from anywhere (mobile data, a café, a colleague's network). */
export function anyIp(rng: SeededRandom): string {
  return rng.chance(0.35) ? ipv6(rng) : ipv4(rng);
}

/** Scanners and bots: RFC 5737 / RFC 3849 documentation ranges, never a real party's address. */
export function scannerIp(rng: SeededRandom): string {
  if (rng.chance(0.25)) return `2001:db8:${hex(rng)}::${hex(rng)}`;
  return `${rng.pick(["192.0.2", "198.51.100", "203.0.113"])}.${rng.int(1, 254)}`;
}

export const BROWSER_AGENTS: readonly string[] = [
  "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36",
  "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36 Edg/124.0.2478.80",
  "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:127.0) Gecko/20100101 Firefox/127.0",
  "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Safari/605.1.15",
  "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/125.0.0.0 Safari/537.36",
  "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1",
  "Mozilla/5.0 (iPad; CPU OS 16_7 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/16.6 Mobile/15E148 Safari/604.1",
  "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.6478.71 Mobile Safari/537.36",
  "Mozilla/5.0 (Linux; Android 13; SM-S911B) AppleWebKit/537.36 (KHTML, like Gecko) SamsungBrowser/24.0 Chrome/117.0.0.0 Mobile Safari/537.36",
  "Mozilla/5.0 (X11; Linux x86_64; rv:126.0) Gecko/20100101 Firefox/126.0",
];

export const BOT_AGENTS: readonly string[] = [
  "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)",
  "Mozilla/5.0 (compatible; bingbot/2.0; +http://www.bing.com/bingbot.htm)",
  "Mozilla/5.0 (compatible; AhrefsBot/7.0; +http://ahrefs.com/robot/)",
  "curl/8.5.0",
  "python-requests/2.31.0",
  "Go-http-client/1.1",
];

/** A domain name someone might search for: "bakkerijdevries.nl". */
export function domainIdea(rng: SeededRandom): string {
  const word = rng.pick(["bakkerij", "fietsen", "kapsalon", "fotografie", "klusbedrijf", "yoga", "tuin", "praktijk"]);
  const name = rng.faker.person.lastName().toLowerCase().replace(/[^a-z]/g, "");
  return `${word}${rng.chance(0.4) ? "-" : ""}${name}.${rng.weighted([[8, "nl"], [2, "com"], [1, "eu"], [1, "frl"]])}`;
}

export interface Hit {
  method: "GET" | "POST" | "PUT" | "DELETE";
  path: string;
  status: number;
}

/** What a logged-in customer's page views can refer to: their own domain and invoices. */
export interface CustomerContext {
  domain: string;
  invoiceNumbers: readonly string[];
}

/** A page view by a logged-in customer: the account area, invoices, domains and the DNS API. */
export function customerHit(rng: SeededRandom, ctx: CustomerContext): Hit {
  const ownDomain = ctx.domain;
  const invoice = () => (ctx.invoiceNumbers.length ? `/facturen/${rng.pick(ctx.invoiceNumbers)}.pdf` : "/facturen");
  const ok = () => rng.weighted<number>([[88, 200], [6, 304], [3, 404], [1, 500]]);
  return rng.weighted<() => Hit>([
    [14, () => ({ method: "GET", path: "/mijn-account", status: ok() })],
    [10, () => ({ method: "GET", path: "/facturen", status: ok() })],
    [5, () => ({ method: "GET", path: invoice(), status: ok() })],
    [6, () => ({ method: "GET", path: "/domeinen", status: ok() })],
    [6, () => ({ method: "GET", path: `/domeinen/zoeken?q=${domainIdea(rng)}`, status: ok() })],
    [8, () => ({ method: "GET", path: `/api/dns/zones/${ownDomain}/records`, status: ok() })],
    [4, () => ({ method: "POST", path: `/api/dns/zones/${ownDomain}/records`, status: rng.weighted([[9, 201], [1, 422]]) })],
    [2, () => ({ method: "DELETE", path: `/api/dns/zones/${ownDomain}/records/${rng.int(1000, 99999)}`, status: 204 })],
    [3, () => ({ method: "POST", path: "/mijn-account/gegevens", status: rng.weighted([[8, 302], [1, 200]]) })],
    [4, () => ({ method: "GET", path: "/", status: ok() })],
    [2, () => ({ method: "GET", path: "/logout", status: 302 })],
  ])();
}

/** Anonymous traffic: visitors, crawlers and the inevitable scanners. */
export function anonymousHit(rng: SeededRandom, scanner: boolean): Hit {
  if (scanner) {
    const path = rng.pick(["/wp-login.php", "/.env", "/xmlrpc.php", "/phpmyadmin/", "/.git/config", "/admin"]);
    return { method: rng.chance(0.8) ? "GET" : "POST", path, status: 404 };
  }
  return rng.weighted<() => Hit>([
    [20, () => ({ method: "GET", path: "/", status: rng.weighted([[85, 200], [15, 304]]) })],
    [8, () => ({ method: "GET", path: "/hosting", status: 200 })],
    [6, () => ({ method: "GET", path: "/domeinen", status: 200 })],
    [8, () => ({ method: "GET", path: `/domeinen/zoeken?q=${domainIdea(rng)}`, status: 200 })],
    [8, () => ({ method: "GET", path: "/login", status: 200 })],
    [5, () => ({ method: "POST", path: "/login", status: rng.weighted([[7, 302], [3, 401]]) })],
    [3, () => ({ method: "GET", path: "/mijn-account", status: 302 })],
    [3, () => ({ method: "GET", path: "/contact", status: 200 })],
    [2, () => ({ method: "GET", path: "/www", status: 301 })],
    [4, () => ({ method: "GET", path: "/robots.txt", status: 200 })],
    [4, () => ({ method: "GET", path: "/favicon.ico", status: rng.weighted([[7, 200], [3, 304]]) })],
    [2, () => ({ method: "GET", path: "/sitemap.xml", status: 200 })],
    [2, () => ({ method: "GET", path: `/blog/${rng.pick(["dns-uitgelegd", "ssl-gratis", "wordpress-sneller"])}`, status: rng.weighted([[9, 200], [1, 404]]) })],
    [1, () => ({ method: "GET", path: "/status", status: rng.weighted([[19, 200], [1, 500]]) })],
  ])();
}
