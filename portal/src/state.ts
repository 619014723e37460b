import { policyWords, type PolicyWords } from "./policy-words";
import { gql, type ErasurePreview, type IpLogPage, type Me, type PrivacyRequest, type Results } from "./api";

/** What the page holds for the logged-in customer; reloaded from the gateway after every change. */
export interface State {
  token: string;
  subjectId: string;
  me: Me | null;
  ipLog: IpLogPage["edges"];
  ipNext: string | null;
  requests: PrivacyRequest[];
  /** What an erasure would do, asked when the erase view opens (after any change it is asked again). */
  erasurePreview: ErasurePreview | null;
  /** The policy's words (asked once per log-in: the policy changes with a new gateway version, not during a visit). */
  words: PolicyWords | null;
}

/** The cursor of the IP log's next page; null on the last. */
const nextCursor = (ip: Results["MyIpLog"]): string | null => (ip.me?.ipLog?.pageInfo.hasNextPage ? ip.me.ipLog.pageInfo.endCursor : null);

export async function reload(s: State): Promise<void> {
  // Not the access report: asking for it is an access request of its own (recorded, listed under "my requests");
  // `me.processing` says the same about purposes, and the report is asked only when the customer downloads it.
  const [words, data, ip, requests] = await Promise.all([
    s.words ?? gql(s.token, "MyPolicy").then((r) => policyWords(r.policy)),
    gql(s.token, "MyData"),
    gql(s.token, "MyIpLog", {}),
    myRequests(s.token),
  ]);
  s.requests = requests;
  s.erasurePreview = null;
  s.words = words;
  s.me = data.me;
  s.ipLog = ip.me?.ipLog?.edges ?? [];
  s.ipNext = nextCursor(ip);
}

export async function moreIpLog(s: State): Promise<void> {
  const ip = await gql(s.token, "MyIpLog", { after: s.ipNext });
  s.ipLog = [...s.ipLog, ...(ip.me?.ipLog?.edges ?? [])];
  s.ipNext = nextCursor(ip);
}

/** All of the customer's own rights requests (a handful), page by page as the gateway returns them. */
async function myRequests(token: string): Promise<PrivacyRequest[]> {
  const all: PrivacyRequest[] = [];
  let after: string | null = null;
  do {
    const page: Results["MyRequests"]["privacyRequests"] = (await gql(token, "MyRequests", { after })).privacyRequests;
    all.push(...(page?.edges ?? []).map((e) => e.node));
    after = page?.pageInfo.hasNextPage ? page.pageInfo.endCursor : null;
  } while (after);
  return all;
}

export async function loadErasurePreview(s: State): Promise<void> {
  s.erasurePreview = (await gql(s.token, "MyErasurePreview", { subjectId: s.subjectId })).erasurePreview;
}
