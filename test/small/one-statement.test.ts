import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { combine, isPreconditionFailure } from "../../src/db/one-statement";

describe("one statement from several parts (combine)", () => {
  test("each part keeps its own $1…$n: they are shifted after the previous parts' parameters", () => {
    const { text, params } = combine([
      { name: "a", text: "INSERT INTO t (x, y) VALUES ($1, $2)", params: ["x", 2] },
      { name: "b", text: "UPDATE u SET z = $1 WHERE id = $2 AND w = $1 RETURNING id", params: ["z", 7], returns: true },
    ]);
    assert.match(text, /^WITH a AS \(INSERT INTO t \(x, y\) VALUES \(\$1, \$2\)\),\nb AS \(UPDATE u SET z = \$3 WHERE id = \$4 AND w = \$3 RETURNING id\)/);
    assert.match(text, /SELECT json_build_object\('b', \(SELECT coalesce\(json_agg\(x\), '\[\]'::json\) FROM b x\)\) AS parts$/);
    assert.deepEqual(params, ["x", 2, "z", 7]);
  });

  test("preconditions come first in the select list, their text as a parameter", () => {
    const { text, params } = combine(
      [{ name: "done", text: "UPDATE t SET s = $1 RETURNING 1", params: ["DONE"] }],
      [{ sql: "(SELECT count(*) FROM done) = 2", what: "two rows" }],
    );
    assert.match(text, /SELECT privacy\.require\(\(SELECT count\(\*\) FROM done\) = 2, \$2::text\), json_build_object\(\) AS parts$/);
    assert.deepEqual(params, ["DONE", "two rows"]);
  });

  test("one shape, one text and one prepared-statement name, whatever the values; another shape, another name", () => {
    const parts = (values: unknown[]) => [{ name: "a", text: `INSERT INTO t (x) SELECT unnest($1::text[])`, params: [values] }];
    const first = combine(parts(["x"]), [{ sql: "true", what: "always" }]);
    const second = combine(parts(["y", "z"]), [{ sql: "true", what: "always" }]);
    assert.deepEqual([second.text, second.name], [first.text, first.name]);
    assert.deepEqual(second.params, [["y", "z"], "always"]);
    assert.match(first.name, /^combined_[0-9a-f]{40}$/);
    const other = combine(parts(["x"]), [{ sql: "false", what: "always" }]);
    assert.notEqual(other.name, first.name);
    assert.notEqual(combine([{ name: "a", text: "SELECT $1, $2", params: [1, 2] }]).name, combine([{ name: "a", text: "SELECT $1, $2", params: [1, 2], returns: true }]).name);
  });

  test("what PostgreSQL would refuse, or what would bind wrongly, is refused before it is sent", () => {
    assert.throws(() => combine([{ name: "a", text: "SELECT $2", params: [1, 2] }]), /leaves some of its 2 parameters unused/);
    assert.throws(() => combine([{ name: "a", text: "SELECT $3", params: [1, 2] }]), /uses \$3 of 2 parameters/);
    assert.throws(() => combine([{ name: "a", text: "SELECT $$x$$", params: [] }]), /\$ that is not a parameter/);
    assert.throws(() => combine([{ name: "a b", text: "SELECT 1", params: [] }]), /not a plain identifier/);
    assert.throws(() => combine([], [{ sql: "$1 = 2", what: "x" }]), /must not use parameters/);
  });

  test("a failed precondition is told apart from any other failure by its SQLSTATE", () => {
    assert.equal(isPreconditionFailure(Object.assign(new Error("precondition failed: x"), { code: "GW001" })), true);
    assert.equal(isPreconditionFailure(Object.assign(new Error("duplicate key"), { code: "23505" })), false);
    assert.equal(isPreconditionFailure(null), false);
  });
});
