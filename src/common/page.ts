/** A Relay cursor-connection page (forward paging), as every list of the API returns it. */
export interface Page<T> {
  edges: { cursor: string; node: T }[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
}

/**
 * The page for `edges`, read from `fetched` rows where `first` were asked: lists fetch one row more than
 * asked, and only that extra row says whether a next page exists.
 */
export const pageOf = <T>(edges: Page<T>["edges"], fetched: number, first: number): Page<T> => ({
  edges,
  pageInfo: { hasNextPage: fetched > first, endCursor: edges.at(-1)?.cursor ?? null },
});
