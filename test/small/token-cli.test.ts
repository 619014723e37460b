import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { TokenService } from "../../src/auth/token.service";
import { loadConfig } from "../../src/config/config";

/** `npm run token` as a developer types it: usage, refusals that name the option, and tokens the gateway accepts. */
const token = (...args: string[]) => {
  const r = spawnSync(process.execPath, ["dist/src/cli/token.cli.js", ...args], { encoding: "utf8", env: { ...process.env, JWT_SECRET: "" } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
};

test("--help prints the usage and succeeds", () => {
  const r = token("--help");
  assert.equal(r.code, 0);
  assert.match(r.stdout, /--role <role>/);
  assert.match(r.stdout, /npm run --silent token/);
});

test("each mistake exits non-zero with a message naming the option, and prints no token", () => {
  const subject = "0d47e83d-257d-4c3d-acc2-3cba5ea1a289";
  for (const [args, option] of [
    [["--role", "support", "--colour", "red"], "--colour"],
    [["--role", "nope"], "--role"],
    [["--role", "customer", "--subject", "not-a-uuid"], "--subject"],
    [["--role", "customer"], "--subject"],
    [["--role", "customer", "--subject", subject, "--expires", "banana"], "--expires"],
  ] as const) {
    const r = token(...args);
    assert.notEqual(r.code, 0, args.join(" "));
    assert.ok(r.stderr.includes(option), `${args.join(" ")}: ${r.stderr}`);
    assert.equal(r.stdout, "", args.join(" "));
  }
});

test("a customer token it prints is accepted by the gateway's verifier for that subject", async () => {
  const subject = "0d47e83d-257d-4c3d-acc2-3cba5ea1a289";
  const r = token("--role", "customer", "--subject", subject, "--expires", "5m");
  assert.equal(r.code, 0, r.stderr);
  const principal = await new TokenService(loadConfig({}).jwt).authenticate(`Bearer ${r.stdout.trim()}`);
  assert.deepEqual(principal, { actor: `customer:${subject}`, role: "customer", subjectId: subject });
});
