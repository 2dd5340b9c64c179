/** RFC 8725: public-key IdPs' tokens are verified with asymmetric algorithms only. */
export const ASYMMETRIC_ALGORITHMS: readonly string[] = [
  "RS256", "RS384", "RS512", "PS256", "PS384", "PS512", "ES256", "ES384", "ES512", "EdDSA",
];

export function isAsymmetric(alg: unknown): boolean {
  return typeof alg === "string" && ASYMMETRIC_ALGORITHMS.includes(alg);
}
