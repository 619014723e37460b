import { test } from "node:test";
import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";

/**
 * The layer order is written once, in the README's Layout section ("Layers, lowest first: a → b c → …"):
 * a folder of src/ may import from the layers below its own, never from its own layer's other folders or
 * from above. A folder the line does not name is reported, not allowed (as a missing classification is).
 */
const repo = path.resolve(__dirname, "..", "..", "..");
const src = path.join(repo, "src");

function layerOrder(): Map<string, number> {
  const readme = readFileSync(path.join(repo, "README.md"), "utf8");
  const line = /^Layers, lowest first: (.+)$/m.exec(readme);
  assert.ok(line, "README's Layout section states the layers (a line starting 'Layers, lowest first: ')");
  const rank = new Map<string, number>();
  line[1].split("→").forEach((layer, i) => {
    for (const folder of layer.replace(/[`,]/g, " ").trim().split(/\s+/)) rank.set(folder, i);
  });
  return rank;
}

function* sourceFiles(dir: string): Generator<string> {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) yield* sourceFiles(p);
    else if (e.name.endsWith(".ts")) yield p;
  }
}

/** The top folder of src/ a path is in; "main" for the files at the root of src/ (the entry point). */
const folderOf = (file: string) => {
  const parts = path.relative(src, file).split(path.sep);
  return parts.length > 1 ? parts[0] : "main";
};

test("no module imports from its own layer's other folders or from a layer above (README, Layout)", () => {
  const rank = layerOrder();
  const wrong: string[] = [];
  const unnamed = new Set<string>();
  for (const file of sourceFiles(src)) {
    const from = folderOf(file);
    if (!rank.has(from)) unnamed.add(from);
    const text = readFileSync(file, "utf8");
    for (const m of text.matchAll(/(?:import|export)[^'";]*?from\s+["'](\.[^"']+)["']|import\(\s*["'](\.[^"']+)["']\s*\)/g)) {
      const target = path.resolve(path.dirname(file), m[1] ?? m[2]);
      if (path.relative(src, target).startsWith("..")) continue; // migrations/, outside the layers
      const to = folderOf(target + ".ts");
      if (to === from) continue;
      if (!((rank.get(to) ?? Infinity) < (rank.get(from) ?? -Infinity))) wrong.push(`${path.relative(repo, file)}: ${from} → ${to}`);
    }
  }
  assert.deepEqual([...unnamed], [], "every folder of src/ has a layer in the README");
  assert.deepEqual(wrong, []);
});
