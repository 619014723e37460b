import "reflect-metadata";
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { renderSdl, SDL_PATH } from "../../src/server/schema-sdl";

test("schema/schema.graphql is what the code defines (run `npm run schema` after changing the API)", async () => {
  assert.equal(readFileSync(SDL_PATH, "utf8"), await renderSdl());
});
