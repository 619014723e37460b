import { SeededRandom } from "./seeded-random";
import type { DemoData, GenerateOptions } from "./demo-data.types";
import { generateCustomers } from "./customer.generator";
import { generateBilling } from "./billing.generator";
import { generateActivity } from "./activity.generator";

/**
 * Pure generation of the whole demo data set: no I/O, no wall clock, no global randomness. The same seed,
 * subject count and `now` always give the same rows (ids included), which makes the demo reproducible and
 * lets tests compare two seeded databases row for row.
 */
export function generateDemoData(opts: GenerateOptions): DemoData {
  if (!Number.isSafeInteger(opts.seed)) throw new RangeError(`seed must be an integer, got ${opts.seed}`);
  if (!Number.isSafeInteger(opts.subjects) || opts.subjects < 1) {
    throw new RangeError(`subjects must be a positive integer, got ${opts.subjects}`);
  }
  const nowMs = opts.now.getTime();
  if (Number.isNaN(nowMs)) throw new RangeError("now must be a valid date");
  const rng = new SeededRandom(opts.seed);
  // The order of these calls is part of the output: each generator consumes the shared PRNG in turn.
  const customers = generateCustomers(rng, opts.subjects, nowMs);
  const billing = generateBilling(rng, customers, nowMs);
  const activity = generateActivity(rng, customers, billing.invoiceNumbers, nowMs);
  return {
    customers: customers.map((c) => c.row),
    invoices: billing.invoices,
    payments: billing.payments,
    paymentMethods: billing.paymentMethods,
    ...activity,
  };
}
