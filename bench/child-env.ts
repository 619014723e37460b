import { randomBytes } from "node:crypto";

/** What the two servers (and the retention scenario's children) are started with, besides the database. */
export interface ChildEnvOptions {
  databaseUrl: string;
  poolSize: number;
  nodeEnv: string;
  role: string;
  purpose: string;
}

/**
 * The environment of every child the bench starts. Per-source URLs or a JWKS URL in the caller's environment
 * would point a child elsewhere or make the development token useless: only what is set here counts. Fresh
 * secrets every call: a token must be signed with the same env (loadConfig(env).jwt).
 */
export function childEnv(o: ChildEnvOptions, extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const inherited = Object.entries(process.env).filter(([k]) => !/^(\w+_DATABASE_URL|JWT_JWKS_URL)$/.test(k));
  return {
    ...Object.fromEntries(inherited),
    // development by default (dev tokens, as briefed); BENCH_NODE_ENV=production runs it as deployed, which
    // the config allows with an explicit JWT_SECRET, and drops graphql-js's development-only checks.
    NODE_ENV: o.nodeEnv,
    JWT_SECRET: randomBytes(32).toString("hex"),
    AUDIT_HASH_KEY: randomBytes(32).toString("hex"),
    PSEUDONYM_KEY: randomBytes(32).toString("hex"),
    DATABASE_URL: o.databaseUrl,
    DB_POOL_SIZE: String(o.poolSize),
    LOG_LEVEL: "warn",
    BENCH_ROLE: o.role,
    BENCH_PURPOSE: o.purpose,
    // The inline run of eraseSubject does the work; the durable jobs must not wake up during the bench.
    ERASURE_JOB_DELAY_SECONDS: "86400",
    // Nor the daily retention run (scenario T starts its runs itself).
    RETENTION_SCHEDULE: "off",
    ...extra,
  };
}
