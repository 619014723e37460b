import { setFlagsFromString } from "node:v8";

/**
 * V8 tuning for a request/response server, applied by the entry point (`npm start`) at the start of `main()`,
 * before the stores are opened and the server is built (the tests build gateways without it).
 *
 * Allocation-site pretenuring: when most objects from one allocation site survive a young-generation GC,
 * V8 starts allocating that site's objects directly in old space. One large answer (a 100-subject page,
 * ~1.5 MB of JSON) is enough to switch the sites that build rows and results, and they stay switched: from
 * then on every request's rows are born in old space, freed only by full GCs, and keep the younger objects
 * they point to alive through every scavenge. Measured with `npm run bench` (scenario A after the
 * correctness pass has run B's page): ~1.2 MB promoted per scavenge instead of ~0.06 MB, and about 0.15 ms
 * more server CPU per full profile. A gateway's objects live for one request, so the heuristic mostly hurts:
 * scenario A gains ~0.05× of the baseline's throughput; the 100-subject page, whose result tree does live
 * long, loses ~0.02× (0.79× → 0.77×, against a target of 0.5×).
 */
export function tuneGarbageCollector(): void {
  setFlagsFromString("--no-allocation-site-pretenuring");
}
