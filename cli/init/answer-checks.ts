import type { z } from "zod";
import { hostname, httpUrl } from "../../infra/config/primitives";

/** The schema's own message for a bad answer (the stack file is checked by the same rules later), or undefined. */
const problemOf = (schema: z.ZodType, value: string) => {
  const result = schema.safeParse(value);
  return result.success ? undefined : result.error.issues[0]?.message;
};

export const hostnameProblem = (value: string) => problemOf(hostname, value);
export const upstreamProblem = (value: string) => problemOf(httpUrl, value);
