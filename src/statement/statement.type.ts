import { Field, ObjectType, registerEnumType } from "type-graphql";
import { NotPersonalData } from "../policy/field-classification";
import { RegisterFormat } from "./processing-register.render";

registerEnumType(RegisterFormat, { name: "RegisterFormat", description: "How the processing register is rendered" });

export { RegisterFormat };

@ObjectType({ simpleResolvers: true, description: "The hash of one published text of the privacy statement" })
export class PrivacyStatementText {
  @NotPersonalData("a language code") @Field(() => String, { description: "nl or en" }) language: string;
  @NotPersonalData("a format name") @Field(() => String, { description: "html or markdown" }) format: string;
  @NotPersonalData("a hash of a public text") @Field(() => String, { description: "SHA-256 (hex) of the text as served" }) sha256: string;
}

@ObjectType({ simpleResolvers: true, description: "A published version of the privacy statement (its version is the policy's)" })
export class PrivacyStatementVersion {
  @NotPersonalData("a policy version") @Field(() => String) version: string;
  @NotPersonalData("a publication time") @Field(() => Date, { description: "When this version was first published" }) publishedAt: Date;
  @NotPersonalData("language codes") @Field(() => [String]) languages: string[];
  @NotPersonalData("hashes of public texts") @Field(() => [PrivacyStatementText]) texts: PrivacyStatementText[];
}

@ObjectType({ simpleResolvers: true, description: "The record of processing activities (GDPR art. 30), generated from the policy" })
export class ProcessingRegister {
  @NotPersonalData("a format name") @Field(() => RegisterFormat) format: RegisterFormat;
  @NotPersonalData("a policy version") @Field(() => String) policyVersion: string;
  @NotPersonalData("the register: purposes, categories, rules; no subject's data")
  @Field(() => String, { description: "The register in the format asked for (JSON text, CSV or Markdown)" })
  content: string;
}
