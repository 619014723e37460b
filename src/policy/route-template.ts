/**
 * Web-log paths as route templates, for purposes that may see how the site is used but not by whom
 * (ANALYTICS, IMPROVEMENT). A path names what it is about: `/facturen/2025-000168.pdf` carries an invoice
 * number, `/api/dns/zones/devrieswebdesign.nl/records` a domain that often holds the customer's surname,
 * `/domeinen/zoeken?q=…` what the customer searched for. So a path is personal data, masked like an IP.
 *
 * Fail closed: only the site's known static segments (the route set of the demo site, see
 * src/seed/web-traffic.ts) and known query keys are kept. Every other segment becomes a placeholder named
 * after its shape, every query value becomes `:value`, an unknown query key `:param`. A new page therefore
 * shows up as `/:segment` until someone adds its static segments here.
 */
export const STATIC_PATH_SEGMENTS: ReadonlySet<string> = new Set([
  // customer area and public pages
  "mijn-account", "gegevens", "facturen", "domeinen", "zoeken", "hosting", "login", "logout", "contact", "www", "status",
  "blog", "dns-uitgelegd", "ssl-gratis", "wordpress-sneller",
  // DNS API
  "api", "dns", "zones", "records",
  // well-known files
  "robots.txt", "favicon.ico", "sitemap.xml",
  // what scanners ask for (kept so that scanning stays visible as such)
  "wp-login.php", ".env", "xmlrpc.php", "phpmyadmin", ".git", "config", "admin",
]);

/** Query keys whose name is kept; their values never are. */
export const STATIC_QUERY_KEYS: ReadonlySet<string> = new Set(["q", "page"]);

/** File extensions kept after a placeholder (`/facturen/:invoice.pdf`): the kind of file, not its name. */
const EXTENSIONS = new Set(["pdf", "csv", "html", "htm", "php", "txt", "xml", "json", "js", "css", "ico", "png", "jpg", "jpeg", "gif", "svg", "zip"]);

/** Placeholders by the shape of the segment, first match wins. */
const SHAPES: readonly [RegExp, string][] = [
  [/@/, ":email"],
  [/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i, ":uuid"],
  [/^\d{4}-\d+$/, ":invoice"],
  [/^\d+$/, ":id"],
  [/^(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+[a-z][a-z0-9-]*[a-z0-9]$/i, ":domain"],
];

function segmentTemplate(segment: string): string {
  if (segment === "") return segment;
  const lower = segment.toLowerCase();
  if (STATIC_PATH_SEGMENTS.has(lower)) return lower;
  const dot = segment.lastIndexOf(".");
  const ext = dot > 0 ? lower.slice(dot + 1) : "";
  if (EXTENSIONS.has(ext)) {
    const stem = segment.slice(0, dot);
    const shape = SHAPES.find(([re]) => re.test(stem));
    return `${shape ? shape[1] : ":file"}.${ext}`;
  }
  return SHAPES.find(([re]) => re.test(segment))?.[1] ?? ":segment";
}

function queryTemplate(query: string): string {
  return query
    .split("&")
    .map((pair) => {
      if (pair === "") return pair;
      const eq = pair.indexOf("=");
      const key = (eq < 0 ? pair : pair.slice(0, eq)).toLowerCase();
      const name = STATIC_QUERY_KEYS.has(key) ? key : ":param";
      return eq < 0 ? name : `${name}=:value`;
    })
    .join("&");
}

/**
 * `/facturen/2025-000168.pdf` → `/facturen/:invoice.pdf`; `/api/dns/zones/devries.nl/records/4711` →
 * `/api/dns/zones/:domain/records/:id`; `/domeinen/zoeken?q=bakkerij.nl` → `/domeinen/zoeken?q=:value`.
 * Anything that is not a path (`*`, an absolute URL) is withheld (null).
 */
export function routeTemplate(value: unknown): string | null {
  if (typeof value !== "string" || !value.startsWith("/")) return null;
  const hash = value.indexOf("#");
  const withoutFragment = hash < 0 ? value : value.slice(0, hash);
  const q = withoutFragment.indexOf("?");
  const path = q < 0 ? withoutFragment : withoutFragment.slice(0, q);
  const template = path.split("/").map(segmentTemplate).join("/");
  const query = q < 0 ? "" : `?${queryTemplate(withoutFragment.slice(q + 1))}`;
  return `${template}${query}${hash < 0 ? "" : "#:fragment"}`;
}
