import { EventEmitter } from "node:events";
import { mkdirSync } from "node:fs";
import { resolve } from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { pgliteParsers } from "./type-parsers";
import { DataDirLock } from "./data-dir-lock";

/** The embedded database could not be opened; the message says which folder and how to recover. */
export class EmbeddedDatabaseError extends Error {}

/**
 * The embedded engine: one PGlite instance, shared by every store's DataSource (each store is a schema).
 *
 * PGlite is a single database session. If two TypeORM query runners used it at once, one runner's
 * ROLLBACK would undo the other's work and uncommitted rows would be visible across "connections"
 * (typeorm-pglite as shipped behaves so). So this engine behaves like a pg pool of size one: `connect()` hands out the session to one
 * caller at a time and queues the rest, which gives real isolation and correct rollbacks.
 */
export class PgliteEngine {
  private tail: Promise<void> = Promise.resolve();
  private closed = false;
  readonly ready: Promise<PGlite>;
  private readonly lock: DataDirLock | undefined;

  /** Locks the data folder first (throws DataDirLockedError when another process has it), then opens it. */
  constructor(readonly dataDir: string | undefined) {
    if (dataDir) {
      mkdirSync(dataDir, { recursive: true });
      this.lock = DataDirLock.acquire(dataDir);
    }
    this.ready = PGlite.create(dataDir ? { dataDir, parsers: pgliteParsers } : { parsers: pgliteParsers }).catch(
      (err: unknown) => {
        throw openFailure(dataDir, err);
      },
    );
    this.ready.catch(() => this.lock?.release()); // a folder that cannot be opened is not held
  }

  /** Waits for exclusive use of the session; the returned function gives it back. */
  async acquire(): Promise<{ db: PGlite; release: () => void }> {
    if (this.closed) throw new Error("embedded engine is closed");
    let release!: () => void;
    const previous = this.tail;
    this.tail = new Promise<void>((resolve) => (release = resolve));
    await previous;
    let db: PGlite;
    try {
      db = await this.ready;
    } catch (err) {
      release(); // the next caller must see the same error, not wait forever
      throw err;
    }
    let released = false;
    return {
      db,
      release: () => {
        if (!released) {
          released = true;
          release();
        }
      },
    };
  }

  /** Runs one statement with exclusive use of the session. */
  async query(text: string, params?: unknown[]) {
    const { db, release } = await this.acquire();
    try {
      return await runStatement(db, text, params);
    } finally {
      release();
    }
  }

  async close(): Promise<void> {
    if (this.closed) return;
    let db: PGlite | undefined;
    try {
      db = (await this.acquire()).db;
    } catch {
      // never opened (the error was reported when it was used): nothing to close
    }
    this.closed = true;
    try {
      await db?.close();
    } finally {
      this.lock?.release();
    }
  }

  /** A stand-in for the `pg` module, for TypeORM's `driver` option. */
  pgDriver(): { Pool: new () => EmbeddedPool } {
    // eslint-disable-next-line @typescript-eslint/no-this-alias
    const engine = this;
    return {
      Pool: class extends EmbeddedPool {
        constructor() {
          super(engine);
        }
      },
    };
  }
}

function openFailure(dataDir: string | undefined, err: unknown): EmbeddedDatabaseError {
  // PGlite reports a damaged folder as a bare WebAssembly "Aborted()": name the folder and the way out instead.
  const cause = (err instanceof Error ? err.message : String(err)).replace(/ Build with -sASSERTIONS.*$/s, "");
  if (!dataDir) return new EmbeddedDatabaseError(`The in-memory embedded database could not be started: ${cause}`);
  const folder = resolve(dataDir);
  return new EmbeddedDatabaseError(
    `The embedded database in ${folder} could not be opened (${cause}); the folder is probably damaged, ` +
      `for example by two gateways using it at once.\n` +
      `To recover: stop every gateway using it, move the folder aside (mv ${folder} ${folder}.broken) and start ` +
      `again; the demo data is seeded afresh. Or point PGLITE_DATA_DIR at another folder.`,
  );
}

type PgResult = { rows: Record<string, unknown>[]; rowCount: number; command: string; fields: unknown[] };

/**
 * Mirrors node-postgres: statements with parameters use the extended protocol (one statement);
 * statements without parameters use the simple protocol, where a script of several statements is allowed.
 */
async function runStatement(db: PGlite, text: string, params?: unknown[]): Promise<PgResult> {
  if (params && params.length > 0) {
    const r = await db.query<Record<string, unknown>>(text, params);
    return { rows: r.rows, rowCount: r.affectedRows ?? r.rows.length, command: commandOf(text), fields: r.fields };
  }
  const results = await db.exec(text);
  const last = results[results.length - 1];
  const rows = (last?.rows ?? []) as Record<string, unknown>[];
  return { rows, rowCount: last?.affectedRows ?? rows.length, command: commandOf(text), fields: last?.fields ?? [] };
}

function commandOf(text: string): string {
  return (/^\s*(\w+)/.exec(text)?.[1] ?? "").toUpperCase();
}

/** One checked-out "connection": exclusive use of the session until released. */
class EmbeddedConnection extends EventEmitter {
  constructor(private readonly db: PGlite) {
    super();
  }
  query(text: string, params?: unknown[]): Promise<PgResult> {
    return runStatement(this.db, text, params);
  }
}

type ConnectCallback = (err: Error | undefined, conn?: EmbeddedConnection, release?: () => void) => void;

/** The subset of pg.Pool that TypeORM's postgres driver (and SqlReader) use. */
export class EmbeddedPool extends EventEmitter {
  private ended = false;

  constructor(private readonly engine: PgliteEngine) {
    super();
  }
  connect(cb: ConnectCallback): void {
    if (this.ended) return cb(new Error("Cannot use a pool after calling end on the pool"));
    this.engine.acquire().then(
      ({ db, release }) => cb(undefined, new EmbeddedConnection(db), release),
      (err: Error) => cb(err),
    );
  }
  /** As pg.Pool: text and parameters, or a query config (its `name` is pg's prepared statement; PGlite runs the text). */
  query(text: string | { text: string; values?: unknown[] }, params?: unknown[]) {
    if (this.ended) return Promise.reject(new Error("Cannot use a pool after calling end on the pool"));
    return typeof text === "string" ? this.engine.query(text, params) : this.engine.query(text.text, text.values);
  }
  /** Ends this pool only: the engine outlives the DataSources that share it, and its owner closes it. */
  end(cb?: (err?: Error) => void): void {
    this.ended = true;
    cb?.();
  }
}
