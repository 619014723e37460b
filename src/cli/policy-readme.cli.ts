import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { withPolicyTables } from "../policy/policy-table";

/** Rewrites the README's purposes-and-roles section from src/policy. */
const file = path.resolve(__dirname, "..", "..", "..", "README.md");
writeFileSync(file, withPolicyTables(readFileSync(file, "utf8")));
console.log(`policy tables written to ${file}`);
