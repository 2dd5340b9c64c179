import { afterEach, describe, expect, it } from "vitest";
import { fetchJwksOverHttps, getJwksFetcher, parseJwks, setJwksFetcher } from "../../../../components/kong";

describe("parseJwks", () => {
  it("accepts a key set and names the source when the document is not one", () => {
    expect(parseJwks({ keys: [{ kty: "RSA", kid: "a" }] }, "x").keys).toHaveLength(1);
    expect(() => parseJwks({ keys: "nope" }, "https://idp/keys")).toThrow(/https:\/\/idp\/keys is not a JSON Web Key Set/);
    expect(() => parseJwks({ keys: [{ kid: "no-kty" }] }, "s")).toThrow(/not a JSON Web Key Set/);
    expect(() => parseJwks(null, "s")).toThrow(/not a JSON Web Key Set/);
  });
});

describe("fetchJwksOverHttps", () => {
  it("refuses to fetch signing keys over plain http (without touching the network)", async () => {
    await expect(fetchJwksOverHttps("http://login.example.com/keys")).rejects.toThrow(/non-https/);
  });
});

describe("setJwksFetcher", () => {
  afterEach(() => setJwksFetcher(undefined));

  it("replaces the fetcher in effect and restores the https one when given undefined", async () => {
    setJwksFetcher(async (uri) => ({ keys: [{ kty: "RSA", kid: uri }] }));
    expect((await getJwksFetcher()("https://idp/keys")).keys[0]!.kid).toBe("https://idp/keys");
    setJwksFetcher(undefined);
    // Back to the https fetcher (it refuses plain http before touching the network).
    await expect(getJwksFetcher()("http://idp/keys")).rejects.toThrow(/non-https/);
  });
});
