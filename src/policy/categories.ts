import type { SourceName } from "../config/config";

/** The kinds of personal data the company holds (SPEC §3). Every personal-data field declares exactly one. */
export enum DataCategory {
  NAME = "NAME",
  ADDRESS = "ADDRESS",
  GENDER = "GENDER",
  PHONE = "PHONE",
  EMAIL = "EMAIL",
  /** Username and MFA flag. Password hashes and secrets are never returned to anyone. */
  CREDENTIALS = "CREDENTIALS",
  ACCOUNT_ACTIVITY = "ACCOUNT_ACTIVITY",
  PAYMENT = "PAYMENT",
  IP_ADDRESS = "IP_ADDRESS",
  /** Free-text notes ("other data you give us") and the contract dates. */
  OTHER = "OTHER",
}

export const DATA_CATEGORIES: readonly DataCategory[] = Object.values(DataCategory);

export interface CategoryInfo {
  description: string;
  /** Where the data lives: the access report names the source per category. */
  sources: readonly SourceName[];
}

export const CATEGORY_INFO: Readonly<Record<DataCategory, CategoryInfo>> = {
  NAME: { description: "Name and customer number", sources: ["crm"] },
  ADDRESS: { description: "Postal address (NAW)", sources: ["crm"] },
  GENDER: { description: "Gender, given optionally", sources: ["crm"] },
  PHONE: { description: "Telephone number", sources: ["crm"] },
  EMAIL: { description: "E-mail address", sources: ["crm"] },
  CREDENTIALS: { description: "Login account: username, MFA flag", sources: ["auth"] },
  ACCOUNT_ACTIVITY: { description: "Login events and web requests", sources: ["auth", "weblog"] },
  PAYMENT: { description: "Invoices, payments and payment methods", sources: ["billing"] },
  IP_ADDRESS: { description: "IP addresses in login events and web logs", sources: ["auth", "weblog"] },
  OTHER: { description: "Other data: notes the customer gives us, contract dates", sources: ["crm"] },
};
