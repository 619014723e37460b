import { Arg, Query, Resolver } from "type-graphql";
import { GraphQLJSONObject } from "graphql-scalars";
import { POLICY_VERSION } from "../policy/policy-version";
import { policyDocument } from "./policy-document";
import type { StatementService } from "./statement.service";
import { PrivacyStatementVersion, ProcessingRegister, RegisterFormat } from "./statement.type";

/** Thin: the permission rules decide who may call; the documents are generated from src/policy. */
@Resolver()
export class StatementResolver {
  constructor(private readonly statements: StatementService) {}

  @Query(() => [PrivacyStatementVersion], { nullable: true, description: "Every published version of the privacy statement, newest first" })
  privacyStatements() {
    return this.statements.list();
  }

  @Query(() => ProcessingRegister, { nullable: true, description: "The record of processing activities (GDPR art. 30), per purpose (privacy officer)" })
  processingRegister(@Arg("format", () => RegisterFormat, { defaultValue: RegisterFormat.JSON }) format: RegisterFormat): ProcessingRegister {
    return { format, policyVersion: POLICY_VERSION, content: this.statements.register(format) };
  }

  @Query(() => GraphQLJSONObject, { nullable: true, description: "The machine-readable policy: purposes, categories, matrix, masks, retention, roles, legal bases" })
  policy(): Record<string, unknown> {
    return policyDocument();
  }
}
