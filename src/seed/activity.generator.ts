import type { SeededRandom } from "./seeded-random";
import type { AccessLogRow, AccountRow, LoginEventRow } from "./demo-data.types";
import type { CustomerProfile } from "./customer.generator";
import { BOT_AGENTS, BROWSER_AGENTS, anonymousHit, anyIp, customerHit, ipv4, ipv6In, ipv6Prefix, scannerIp } from "./web-traffic";
import { DAY, HOUR, WEEK, addMonths, isoTime } from "./seed-time";

export interface ActivityData {
  accounts: AccountRow[];
  loginEvents: LoginEventRow[];
  accessLogs: AccessLogRow[];
}

/** Login events and access logs are kept for nine months by the services, so that is all there is. */
export const ACTIVITY_MONTHS = 9;

interface Activity {
  from: number;
  to: number;
}

/**
 * Login accounts (~90% of customers) with their login events, plus the web access log: lines of logged-in
 * customers (tied to their sessions, so IPs and user agents match their logins) and anonymous traffic.
 */
export function generateActivity(
  rng: SeededRandom,
  customers: readonly CustomerProfile[],
  invoiceNumbers: ReadonlyMap<string, readonly string[]>,
  nowMs: number,
): ActivityData {
  // An hour inside the window, so the data also lies within `now - interval '9 months'` computed in SQL.
  const windowStart = addMonths(nowMs, -ACTIVITY_MONTHS) + HOUR;
  const usernames = new Set<string>();
  const out: ActivityData = { accounts: [], loginEvents: [], accessLogs: [] };
  for (const customer of customers) {
    if (!rng.chance(0.9)) continue;
    const createdMs = Math.min(customer.startMs + rng.between(8 * HOUR, 21 * DAY), nowMs - HOUR);
    const account: AccountRow = {
      id: rng.uuid(),
      customerNumber: customer.row.customerNumber,
      username: uniqueUsername(rng, customer.row.email, usernames),
      passwordHash: fakeScryptHash(rng),
      mfaEnabled: rng.chance(0.3),
      createdAt: isoTime(createdMs),
      lastLoginAt: null,
    };
    out.accounts.push(account);
    // Customers whose contract ended longer ago have no events left inside the retention window.
    const to = customer.endMs === null ? nowMs - 60_000 : Math.min(nowMs - 60_000, customer.endMs + 20 * HOUR);
    const activity = { from: Math.max(windowStart, createdMs), to };
    if (activity.to <= activity.from) continue;
    const events = loginEvents(rng, account.id, activity);
    out.loginEvents.push(...events);
    const successes = events.filter((e) => e.success);
    account.lastLoginAt = successes.length ? successes[successes.length - 1].occurredAt : null;
    const ctx = { domain: customer.domain, invoiceNumbers: invoiceNumbers.get(customer.row.customerNumber) ?? [] };
    for (let n = successes.length ? rng.int(20, 120) : 0; n > 0; n--) {
      const session = rng.pick(successes);
      const at = Math.min(Date.parse(session.occurredAt) + rng.between(5_000, 40 * 60_000), nowMs);
      const hit = customerHit(rng, ctx);
      const ip = rng.chance(0.85) ? session.ip : anyIp(rng);
      out.accessLogs.push({ id: rng.uuid(), occurredAt: isoTime(at), ip, ...hit, userAgent: session.userAgent, accountId: account.id });
    }
  }
  out.accessLogs.push(...anonymousLines(rng, 1000 + 12 * customers.length, windowStart, nowMs));
  // A log is chronological; Array.prototype.sort is stable, so ties keep their (deterministic) order.
  out.accessLogs.sort((a, b) => a.occurredAt.localeCompare(b.occurredAt));
  return out;
}

function loginEvents(rng: SeededRandom, accountId: string, activity: Activity): LoginEventRow[] {
  // A household: an IPv4 address and/or an IPv6 /64, and one to three devices.
  const homeIps: string[] = [];
  if (rng.chance(0.85)) homeIps.push(ipv4(rng));
  if (homeIps.length === 0 || rng.chance(0.5)) {
    const prefix = ipv6Prefix(rng);
    for (let i = rng.int(1, 2); i > 0; i--) homeIps.push(ipv6In(rng, prefix));
  }
  const devices = Array.from({ length: rng.int(1, 3) }, () => rng.pick(BROWSER_AGENTS));
  const perWeek = rng.float(0.5, 3);
  const count = Math.max(1, Math.round(((activity.to - activity.from) / WEEK) * perWeek));
  const times = Array.from({ length: count }, () => rng.between(activity.from, activity.to)).sort((a, b) => a - b);
  return times.map((at) => {
    const success = rng.chance(0.9);
    // Failed logins are mostly typos at home, sometimes credential stuffing from elsewhere.
    const stuffing = !success && rng.chance(0.35);
    const ip = stuffing ? scannerIp(rng) : rng.chance(0.85) ? rng.pick(homeIps) : anyIp(rng);
    const userAgent = stuffing ? rng.pick(BOT_AGENTS.slice(3)) : rng.pick(devices);
    return { id: rng.uuid(), accountId, occurredAt: isoTime(at), ip, success, userAgent };
  });
}

function anonymousLines(rng: SeededRandom, count: number, from: number, to: number): AccessLogRow[] {
  return Array.from({ length: count }, () => {
    const kind = rng.weighted<"visitor" | "crawler" | "scanner">([[75, "visitor"], [15, "crawler"], [10, "scanner"]]);
    const hit = anonymousHit(rng, kind === "scanner");
    const ip = kind === "visitor" ? anyIp(rng) : scannerIp(rng);
    const userAgent = kind === "visitor" ? rng.pick(BROWSER_AGENTS) : rng.pick(kind === "crawler" ? BOT_AGENTS.slice(0, 3) : BOT_AGENTS.slice(3));
    return { id: rng.uuid(), occurredAt: isoTime(rng.between(from, to)), ip, ...hit, userAgent, accountId: null };
  });
}

/** Username = the e-mail's local part plus digits, as many sites suggest; unique across accounts. */
function uniqueUsername(rng: SeededRandom, email: string, taken: Set<string>): string {
  const local = email.split("@")[0].replace(/[^a-z0-9._]/g, "");
  let name = `${local}${rng.int(1, 99)}`;
  while (taken.has(name)) name = `${local}${rng.int(100, 9999)}`;
  taken.add(name);
  return name;
}

/** Looks like a real scrypt PHC string, but the random bytes hash no password at all. */
function fakeScryptHash(rng: SeededRandom): string {
  const b64 = (n: number) => rng.bytes(n).toString("base64").replace(/=+$/, "");
  return `$scrypt$ln=15,r=8,p=1$${b64(16)}$${b64(32)}`;
}
