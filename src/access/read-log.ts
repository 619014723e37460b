import type { PurposeView } from "./purpose-view";

/**
 * What one request read, per subject, with the view it was read through. The audit plugin turns it into
 * audit entries once the response is known (which categories were selected is only known from the document).
 */
export class ReadLog {
  readonly subjects = new Map<string, PurposeView>();

  read(subjectId: string, view: PurposeView): void {
    this.subjects.set(subjectId, view);
  }
}
