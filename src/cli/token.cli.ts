import { parseArgs } from "node:util";
import { loadConfig } from "../config/config";
import { TokenService } from "../auth/token.service";
import { isRole, ROLES } from "../policy/roles";

/**
 * `npm run token -- --role <role> [--subject <id>] [--sub <actor>] [--expires 8h]` prints a development
 * token signed with JWT_SECRET (or the built-in development secret). Production tokens come from the IdP.
 */
async function main() {
  const { values } = parseArgs({
    options: {
      role: { type: "string" },
      subject: { type: "string" },
      sub: { type: "string" },
      expires: { type: "string", default: "8h" },
    },
  });
  if (!isRole(values.role)) throw new Error(`--role must be one of: ${ROLES.join(", ")}`);
  if (values.role === "customer" && !values.subject) throw new Error("--subject <subject id> is required for role customer");
  const config = loadConfig();
  const tokens = new TokenService(config.jwt);
  const sub = values.sub ?? (values.role === "customer" ? `customer:${values.subject}` : `dev-${values.role}`);
  const token = await tokens.sign({ sub, role: values.role, subjectId: values.subject }, values.expires);
  process.stdout.write(token + "\n");
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(2);
});
