import { test } from "node:test";
import assert from "node:assert/strict";
import crypto from "node:crypto";
import { createRequire } from "node:module";
import Fastify from "fastify";
import { ApolloServer, HeaderMap } from "@apollo/server";
import fastifyApollo from "@as-integrations/fastify";
import type { GatewayGraphQLRequestContext } from "@apollo/server-gateway-interface";
import { buildSchema, printSchema } from "graphql";

/** Every patch in patches/ (see its README) is proved installed here: each test fails without its patch. */

/** Apollo's own copy of negotiator (not a dependency of ours), whose prototype the test below watches. */
const Negotiator = createRequire(require.resolve("@apollo/server"))("negotiator") as { prototype: { mediaType: unknown } };

/** Replaces `obj[key]` with a counting wrapper for the duration of `run`. */
async function counting<T extends object, K extends keyof T>(obj: T, key: K, run: (calls: () => number) => Promise<void>): Promise<void> {
  const original = obj[key] as (...a: unknown[]) => unknown;
  let n = 0;
  (obj as Record<K, unknown>)[key] = function (this: unknown, ...a: unknown[]) {
    n++;
    return original.apply(this, a);
  };
  try {
    await run(() => n);
  } finally {
    (obj as Record<K, unknown>)[key] = original;
  }
}

/** An Apollo server over a one-field schema (`{ ok }`), started; the caller stops it. */
async function okServer(): Promise<ApolloServer> {
  const apollo = new ApolloServer({ typeDefs: "type Query { ok: Boolean }", resolvers: { Query: { ok: () => true } } });
  await apollo.start();
  return apollo;
}

const post = (query: string, headers: [string, string][] = []) => ({
  httpGraphQLRequest: { method: "POST", headers: new HeaderMap([["content-type", "application/json"], ...headers]), search: "", body: { query } },
  context: async () => ({}),
});

/**
 * patches/@apollo+server (see patches/README.md): the request context Apollo hands a gateway executor keeps
 * `response.http.status` as an accessor on a class prototype instead of per-request closures. This proves
 * the patch is installed (a plain `npm ci` applies it) and that the status still reaches the HTTP answer.
 */
test("the gateway executor's response status is a prototype accessor that writes the HTTP status", async () => {
  const schema = buildSchema("type Query { ok: Boolean }");
  let seen: GatewayGraphQLRequestContext | undefined;
  const apollo = new ApolloServer({
    gateway: {
      async load() {
        return {
          executor: async (rc) => {
            seen = rc;
            const http = rc.response?.http;
            if (http) http.status = 418;
            return { data: { ok: http?.status === 418 } };
          },
        };
      },
      onSchemaLoadOrUpdate(callback) {
        callback({ apiSchema: schema, coreSupergraphSdl: printSchema(schema) });
        return () => {};
      },
      async stop() {},
    },
  });
  await apollo.start();
  try {
    const res = await apollo.executeHTTPGraphQLRequest(post("{ ok }"));
    assert.equal(res.status, 418);
    assert.equal(res.body.kind === "complete" ? res.body.string : "", '{"data":{"ok":true}}\n');
    const http = seen?.response?.http;
    assert.ok(http);
    assert.equal(Object.getOwnPropertyDescriptor(http, "status"), undefined, "status is not an own accessor: the patch is applied");
  } finally {
    await apollo.stop();
  }
});

test("an operation text seen before is not hashed again", async () => {
  const apollo = await okServer();
  try {
    const text = `{ ok } # ${crypto.randomUUID()}`;
    await counting(crypto, "createHash", async (calls) => {
      const first = await apollo.executeHTTPGraphQLRequest(post(text));
      const afterFirst = calls();
      const second = await apollo.executeHTTPGraphQLRequest(post(text));
      assert.equal(first.body.kind === "complete" && first.body.string, '{"data":{"ok":true}}\n');
      assert.equal(second.body.kind === "complete" && second.body.string, '{"data":{"ok":true}}\n');
      assert.equal(afterFirst, 1, "a new text is hashed once");
      assert.equal(calls(), afterFirst, "the same text again is not hashed again");
      // A text too long to be remembered (the map holds whole texts) is hashed every time.
      const long = `{ ok } # ${"x".repeat(9000)}`;
      await apollo.executeHTTPGraphQLRequest(post(long));
      await apollo.executeHTTPGraphQLRequest(post(long));
      assert.equal(calls(), afterFirst + 2);
    });
  } finally {
    await apollo.stop();
  }
});

test("a request without an Accept header is answered as JSON without content negotiation", async () => {
  const apollo = await okServer();
  try {
    await counting(Negotiator.prototype, "mediaType", async (calls) => {
      const res = await apollo.executeHTTPGraphQLRequest(post("{ ok }"));
      assert.equal(res.headers.get("content-type"), "application/json; charset=utf-8");
      assert.equal(calls(), 0);
      // With an Accept header the negotiation still happens and still decides the answer's type.
      const graphqlJson = await apollo.executeHTTPGraphQLRequest(post("{ ok }", [["accept", "application/graphql-response+json"]]));
      assert.equal(graphqlJson.headers.get("content-type"), "application/graphql-response+json; charset=utf-8");
      assert.ok(calls() > 0);
    });
  } finally {
    await apollo.stop();
  }
});

test("the Fastify integration passes the query string on without building a URL", async () => {
  const apollo = await okServer();
  const app = Fastify();
  try {
    await app.register(fastifyApollo(apollo));
    // The published integration parses `new URL(request.url, <protocol>://<host>/)` for every request.
    const url = "/graphql?query=%7B%20ok%20%7D";
    const Original = globalThis.URL;
    let parsed = 0;
    globalThis.URL = class extends Original {
      constructor(input: string | URL, base?: string | URL) {
        super(input, base);
        if (input === url) parsed++;
      }
    };
    try {
      // A GET operation is read from the query string alone: it arrives only if the search is passed on.
      const res = await app.inject({ method: "GET", url, headers: { "apollo-require-preflight": "1" } });
      assert.equal(res.statusCode, 200);
      assert.deepEqual(res.json(), { data: { ok: true } });
      assert.equal(parsed, 0);
    } finally {
      globalThis.URL = Original;
    }
  } finally {
    await app.close();
    await apollo.stop();
  }
});
