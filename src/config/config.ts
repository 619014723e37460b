import { accessSync, constants } from "node:fs";
import { z } from "zod";

/**
 * Configuration comes only from the environment and is validated once at start-up, so a typo fails fast
 * with the variable's name instead of surfacing later as a confusing runtime error.
 */
export const SOURCE_NAMES = ["crm", "billing", "auth", "weblog"] as const;
export type SourceName = (typeof SOURCE_NAMES)[number];
/** The gateway's own store (`privacy` schema) is configured like a source but owned by the gateway. */
export type StoreName = SourceName | "privacy";
export const STORE_NAMES: readonly StoreName[] = [...SOURCE_NAMES, "privacy"];

/** Development-only signing secret; refused when NODE_ENV=production. */
export const DEV_JWT_SECRET = "dev-only-insecure-secret-change-me-0123456789";
/** Development-only key for the audit trail's subject hashes; production must set AUDIT_HASH_KEY. */
export const DEV_AUDIT_HASH_KEY = "dev-only-audit-hash-key-change-me-0123456789";
/** Development-only key for analysts' pseudonyms (src/access/pseudonym.ts); production must set PSEUDONYM_KEY. */
export const DEV_PSEUDONYM_KEY = "dev-only-pseudonym-key-change-me-0123456789";

const bool = z
  .enum(["true", "false", "1", "0", "yes", "no"])
  .transform((v) => v === "true" || v === "1" || v === "yes");
