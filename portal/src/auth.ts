/**
 * The one place the page obtains the customer's token.
 *
 * Production: the company's identity provider (OpenID Connect) signs the customer in and redirects back to
 * `/portal/#access_token=<JWT>`; the gateway verifies that token against the provider's keys (JWT_JWKS_URL,
 * JWT_ISSUER, JWT_AUDIENCE) and reads `role: "customer"` and `subject_id` from it. Set IDP_AUTHORIZE_URL to the
 * provider's authorisation endpoint with this portal as redirect URI (README, "Customer portal").
 * Development: `POST /portal/dev-login` (absent when NODE_ENV=production) signs a 30-minute token for a demo customer.
 */
export const IDP_AUTHORIZE_URL: string | null = null;

export interface Session { token: string; subjectId: string }

/** A token handed back by the identity provider in the URL fragment, removed from the address bar at once. */
export function tokenFromRedirect(): string | null {
  const token = new URLSearchParams(location.hash.slice(1)).get("access_token");
  if (token) history.replaceState(null, "", location.pathname);
  return token;
}

export async function obtainCustomerToken(): Promise<Session> {
  const fromIdp = tokenFromRedirect();
  if (fromIdp) return { token: fromIdp, subjectId: subjectOf(fromIdp) };
  if (IDP_AUTHORIZE_URL) {
    location.assign(IDP_AUTHORIZE_URL);
    return new Promise(() => {}); // the page is left for the provider's log-in
  }
  const res = await fetch("/portal/dev-login", { method: "POST" });
  if (!res.ok) throw new Error(`dev-login ${res.status}`);
  return (await res.json()) as Session;
}

/** The subject the token names (the gateway checks the signature; the page only needs the id for its mutations). */
function subjectOf(token: string): string {
  const payload = JSON.parse(atob(token.split(".")[1].replace(/-/g, "+").replace(/_/g, "/"))) as { subject_id?: string };
  if (!payload.subject_id) throw new Error("not a customer token");
  return payload.subject_id;
}
