/**
 * What a dynamic provider's check or diff receives for an input whose value is not known yet (a preview before
 * the resource it comes from exists): @pulumi/pulumi's `runtime/rpc` unknownValue. Written out here because
 * provider code is serialised into the state and should not reach into the SDK's internals.
 */
export const UNKNOWN_INPUT = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

/** Whether an input (or any value inside it) is not known yet, so a check on it has to wait for the update. */
export function isUnknownInput(value: unknown): boolean {
  if (value === UNKNOWN_INPUT) return true;
  if (Array.isArray(value)) return value.some(isUnknownInput);
  if (value !== null && typeof value === "object") return Object.values(value).some(isUnknownInput);
  return false;
}
