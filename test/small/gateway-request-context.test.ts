import { test } from "node:test";
import assert from "node:assert/strict";
import { ApolloServer, HeaderMap } from "@apollo/server";
import type { GatewayGraphQLRequestContext } from "@apollo/server-gateway-interface";
import { buildSchema, printSchema } from "graphql";

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
    const res = await apollo.executeHTTPGraphQLRequest({
      httpGraphQLRequest: {
        method: "POST",
        headers: new HeaderMap([["content-type", "application/json"]]),
        search: "",
        body: { query: "{ ok }" },
      },
      context: async () => ({}),
    });
    assert.equal(res.status, 418);
    assert.equal(res.body.kind === "complete" ? res.body.string : "", '{"data":{"ok":true}}\n');
    const http = seen?.response?.http;
    assert.ok(http);
    assert.equal(Object.getOwnPropertyDescriptor(http, "status"), undefined, "status is not an own accessor: the patch is applied");
  } finally {
    await apollo.stop();
  }
});
