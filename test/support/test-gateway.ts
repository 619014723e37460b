import type { AddressInfo } from "node:net";
import type { AppConfig } from "../../src/config/config";
import type { Databases } from "../../src/db/data-sources";
import { createGateway, type Gateway } from "../../src/server/app";
import { TokenService } from "../../src/auth/token.service";
import type { Role } from "../../src/policy/roles";
import { openTestDatabases, testConfig } from "./test-databases";
import { SettableClock } from "../../src/common/clock";

/** A purpose each role may declare (the customer declares none): for tests that try an operation as every role. */
export const A_PURPOSE_OF: Readonly<Record<Role, string | undefined>> = {
  customer: undefined, support: "CONTACT", billing: "SERVICE_BILLING", analyst: "ANALYTICS",
  finance: "LEGAL_TAX", privacy_officer: "DATA_SUBJECT_RIGHTS", legal_officer: "LEGAL_DISCLOSURE",
};

export interface GraphQLResponse<T = Record<string, unknown>> {
  status: number;
  body: { data?: T | null; errors?: { message: string; path?: (string | number)[]; extensions?: Record<string, unknown> }[] };
}

/** A real gateway on a real port over fresh test databases; requests go through HTTP like a client's. */
export class TestGateway {
  private constructor(
    readonly gateway: Gateway,
    readonly dbs: Databases,
    readonly config: AppConfig,
    readonly url: string,
    readonly tokens: TokenService,
    /** The gateway's clock: follows the wall clock until a test sets it (then every deadline and retention date follows). */
    readonly clock: SettableClock,
  ) {}

  /** `fresh: false` keeps what an earlier gateway left in the databases (a restart; server engine only). */
  static async start(overrides: Record<string, string> = {}, { fresh = true, clock = new SettableClock() } = {}): Promise<TestGateway> {
    const config = testConfig(overrides);
    const dbs = await openTestDatabases(config, { fresh });
    const gateway = await createGateway(config, dbs, { clock });
    await gateway.app.listen({ host: "127.0.0.1", port: 0 });
    const { port } = gateway.app.server.address() as AddressInfo;
    return new TestGateway(gateway, dbs, config, `http://127.0.0.1:${port}`, new TokenService(config.jwt), clock);
  }

  token(role: Role, subjectId?: string): Promise<string> {
    return this.tokens.sign({ sub: `test-${role}`, role, subjectId });
  }

  /** Request options for a caller: a token for `role` and, for staff, the declared purpose. */
  async as(role: Role, purpose?: string, subjectId?: string): Promise<{ token: string; purpose?: string }> {
    return { token: await this.token(role, subjectId), purpose };
  }

  async graphql<T = Record<string, unknown>>(
    query: string,
    opts: { token?: string; purpose?: string; variables?: Record<string, unknown>; headers?: Record<string, string> } = {},
  ): Promise<GraphQLResponse<T>> {
    const res = await fetch(`${this.url}/graphql`, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        ...(opts.token ? { authorization: `Bearer ${opts.token}` } : {}),
        ...(opts.purpose ? { "x-purpose": opts.purpose } : {}),
        ...opts.headers,
      },
      body: JSON.stringify({ query, variables: opts.variables }),
    });
    return { status: res.status, body: (await res.json()) as GraphQLResponse<T>["body"] };
  }

  async close(): Promise<void> {
    await this.gateway.app.close();
    await this.dbs.close();
  }
}
