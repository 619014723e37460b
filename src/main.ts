import "reflect-metadata";
import { tuneGarbageCollector } from "./server/gc-tuning";
import { ConfigError, loadConfig } from "./config/config";
import { Databases } from "./db/data-sources";
import { STORE_REGISTRY } from "./server/store-registry";
import { createGateway } from "./server/app";
import { prepareDemoData } from "./server/demo-data";
import { reservePort } from "./server/port-reservation";

let started = false;

/** Entry point of `npm start`: validate config, open and migrate the stores, serve, drain on signals. */
async function main(): Promise<void> {
  tuneGarbageCollector();
  const config = loadConfig();
  // The port first, then the data folder's lock, then the database: a second gateway started by mistake
  // stops at the busy port (or the lock) before it touches a database another process has open.
  const reservation = await reservePort(config.host, config.port);
  const dbs = Databases.create(config, STORE_REGISTRY);
  await dbs.initialize();
  await dbs.migrate();
  const demo = await prepareDemoData(config, dbs);
  const { app } = await createGateway(config, dbs);

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    app.log.info({ signal }, "shutting down: draining requests");
    const force = setTimeout(() => {
      app.log.error("shutdown grace period over; exiting");
      process.exit(1);
    }, config.http.shutdownGraceMs).unref();
    await app.close(); // stops accepting, lets in-flight requests finish, stops Apollo (drain plugin)
    await dbs.close();
    clearTimeout(force);
    app.log.info("stopped");
  };
  process.on("SIGTERM", () => void shutdown("SIGTERM"));
  process.on("SIGINT", () => void shutdown("SIGINT"));

  await reservation.release();
  const address = await app.listen({ host: config.host, port: reservation.port });
  started = true;
  const embedded = dbs.engine ? `embedded PGlite (${config.pglite.dataDir ?? "in memory"})` : "PostgreSQL";
  const lines = [
    `Privacy gateway listening on ${address}/graphql  (data: ${embedded})`,
    `Customer portal ("Mijn privacy"):  ${address}/portal/  (log in as a demo customer)`,
    `Get a development token:  TOKEN=$(npm run --silent token -- --role support)`,
    demo.exampleSubjectId
      ? `   or, as a customer:      TOKEN=$(npm run --silent token -- --role customer --subject ${demo.exampleSubjectId})`
      : "",
    `First query:  curl -s ${address}/graphql -H "authorization: Bearer $TOKEN" -H 'x-purpose: CONTACT' \\`,
    `                -H 'content-type: application/json' \\`,
    `                -d '{"query":"{ subjects(first: 3) { edges { node { id firstName lastName email } } } }"}'`,
  ];
  process.stdout.write(lines.filter(Boolean).join("\n") + "\n");
}

// A start-up step that neither finishes nor fails (nothing left to wait for) must not look like success.
process.on("beforeExit", () => {
  if (started) return;
  process.stderr.write("Failed to start: start-up stopped before the gateway was listening (no error was reported).\n");
  process.exit(1);
});

main().catch((err: unknown) => {
  if (err instanceof ConfigError) {
    process.stderr.write(`${err.message}\n`);
    process.exit(2);
  }
  process.stderr.write(`Failed to start: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
