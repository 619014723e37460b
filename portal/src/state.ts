import { gql, type IpLogPage, type Me, type ReportJson } from "./api";

/** What the page holds for the logged-in customer; reloaded from the gateway after every change. */
export interface State {
  token: string;
  subjectId: string;
  me: Me | null;
  report: ReportJson | null;
  ipLog: IpLogPage["edges"];
  ipNext: string | null;
}

export async function reload(s: State): Promise<void> {
  const [data, report, ip] = await Promise.all([
    gql(s.token, "MyData"),
    gql(s.token, "MyAccessReport", { subjectId: s.subjectId }),
    gql(s.token, "MyIpLog", {}),
  ]);
  s.me = data.me;
  s.report = report.accessReport?.json ?? null;
  s.ipLog = ip.me?.ipLog?.edges ?? [];
  s.ipNext = ip.me?.ipLog?.pageInfo.hasNextPage ? ip.me.ipLog.pageInfo.endCursor : null;
}

export async function moreIpLog(s: State): Promise<void> {
  const ip = await gql(s.token, "MyIpLog", { after: s.ipNext });
  s.ipLog = [...s.ipLog, ...(ip.me?.ipLog?.edges ?? [])];
  s.ipNext = ip.me?.ipLog?.pageInfo.hasNextPage ? ip.me.ipLog.pageInfo.endCursor : null;
}
