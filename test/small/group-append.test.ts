import { test } from "node:test";
import assert from "node:assert/strict";
import { GroupAppend } from "../../src/audit/group-append";

/** An append whose statements the test completes by hand, in order. */
function manualAppend() {
  const calls: { entries: string[]; done: (err?: Error) => void }[] = [];
  const append = (entries: string[]) =>
    new Promise<void>((resolve, reject) => calls.push({ entries, done: (err) => (err ? reject(err) : resolve()) }));
  return { calls, append };
}

const tick = () => new Promise((r) => setImmediate(r));

test("idle: a call goes out at once; meanwhile calls share the next statement, in order", async () => {
  const { calls, append } = manualAppend();
  const group = new GroupAppend(append);
  const first = group.push(["a"]);
  assert.deepEqual(calls.map((c) => c.entries), [["a"]]);
  const rest = [group.push(["b", "c"]), group.push(["d"])];
  await tick();
  assert.equal(calls.length, 1, "nothing else goes out while a statement is in flight");
  calls[0].done();
  await first;
  await tick();
  assert.deepEqual(calls.map((c) => c.entries), [["a"], ["b", "c", "d"]]);
  calls[1].done();
  await Promise.all(rest);
});

test("a failed statement fails exactly the calls it carried; later calls still go out", async () => {
  const { calls, append } = manualAppend();
  const group = new GroupAppend(append);
  const first = group.push(["a"]);
  const second = group.push(["b"]);
  calls[0].done(new Error("db down"));
  await assert.rejects(first, /db down/);
  await tick();
  calls[1].done();
  await second;
  const third = group.push(["c"]);
  calls[2].done();
  await third;
  assert.deepEqual(calls.map((c) => c.entries), [["a"], ["b"], ["c"]]);
});

test("a statement carries at most maxEntries (one oversized call still goes out whole)", async () => {
  const { calls, append } = manualAppend();
  const group = new GroupAppend(append, 3);
  const all = [group.push(["x"]), group.push(["a", "b"]), group.push(["c", "d"]), group.push(["e", "f", "g", "h"])];
  for (let i = 0; i < 4; i++) {
    await tick();
    calls[i]?.done();
  }
  await Promise.all(all);
  assert.deepEqual(calls.map((c) => c.entries), [["x"], ["a", "b"], ["c", "d"], ["e", "f", "g", "h"]]);
});
