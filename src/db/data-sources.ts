import "reflect-metadata";
import { DataSource, type EntitySchema, type MixedList } from "typeorm";
import { STORE_NAMES, type AppConfig, type StoreName } from "../config/config";
import { PgliteEngine } from "./pglite-engine";
import { pgTypes } from "./type-parsers";
import { CountingLogger } from "./sql-stats";
import { poolTimeouts, type StoreTimeouts } from "./store-timeouts";

export type DataSources = Record<StoreName, DataSource>;

/**
 * What one store holds: its schema, the entities TypeORM maps there and its migrations, oldest first. Each
 * store is a separate database in production; on the embedded engine they are schemas of one database,
 * hence one migrations table per store. Migration classes are listed explicitly: a `*.js` glob silently
 * finds nothing when run from sources.
 */
export interface StoreContent {
  schema: string;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  entities: MixedList<Function | string | EntitySchema>;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  migrations: MixedList<Function | string>;
}

/**
 * Every store's content. The tables belong to the features above this layer (sources, rights, holds), so
 * the registry is assembled where they are wired together (src/server/store-registry.ts) and given here.
 */
export type StoreRegistry = Record<StoreName, StoreContent>;

/** Builds one (not yet initialised) DataSource for a store: embedded when it has no URL. */
export function buildDataSource(
  store: StoreName,
  { entities, migrations }: StoreContent,
  url: string | undefined,
  opts: { poolSize: number; engine?: PgliteEngine; timeouts?: StoreTimeouts },
): DataSource {
  const common = {
    type: "postgres" as const,
    name: store,
    entities,
    migrations,
    migrationsTableName: `migrations_${store}`,
    // gen_random_uuid() is core PostgreSQL (and PGlite); uuid-ossp is not available in PGlite.
    uuidExtension: "pgcrypto" as const,
    installExtensions: false,
    logger: new CountingLogger(),
    applicationName: `privacy-gateway:${store}`,
  };
  if (url) {
    const timeouts = opts.timeouts ? poolTimeouts(opts.timeouts) : {};
    return new DataSource({ ...common, url, poolSize: opts.poolSize, extra: { types: pgTypes, ...timeouts } });
  }
  if (!opts.engine) throw new Error(`store ${store} has no URL and no embedded engine was provided`);
  return new DataSource({ ...common, driver: opts.engine.pgDriver() });
}

/** The set of DataSources plus the embedded engine they may share; `close()` releases everything. */
export class Databases {
  private constructor(
    readonly stores: DataSources,
    readonly engine: PgliteEngine | undefined,
  ) {}

  static create(config: Pick<AppConfig, "databaseUrls" | "poolSize" | "pglite" | "dbTimeouts">, registry: StoreRegistry): Databases {
    const needsEngine = STORE_NAMES.some((s) => !config.databaseUrls[s]);
    const engine = needsEngine ? new PgliteEngine(config.pglite.dataDir) : undefined;
    const opts = { poolSize: config.poolSize, engine, timeouts: config.dbTimeouts };
    const stores = Object.fromEntries(STORE_NAMES.map((s) => [s, buildDataSource(s, registry[s], config.databaseUrls[s], opts)])) as DataSources;
    return new Databases(stores, engine);
  }

  private readonly retries = new Map<StoreName, NodeJS.Timeout>();

  /**
   * Connects every store. The gateway's own privacy store is required. A source service that cannot be
   * reached is not a reason to refuse to start (its reads report SOURCE_UNAVAILABLE, /readyz names it, and
   * durable erasure jobs wait for it): it is connected and migrated in the background once it answers.
   */
  async initialize(retryEveryMs = 2000): Promise<void> {
    await this.engine?.ready; // an embedded database that cannot be opened is fatal for every store
    for (const [store, ds] of Object.entries(this.stores) as [StoreName, DataSource][]) {
      if (ds.isInitialized) continue;
      try {
        await ds.initialize();
      } catch (err) {
        if (store === "privacy") throw err;
        this.retryLater(store, ds, retryEveryMs);
      }
    }
  }

  /** Runs the migrations of every connected store; each store's first migration creates its schema. */
  async migrate(): Promise<void> {
    for (const ds of Object.values(this.stores)) if (ds.isInitialized) await ds.runMigrations({ transaction: "each" });
  }

  async close(): Promise<void> {
    for (const t of this.retries.values()) clearInterval(t);
    this.retries.clear();
    for (const ds of Object.values(this.stores)) if (ds.isInitialized) await ds.destroy();
    await this.engine?.close();
  }

  private retryLater(store: StoreName, ds: DataSource, everyMs: number): void {
    let busy = false;
    const timer = setInterval(() => {
      if (busy) return;
      busy = true;
      ds.initialize()
        .then(() => ds.runMigrations({ transaction: "each" }))
        .then(() => {
          clearInterval(timer);
          this.retries.delete(store);
        })
        .catch(() => undefined) // still down: try again on the next tick
        .finally(() => (busy = false));
    }, everyMs);
    timer.unref();
    this.retries.set(store, timer);
  }
}
