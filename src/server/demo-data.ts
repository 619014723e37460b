import type { AppConfig } from "../config/config";
import type { Databases } from "../db/data-sources";
import { CrmAdapter } from "../sources/crm/crm.adapter";
import { seedDemoData } from "../seed/demo-data.seeder";

/**
 * Demo data for a newcomer's `npm start`: seeded once, and only into the embedded engine — never into a
 * configured PostgreSQL, which could be a real customer database (use `npm run seed` there on purpose).
 */
export async function prepareDemoData(config: AppConfig, dbs: Databases): Promise<{ exampleSubjectId: string | null }> {
  const allEmbedded = Object.values(config.databaseUrls).every((u) => !u);
  if (allEmbedded && config.seed.onStart) {
    await seedDemoData(dbs.sources, { seed: config.seed.seed, subjects: config.seed.subjects });
  }
  const [first] = await new CrmAdapter(dbs.sources.crm).page(1, null);
  return { exampleSubjectId: first?.id ?? null };
}
