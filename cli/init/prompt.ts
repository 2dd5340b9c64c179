import { createInterface } from "node:readline";

/** Ctrl+C or Ctrl+D at a prompt: the person chose to stop, not an error. */
export class InitCancelled extends Error {
  constructor() {
    super("cancelled");
  }
}

/**
 * One question at a time on the terminal. Ctrl+C (SIGINT while reading) and Ctrl+D (end of input) reject the
 * pending question with InitCancelled, so the command can end with exit 130 and one line, having written nothing.
 */
export function terminalPrompt(input: NodeJS.ReadableStream, output: NodeJS.WritableStream): ((q: string) => Promise<string>) & { close(): void } {
  const rl = createInterface({ input, output, terminal: true });
  let pending: { resolve: (s: string) => void; reject: (e: Error) => void } | undefined;
  let closed = false;
  const cancel = () => {
    closed = true;
    pending?.reject(new InitCancelled());
    pending = undefined;
  };
  rl.on("SIGINT", () => {
    rl.close();
    cancel();
  });
  rl.on("close", cancel);
  const ask = (q: string) =>
    new Promise<string>((resolve, reject) => {
      if (closed) return reject(new InitCancelled());
      pending = { resolve, reject };
      rl.question(q, (answer) => {
        pending = undefined;
        resolve(answer.trim());
      });
    });
  return Object.assign(ask, { close: () => rl.close() });
}
