import type { JsonWebKeySet } from "../../components/kong";

/**
 * Public keys the offline plan uses in place of an IdP's JWKS, so the OSS edition's credentials can be
 * rendered without network access. Public material only (the private halves were never kept).
 */
export const OFFLINE_JWKS: JsonWebKeySet = {
  "keys": [
    {
      "kty": "RSA",
      "use": "sig",
      "alg": "RS256",
      "kid": "kis-plan-key-1",
      "n": "vr2mtvla1gLegOh0U9bgbZRPShPn-1bhvu84kFuEobtBuWZY4SxjnlHDE8Cs0p3NTcERfbnUARNQkE_MJ_hCGbXovMPIIpw3BK94NOZbc0Yr1zDNoS4nI06kWTrE9zkDipQgpjA6yf8T-znRp78arYVzOM9id8QC-Qoe-mAK8RGkr4nNtn90yZ-SHD39B6WAvNn6kDPToyVPD4y4KNl6tBPbrPatZlK7uViPW_4HfS3H0bFm_MMGYgW96vOhpdlXX3egLCYcO7ixxsKPD75xrFSVdlp9G7QiyySv5SqEqacsHCQiLHPuLTYT1l_MUTmzcgnXaL75lyVs-cCEQRBL0Q",
      "e": "AQAB"
    },
    {
      "kty": "RSA",
      "use": "sig",
      "alg": "RS256",
      "kid": "kis-plan-key-2",
      "n": "5JbKk-isENDBFTfACAFL3V9q-D7IaFaz3JiHnx_k9u1kRgteHoVoqOjLbHbUGS-FAhy4bi5Lh_CuxwOMfVo5qnchd6RvN8cUx4i6oIbbz0ZjyyhWnIw3gGEP6POGBuZD1AJtNSHI7XHACY8-Pdd04RfBq28SfTEyDNUyIbQWPboYywnePPyN3Pd2etFUopI8JR6lQesrWpNaYl8Xn6zsP4g8iHJrNLUYvltobGOhDP1ThqVKqDvawRmYwFwwMm3uU3JqL8NrLpatfBoJXNEyFJ-cUCPBuxGgFiEr8C9aKL2mLsqqVWvwDz2D5kzYcZyrUTFYQ8no__8-llS8w-C1HQ",
      "e": "AQAB"
    }
  ]
};
