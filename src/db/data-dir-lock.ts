import { closeSync, openSync, readFileSync, rmSync, writeSync } from "node:fs";
import { join, resolve } from "node:path";

export const LOCK_FILE = "gateway.lock";

/** A second process on the same embedded data folder: refused before it opens (and can damage) the database. */
export class DataDirLockedError extends Error {}

/**
 * An exclusive lock on the embedded data folder: a file created with O_EXCL that holds the owner's PID.
 * PGlite is a single-process database; a second process opening the same folder corrupts it. A lock left
 * behind by a process that no longer runs (killed with SIGKILL, power loss) is taken over.
 */
export class DataDirLock {
  private released = false;
  private readonly onExit = () => this.release();

  private constructor(readonly path: string) {
    // process.exit() paths (fatal errors, the forced end of a shutdown) skip close(): still give the folder back.
    process.on("exit", this.onExit);
  }

  static acquire(dataDir: string): DataDirLock {
    const path = join(dataDir, LOCK_FILE);
    for (let attempt = 0; attempt < 2; attempt++) {
      try {
        const fd = openSync(path, "wx");
        writeSync(fd, `${process.pid}\n`);
        closeSync(fd);
        return new DataDirLock(path);
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== "EEXIST") throw err;
      }
      const owner = ownerOf(path);
      if (owner !== null && isRunning(owner)) {
        throw new DataDirLockedError(
          `The embedded database folder ${resolve(dataDir)} is in use by another gateway process (PID ${owner}).\n` +
            `Stop that process first, or give this one its own folder with PGLITE_DATA_DIR (or PGLITE_IN_MEMORY=true).`,
        );
      }
      rmSync(path, { force: true }); // stale: its owner is gone
    }
    throw new DataDirLockedError(`Could not lock the embedded database folder ${resolve(dataDir)} (${path}).`);
  }

  release(): void {
    if (this.released) return;
    this.released = true;
    process.off("exit", this.onExit);
    rmSync(this.path, { force: true });
  }
}

function ownerOf(path: string): number | null {
  try {
    const pid = Number.parseInt(readFileSync(path, "utf8"), 10);
    return Number.isInteger(pid) && pid > 0 ? pid : null;
  } catch {
    return null;
  }
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === "EPERM"; // exists, owned by another user
  }
}
