import { EventEmitter } from "node:events";
import { mkdirSync } from "node:fs";
import { PGlite } from "@electric-sql/pglite";
import { pgliteParsers } from "./type-parsers";

/**
 * The embedded engine: one PGlite instance, shared by every store's DataSource (each store is a schema).
 *
 * PGlite is a single database session. If two TypeORM query runners used it at once, one runner's
 * ROLLBACK would undo the other's work and uncommitted rows would be visible across "connections"
 * (STACK.md). So this engine behaves like a pg pool of size one: `connect()` hands out the session to one
 * caller at a time and queues the rest, which gives real isolation and correct rollbacks.
 */
export class PgliteEngine {
  private tail: Promise<void> = Promise.resolve();
  private closed = false;
  readonly ready: Promise<PGlite>;

  constructor(readonly dataDir: string | undefined) {
    if (dataDir) mkdirSync(dataDir, { recursive: true });
    this.ready = PGlite.create(dataDir ? { dataDir, parsers: pgliteParsers } : { parsers: pgliteParsers });
  }

  /** Waits for exclusive use of the session; the returned function gives it back. */
  async acquire(): Promise<{ db: PGlite; release: () => void }> {
    if (this.closed) throw new Error("embedded engine is closed");
    let release!: () => void;
    const previous = this.tail;
    this.tail = new Promise<void>((resolve) => (release = resolve));
    await previous;
    const db = await this.ready;
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
    const { db } = await this.acquire();
    this.closed = true;
    await db.close();
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
