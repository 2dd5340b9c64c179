import type { IdentityContract } from "../../contract";

/**
 * Which identity provider a bearer token claims to come from, as a Kong route condition.
 *
 * Kong's router cannot read JWT claims, and one `openid-connect` instance per route reads audience, scopes and
 * groups under one claim name each. During a cut-over between IdPs whose tokens name those claims differently
 * (Entra `roles`/`azp`, Okta `groups`/`cid`, Cognito `cognito:groups`/`client_id`), each protected route is
 * therefore emitted once per provider, and the copies are told apart by a header condition on
 * `Authorization`: a regular expression that matches the base64url text of `"iss":"<issuer>"` inside the
 * token's payload segment. A JSON substring starting at any byte offset has exactly three base64 spellings
 * (one per offset modulo 3), so the expression is their alternation.
 *
 * The selection is only a routing hint read from an unverified token. It decides which provider's plugin
 * judges the token; that plugin then verifies signature, `iss`, audience or client, scopes and groups of that
 * provider alone. A token that names one issuer but was signed by another provider fails there, and a token
 * that matches no selector meets the first provider's plugin (and fails unless it is that provider's).
 *
 * Kong lower-cases the header before matching (traditional router) or both header and pattern (the default
 * traditional_compatible / ATC router), so the pattern is written in lower case, uses no upper-case escapes,
 * and stays within the syntax PCRE and Rust's regex crate share.
 */
export const ISSUER_SELECTOR_HEADER = "authorization";

/** The JSON member a token payload carries, in the compact form the IdPs emit (no spaces, `/` unescaped). */
export function issuerMember(issuer: string): string {
  return `"iss":${JSON.stringify(issuer)}`;
}

/**
 * The base64url spellings of `text` when it starts at a byte offset ≡ 0, 1, 2 (mod 3) of the encoded data:
 * only the characters whose six bits all come from `text` (the edge characters mix in neighbouring bytes).
 */
export function base64urlSpellings(text: string): [string, string, string] {
  const bytes = Buffer.from(text, "utf8");
  const spell = (shift: number) => {
    const padded = Buffer.concat([Buffer.alloc(shift), bytes]);
    const encoded = padded.toString("base64url");
    const first = Math.ceil((8 * shift) / 6);
    const last = Math.floor((8 * padded.length) / 6);
    return encoded.slice(first, last);
  };
  return [spell(0), spell(1), spell(2)];
}

/** The Kong header-regex value (`~*` prefix) that selects tokens naming `issuer` in their payload. */
export function issuerSelectorPattern(issuer: string): string {
  const spellings = base64urlSpellings(issuerMember(issuer)).map((s) => s.toLowerCase());
  // The header is `Bearer <header>.<payload>.<signature>`; the alternation must lie inside the payload.
  return `~*^bearer +[a-z0-9_-]+\\.[a-z0-9_-]*(?:${spellings.join("|")})`;
}

/** Kong route name of a route's copy for a provider other than the first; `.` cannot occur in a route slug. */
export function providerRouteName(routeName: string, contract: IdentityContract): string {
  return `${routeName}.${contract.name}`;
}

/** Refuses contracts Kong could not tell apart by issuer (each token must map to exactly one provider). */
export function assertDistinctIssuers(contracts: readonly IdentityContract[]): void {
  const seen = new Map<string, string>();
  for (const c of contracts) {
    const other = seen.get(c.issuer);
    if (other !== undefined) {
      throw new Error(
        `identity providers ${other} and ${c.name} share the issuer ${c.issuer}; Kong and checkClaims tell providers apart by issuer, ` +
          "so a cut-over needs two issuers (another tenant, token version, authorization server or user pool)",
      );
    }
    seen.set(c.issuer, c.name);
  }
}
