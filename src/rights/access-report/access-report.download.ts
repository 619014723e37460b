import { strToU8, zipSync } from "fflate";
import type { AccessReportDocument } from "./access-report.document";
import { accessReportCsv } from "./access-report.csv";

export const ACCESS_REPORT_DOWNLOAD_FORMATS = ["zip", "json"] as const;
export type AccessReportDownloadFormat = (typeof ACCESS_REPORT_DOWNLOAD_FORMATS)[number];

/** The JSON document's name, alone or inside the zip. */
export const ACCESS_REPORT_JSON_NAME = "access-report.json";

/** A file to send: its bytes, media type and the name a browser saves it under. */
export interface AccessReportDownload {
  contentType: string;
  fileName: string;
  body: Buffer;
}

// A fixed time inside the zip (its entries' modification time; the zip format cannot store before 1980), so the
// archive's bytes follow from the report alone. When the report was made is in report.csv and the document.
const ZIP_ENTRY_TIME = new Date("1980-01-01T00:00:00Z");

/**
 * The access report as one file: a zip of the CSV files (exactly accessReportCsv's, so a `accessReport(format:
 * CSV)` and the download never differ) plus the JSON document, or the JSON document alone.
 */
export function accessReportDownload(doc: AccessReportDocument, format: AccessReportDownloadFormat): AccessReportDownload {
  const json = JSON.stringify(doc, null, 2);
  const base = `access-report-${doc.subject.id}-${doc.generatedAt.slice(0, 10)}`;
  if (format === "json") return { contentType: "application/json; charset=utf-8", fileName: `${base}.json`, body: Buffer.from(json, "utf8") };
  const entries = Object.fromEntries([
    ...accessReportCsv(doc).map((f) => [f.name, strToU8(f.content)] as const),
    [ACCESS_REPORT_JSON_NAME, strToU8(json)] as const,
  ]);
  return { contentType: "application/zip", fileName: `${base}.zip`, body: Buffer.from(zipSync(entries, { level: 6, mtime: ZIP_ENTRY_TIME })) };
}