const SSL_MODES = ["disable", "prefer", "require", "verify-ca", "verify-full", "no-verify"];
const postgresUrl = z
  .string()
  .regex(/^postgres(ql)?:\/\//, "must be a postgres:// or postgresql:// URL")
  // node-postgres honours sslmode/sslrootcert/sslcert/sslkey in the URL; a typo there would surface only on connect
  .superRefine((v, ctx) => {
    const params = URL.canParse(v) ? new URL(v).searchParams : new URLSearchParams();
    const mode = params.get("sslmode");
    if (mode !== null && !SSL_MODES.includes(mode)) ctx.addIssue({ code: "custom", message: `sslmode must be one of: ${SSL_MODES.join(", ")}` });
    for (const name of ["sslrootcert", "sslcert", "sslkey"]) {
      const file = params.get(name);
      if (file !== null && !isReadable(file)) ctx.addIssue({ code: "custom", message: `${name} file cannot be read` });
    }
  });
const csv = z.string().transform((v) => v.split(",").map((s) => s.trim()).filter(Boolean));
/** A browser's Origin header is compared as an exact string: only `scheme://host[:port]` can ever match. */
const origins = csv.pipe(
  z.array(
    z.string().refine((o) => o !== "*", "'*' is not allowed: list each origin that may call the gateway").refine(
      (o) => URL.canParse(o) && /^https?:$/.test(new URL(o).protocol) && new URL(o).origin === o,
      "each origin must be scheme://host[:port] with http or https and no path, e.g. https://mijn.example.nl",
    ),
  ),
);
const readableFile = z.string().refine(isReadable, "file cannot be read");

// Five cron fields of digits, ranges, lists, steps and *; pg-boss (cron-parser) judges the values when it schedules.
const CRON_OR_OFF = /^(off|[\d*/,-]+( [\d*/,-]+){4})$/;

function isTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat("en", { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

const EnvSchema = z
  .object({
    NODE_ENV: z.enum(["development", "test", "production"]).default("development"),
    HOST: z.string().min(1).default("127.0.0.1"),
    PORT: z.coerce.number().int().min(0).max(65535).default(4000),
    LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
    DATABASE_URL: postgresUrl.optional(),
    CRM_DATABASE_URL: postgresUrl.optional(),
    BILLING_DATABASE_URL: postgresUrl.optional(),
    AUTH_DATABASE_URL: postgresUrl.optional(),
    WEBLOG_DATABASE_URL: postgresUrl.optional(),
    PRIVACY_DATABASE_URL: postgresUrl.optional(),
    DB_POOL_SIZE: z.coerce.number().int().min(1).max(100).default(10),
    DB_CONNECT_TIMEOUT_MS: z.coerce.number().int().min(100).max(600_000).default(5000),
    DB_STATEMENT_TIMEOUT_MS: z.coerce.number().int().min(0).max(3_600_000).default(30_000),
    PGLITE_DATA_DIR: z.string().min(1).default(".data/pglite"),
    PGLITE_IN_MEMORY: bool.default(false),
    SEED_ON_START: bool.default(true),
    SEED: z.coerce.number().int().default(42),
    SEED_SUBJECTS: z.coerce.number().int().min(1).max(100_000).default(240),
    JWT_SECRET: z.string().min(32, "must be at least 32 characters").optional(),
    JWT_JWKS_URL: z.url().optional(),
    JWT_ISSUER: z.string().min(1).default("privacy-gateway"),
    JWT_AUDIENCE: z.string().min(1).default("privacy-gateway"),
    CORS_ORIGINS: origins.default([]),
    BODY_LIMIT_BYTES: z.coerce.number().int().min(1024).max(10 * 1024 * 1024).default(100 * 1024),
    MAX_QUERY_DEPTH: z.coerce.number().int().min(2).max(50).default(8),
    MAX_ALIASES: z.coerce.number().int().min(0).max(1000).default(20),
    MAX_INTROSPECTION_DEPTH: z.coerce.number().int().min(2).max(50).default(20),
    MAX_QUERY_TOKENS: z.coerce.number().int().min(100).max(100_000).default(1000),
    MAX_DIRECTIVES: z.coerce.number().int().min(0).max(1000).default(50),
    MAX_QUERY_COST: z.coerce.number().int().min(1).default(100_000),
    SHUTDOWN_GRACE_MS: z.coerce.number().int().min(0).default(10_000),
    AUDIT_HASH_KEY: z.string().min(32, "must be at least 32 characters").optional(),
    PSEUDONYM_KEY: z.string().min(32, "must be at least 32 characters").optional(),
    ERASURE_JOB_DELAY_SECONDS: z.coerce.number().int().min(0).max(86_400).default(30),
    // Rows per retention DELETE: bounded, so no statement holds its locks long (and one bind array per statement).
    RETENTION_BATCH_SIZE: z.coerce.number().int().min(1).max(100_000).default(5000),
    // The daily retention run (pg-boss cron: minute hour day month weekday, in RETENTION_TIMEZONE); "off": none.
    RETENTION_SCHEDULE: z.string().regex(CRON_OR_OFF, "a cron expression of five fields, or off").default("30 3 * * *"),
    // How often a gateway looks whether a scheduled job is due (pg-boss: 1–45 s; one gateway per interval does it).
    JOB_CRON_CHECK_SECONDS: z.coerce.number().int().min(1).max(45).default(30),
    RETENTION_TIMEZONE: z.string().refine(isTimeZone, "an IANA time zone, e.g. Europe/Amsterdam").default("Europe/Amsterdam"),
    ERASURE_RETRY_DELAY_SECONDS: z.coerce.number().int().min(1).max(3600).default(10),
    JOB_POLL_SECONDS: z.coerce.number().min(0.5).max(60).default(2),
    TLS_CERT_FILE: readableFile.optional(),
    TLS_KEY_FILE: readableFile.optional(),
    // Who the privacy statement and the art. 30 register name as controller, and where customers exercise their rights.
    CONTROLLER_NAME: z.string().min(1).max(200).default("Cocomo Webbeheer"),
    CONTROLLER_EMAIL: z.email().default("support@cocomohosting.nl"),
    PORTAL_URL: z.string().regex(/^(\/|https:\/\/)\S*$/, "a path on this gateway (/portal) or an https:// URL").default("/portal"),
  })
  .superRefine((env, ctx) => {
    if (env.NODE_ENV === "production" && !env.JWT_SECRET && !env.JWT_JWKS_URL) {
      ctx.addIssue({ code: "custom", path: ["JWT_JWKS_URL"], message: "required in production (or JWT_SECRET)" });
    }
    for (const key of ["AUDIT_HASH_KEY", "PSEUDONYM_KEY"] as const) {
      if (env.NODE_ENV === "production" && !env[key]) ctx.addIssue({ code: "custom", path: [key], message: "required in production" });
    }
    if (!env.TLS_CERT_FILE !== !env.TLS_KEY_FILE) {
      const missing = env.TLS_CERT_FILE ? "TLS_KEY_FILE" : "TLS_CERT_FILE";
      ctx.addIssue({ code: "custom", path: [missing], message: "TLS_CERT_FILE and TLS_KEY_FILE go together" });
    }
  });

function isReadable(file: string): boolean {
  try {
    accessSync(file, constants.R_OK);
    return true;
  } catch {
    return false;
  }
}

export interface AppConfig {
  env: "development" | "test" | "production";
  host: string;
  port: number;
  logLevel: string;
  /** Connection URL per store; `undefined` means the embedded PGlite engine. */
  databaseUrls: Record<StoreName, string | undefined>;
  poolSize: number;
  /** Per store (PostgreSQL): connection start-up and statement time limits; a store over them is SOURCE_UNAVAILABLE. */
  dbTimeouts: { connectMs: number; statementMs: number };
  pglite: { dataDir: string | undefined };
  seed: { onStart: boolean; seed: number; subjects: number };
  jwt: { secret: string | undefined; jwksUrl: string | undefined; issuer: string; audience: string };
  http: { corsOrigins: string[]; bodyLimitBytes: number; maxQueryDepth: number; maxAliases: number; shutdownGraceMs: number };
  /** Limits on a document, checked once per distinct text (parse and validation; Apollo caches valid ones). */
  query: { maxIntrospectionDepth: number; maxTokens: number; maxDirectives: number; maxCost: number };
  /** Key of the HMAC that stands in for subject ids in the audit trail. */
  audit: { hashKey: string };
  /** Key of the HMAC that stands in for ids for pseudonymous purposes (ANALYTICS, IMPROVEMENT). */
  pseudonymKey: string;
  /** PEM files for HTTPS; `undefined` serves plain HTTP (behind a TLS-terminating proxy). */
  tls: { certFile: string; keyFile: string } | undefined;
  /** Durable erasure jobs: delay before the safety-net job looks, first retry delay (then backoff), polling. */
  jobs: { erasureDelaySeconds: number; erasureRetryDelaySeconds: number; pollSeconds: number; cronCheckSeconds: number };
  /** Rows per DELETE; the daily run's cron and time zone (`schedule` null: no scheduled run). */
  retention: { batchSize: number; schedule: string | null; timeZone: string };
  /** The controller the privacy statement and the processing register name (GDPR art. 13(1)(a), 30(1)(a)). */
  controller: { name: string; email: string; portalUrl: string };
}

export class ConfigError extends Error {}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  // Empty strings count as unset: `FOO= npm start` should mean "default", not "invalid".
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ""));
  const parsed = EnvSchema.safeParse(cleaned);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join("\n")}`);
  }
  const e = parsed.data;
  const url = (specific: string | undefined) => specific ?? e.DATABASE_URL;
  return {
    env: e.NODE_ENV,
    host: e.HOST,
    port: e.PORT,
    logLevel: e.LOG_LEVEL,
    databaseUrls: {
      crm: url(e.CRM_DATABASE_URL),
      billing: url(e.BILLING_DATABASE_URL),
      auth: url(e.AUTH_DATABASE_URL),
      weblog: url(e.WEBLOG_DATABASE_URL),
      privacy: url(e.PRIVACY_DATABASE_URL),
    },
    poolSize: e.DB_POOL_SIZE,
    dbTimeouts: { connectMs: e.DB_CONNECT_TIMEOUT_MS, statementMs: e.DB_STATEMENT_TIMEOUT_MS },
    pglite: { dataDir: e.PGLITE_IN_MEMORY ? undefined : e.PGLITE_DATA_DIR },
    seed: { onStart: e.SEED_ON_START, seed: e.SEED, subjects: e.SEED_SUBJECTS },
    jwt: {
      secret: e.JWT_SECRET ?? (e.NODE_ENV === "production" || e.JWT_JWKS_URL ? undefined : DEV_JWT_SECRET),
      jwksUrl: e.JWT_JWKS_URL,
      issuer: e.JWT_ISSUER,
      audience: e.JWT_AUDIENCE,
    },
    http: {
      corsOrigins: e.CORS_ORIGINS,
      bodyLimitBytes: e.BODY_LIMIT_BYTES,
      maxQueryDepth: e.MAX_QUERY_DEPTH,
      maxAliases: e.MAX_ALIASES,
      shutdownGraceMs: e.SHUTDOWN_GRACE_MS,
    },
    query: { maxIntrospectionDepth: e.MAX_INTROSPECTION_DEPTH, maxTokens: e.MAX_QUERY_TOKENS, maxDirectives: e.MAX_DIRECTIVES, maxCost: e.MAX_QUERY_COST },
    audit: { hashKey: e.AUDIT_HASH_KEY ?? DEV_AUDIT_HASH_KEY },
    pseudonymKey: e.PSEUDONYM_KEY ?? DEV_PSEUDONYM_KEY,
    tls: e.TLS_CERT_FILE && e.TLS_KEY_FILE ? { certFile: e.TLS_CERT_FILE, keyFile: e.TLS_KEY_FILE } : undefined,
    jobs: {
      erasureDelaySeconds: e.ERASURE_JOB_DELAY_SECONDS,
      erasureRetryDelaySeconds: e.ERASURE_RETRY_DELAY_SECONDS,
      pollSeconds: e.JOB_POLL_SECONDS,
      cronCheckSeconds: e.JOB_CRON_CHECK_SECONDS,
    },
    retention: {
      batchSize: e.RETENTION_BATCH_SIZE,
      schedule: e.RETENTION_SCHEDULE === "off" ? null : e.RETENTION_SCHEDULE,
      timeZone: e.RETENTION_TIMEZONE,
    },
    controller: { name: e.CONTROLLER_NAME, email: e.CONTROLLER_EMAIL, portalUrl: e.PORTAL_URL },
  };
}
