import { buildGatewaySchema } from "../../src/server/schema";
import { SchemaClassification } from "../../src/access/schema-classification";
import { Pseudonymizer } from "../../src/access/pseudonym";
import { ViewRegistry } from "../../src/access/purpose-view";
import type { Clock } from "../../src/common/clock";
import type { DemandViews } from "../../src/disclosure/demand-records";

/** The views of approved demands over the gateway's real schema (its classification), for tests below the API. */
export async function demandViews(clock: Clock): Promise<DemandViews> {
  const views = new ViewRegistry(new SchemaClassification(await buildGatewaySchema()), new Pseudonymizer("test-pseudonym-key-0123456789abcdef", clock));
  return { forDemand: (categories) => views.forDemand(categories) };
}
