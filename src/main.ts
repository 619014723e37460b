import "reflect-metadata";
import { tuneGarbageCollector } from "./server/gc-tuning";
import { ConfigError, loadConfig } from "./config/config";
import { Databases } from "./db/data-sources";
import { createGateway } from "./server/app";
import { prepareDemoData } from "./server/demo-data";

/** Entry point of `npm start`: validate config, open and migrate the stores, serve, drain on signals. */
async function main(): Promise<void> {
  tuneGarbageCollector();
  const config = loadConfig();
  const dbs = Databases.create(config);
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

  const address = await app.listen({ host: config.host, port: config.port });
  const embedded = dbs.engine ? `embedded PGlite (${config.pglite.dataDir ?? "in memory"})` : "PostgreSQL";
  const lines = [
    `Privacy gateway listening on ${address}/graphql  (data: ${embedded})`,
    `Get a development token:  npm run token -- --role support`,
    demo.exampleSubjectId
      ? `               customer:  npm run token -- --role customer --subject ${demo.exampleSubjectId}`
      : "",
    `First query:  curl -s ${address}/graphql -H "authorization: Bearer $TOKEN" -H 'x-purpose: CONTACT' \\`,
    `                -H 'content-type: application/json' \\`,
    `                -d '{"query":"{ subjects(first: 3) { edges { node { id firstName lastName email } } } }"}'`,
  ];
  process.stdout.write(lines.filter(Boolean).join("\n") + "\n");
}

main().catch((err: unknown) => {
  if (err instanceof ConfigError) {
    process.stderr.write(`${err.message}\n`);
    process.exit(2);
  }
  process.stderr.write(`Failed to start: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
