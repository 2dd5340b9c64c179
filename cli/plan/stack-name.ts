import { UsageError } from "../errors";
import { escapeText } from "../output";

/**
 * Pulumi's stack-name rule (pulumi/pulumi sdk/go/common/tokens: `^[A-Za-z0-9_.-]{1,100}$`), plus what makes a
 * name unusable as a directory: `.` and `..` would put `<out>/<stack>/` at or above `--out`.
 */
export const STACK_NAME = /^[A-Za-z0-9_.-]{1,100}$/;

export function stackNameProblem(stack: string): string | undefined {
  if (stack === "." || stack === "..") return `${JSON.stringify(stack)} is not a stack name (it would name a directory above --out)`;
  if (!STACK_NAME.test(stack)) return `${escapeText(JSON.stringify(stack))} is not a Pulumi stack name (1 to 100 letters, digits, -, _ or .)`;
  return undefined;
}

export function checkStackName(stack: string, where: string, fix = "use letters, digits, -, _ and ."): void {
  const problem = stackNameProblem(stack);
  if (problem) throw new UsageError(`${where} ${problem}; ${fix}`);
}
