import { setFlagsFromString } from "node:v8";

/**
 * V8 tuning for a request/response server, applied by the entry point (`npm start`) at the start of `main()`,
 * before the stores are opened and the server is built (the tests build gateways without it).
 *
 * Allocation-site pretenuring: when most objects from one allocation site survive a young-generation GC,
 * V8 starts allocating that site's objects directly in old space. One large answer (a 100-subject page,
 * megabytes of JSON) is enough to switch the sites that build rows and results, and they stay switched: from
 * then on every request's rows are born in old space, freed only by full GCs, and keep the younger objects
 * they point to alive through every scavenge. A gateway's objects live for one request, so the heuristic
 * mostly hurts: the full profile gains more than the 100-subject page (whose result tree does live long)
 * loses. The measurements are in bench/RESULTS.md ("Measurements behind design choices").
 */
export function tuneGarbageCollector(): void {
  setFlagsFromString("--no-allocation-site-pretenuring");
}
