/** The company's existing services the gateway fronts (SPEC §2). */
export const SOURCE_NAMES = ["crm", "billing", "auth", "weblog"] as const;
export type SourceName = (typeof SOURCE_NAMES)[number];
