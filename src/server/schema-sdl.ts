import { lexicographicSortSchema, printSchema } from "graphql";
import { buildGatewaySchema } from "./schema";

export const SDL_PATH = "schema/schema.graphql";

/** The SDL as committed in schema/schema.graphql: sorted, so that diffs show real changes only. */
export async function renderSdl(): Promise<string> {
  const schema = await buildGatewaySchema();
  return `# Generated from the code by \`npm run schema\`. Do not edit by hand; a test fails when it is stale.\n\n${printSchema(lexicographicSortSchema(schema))}\n`;
}
