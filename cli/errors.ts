/** A mistake in how `kis` was called or configured: exit 2 with one line, never a stack trace. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "UsageError";
  }
}
