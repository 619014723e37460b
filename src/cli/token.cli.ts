import { parseArgs } from "node:util";
import { loadConfig } from "../config/config";
import { TokenService } from "../auth/token.service";
import { isRole, ROLES } from "../policy/roles";
import { isUuid } from "../common/uuid";

const USAGE = `Prints a development token signed with JWT_SECRET (or the built-in development secret).
Production tokens come from the identity provider.

Usage:  TOKEN=$(npm run --silent token -- --role <role> [options])

  --role <role>       one of: ${ROLES.join(", ")}
  --subject <uuid>    the customer's subject id (required for --role customer)
  --sub <actor>       the token's subject claim (default: dev-<role>, or customer:<subject id>)
  --expires <time>    lifetime: a number with s, m, h or d (default: 8h)
  --help              this text
`;

/** A subset of jose's time spans that reads unambiguously on a command line. */
const LIFETIME = /^[1-9]\d*[smhd]$/;

/** A command-line mistake: printed with the usage hint, exit code 2. */
class UsageError extends Error {}

async function main() {
  let values;
  try {
    ({ values } = parseArgs({
      options: {
        role: { type: "string" },
        subject: { type: "string" },
        sub: { type: "string" },
        expires: { type: "string", default: "8h" },
        help: { type: "boolean", short: "h" },
      },
    }));
  } catch (err) {
    throw new UsageError(err instanceof Error ? err.message : String(err)); // names the unknown option
  }
  if (values.help) {
    process.stdout.write(USAGE);
    return;
  }
  if (!isRole(values.role)) throw new UsageError(`--role must be one of: ${ROLES.join(", ")}`);
  if (values.role === "customer" && !values.subject) throw new UsageError("--subject <subject id> is required for role customer");
  // The gateway refuses a customer token whose subject is not a UUID: refuse to mint one.
  if (values.subject !== undefined && !isUuid(values.subject)) throw new UsageError("--subject must be a subject id (a UUID)");
  if (!LIFETIME.test(values.expires)) throw new UsageError("--expires must be a number followed by s, m, h or d (e.g. 8h)");
  const config = loadConfig();
  const tokens = new TokenService(config.jwt);
  const sub = values.sub ?? (values.role === "customer" ? `customer:${values.subject}` : `dev-${values.role}`);
  const token = await tokens.sign({ sub, role: values.role, subjectId: values.subject }, values.expires);
  process.stdout.write(token + "\n");
}

main().catch((err: unknown) => {
  const hint = err instanceof UsageError ? "\nRun with --help for usage." : "";
  process.stderr.write(`${err instanceof Error ? err.message : String(err)}${hint}\n`);
  process.exit(2);
});
