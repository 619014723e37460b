import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import path from "node:path";
import { withPolicyTables } from "../../src/policy/policy-table";

test("README's purposes and roles tables are the policy's (run `npm run policy:readme` after changing it)", () => {
  const readme = readFileSync(path.resolve(__dirname, "..", "..", "..", "README.md"), "utf8");
  assert.equal(readme, withPolicyTables(readme));
});
