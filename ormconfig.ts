import "reflect-metadata";
import { loadConfig, STORE_NAMES, type StoreName } from "./src/config/config";
import { buildDataSource } from "./src/db/data-sources";
import { PgliteEngine } from "./src/db/pglite-engine";
import { STORE_REGISTRY } from "./src/server/store-registry";

/**
 * The one DataSource the TypeORM CLI is given (`npm run typeorm -- migration:show`). Each store is its own
 * database, so the CLI works on one store at a time, chosen with ORM_STORE (default: privacy):
 *   ORM_STORE=billing npm run typeorm -- migration:run
 * Without a URL for that store it opens the embedded PGlite data folder, like `npm start`.
 */
const store = (process.env.ORM_STORE ?? "privacy") as StoreName;
if (!STORE_NAMES.includes(store)) throw new Error(`ORM_STORE must be one of ${STORE_NAMES.join(", ")}`);
const config = loadConfig();
const url = config.databaseUrls[store];

export default buildDataSource(store, STORE_REGISTRY[store], url, {
  poolSize: config.poolSize,
  engine: url ? undefined : new PgliteEngine(config.pglite.dataDir),
});
