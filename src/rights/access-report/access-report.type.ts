import { Field, ID, ObjectType, registerEnumType } from "type-graphql";
import { GraphQLJSONObject } from "graphql-scalars";
import { NotPersonalData, PrivacyRecord } from "../../policy/field-classification";
import type { AccessReportDocument } from "./access-report.document";

export enum AccessReportFormat {
  /** One versioned JSON document (`json`). */
  JSON = "JSON",
  /** CSV files, one per source table plus the policy facts (`files`). */
  CSV = "CSV",
}
registerEnumType(AccessReportFormat, {
  name: "AccessReportFormat",
  description: "How the access report is delivered",
  valuesConfig: {
    JSON: { description: "One versioned JSON document in `json`" },
    CSV: { description: "CSV files (RFC 4180) in `files`: one per source table, plus categories and choices" },
  },
});

@ObjectType({ simpleResolvers: true, description: "One CSV file of an access report (RFC 4180, UTF-8, CRLF)" })
export class CsvFile {
  @NotPersonalData("a fixed file name such as invoices.csv") @Field(() => String) name: string;

  @PrivacyRecord()
  @Field(() => String, { nullable: true, description: "The file's text; the subject's own data" })
  content: string | null;
}

/**
 * The access report (GDPR art. 15) and data export (art. 20). The document and the files are the subject's
 * own data, delivered for DATA_SUBJECT_RIGHTS only: classified as the gateway's privacy record as a whole.
 */
@ObjectType({ simpleResolvers: true, description: "Everything the company holds about one subject (GDPR art. 15, 20)" })
export class AccessReport {
  @NotPersonalData("the report format's version")
  @Field(() => String, { description: "Version of the report format; changes when a field changes meaning" })
  formatVersion: string;

  @NotPersonalData("when the report was made") @Field(() => Date) generatedAt: Date;

  @NotPersonalData("opaque gateway id the caller named") @Field(() => ID) subjectId: string;

  @PrivacyRecord()
  @Field(() => GraphQLJSONObject, { nullable: true, description: "The report document (format JSON)" })
  json: AccessReportDocument | null;

  @PrivacyRecord()
  @Field(() => [CsvFile], { nullable: true, description: "The report as CSV files (format CSV)" })
  files: CsvFile[] | null;
}
