import "reflect-metadata";
import { writeFileSync } from "node:fs";
import { renderSdl, SDL_PATH } from "../server/schema-sdl";

/** `npm run schema` writes the SDL that the code defines to schema/schema.graphql. */
renderSdl().then(
  (sdl) => {
    writeFileSync(SDL_PATH, sdl);
    process.stdout.write(`wrote ${SDL_PATH}\n`);
  },
  (err: unknown) => {
    process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  },
);
