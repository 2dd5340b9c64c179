/** Runs tasks one after another, in the order they were queued; a failed task does not stop the next. */
export interface SerialQueue {
  run<T>(task: () => Promise<T>): Promise<T>;
}

export function createSerialQueue(): SerialQueue {
  let tail: Promise<unknown> = Promise.resolve();
  return {
    run<T>(task: () => Promise<T>): Promise<T> {
      const result = tail.then(task, task);
      tail = result.catch(() => undefined);
      return result;
    },
  };
}

let policyRuleQueue: SerialQueue | undefined;

/**
 * ZPA access-policy rules share one ordered rule list per policy set: concurrent writes race on the rule
 * order (ZPA answers `api.concurrent.access.error` or reorders rules). Every rule write in this process goes
 * through this one queue. Created on first use, so nothing is captured when the provider is serialised.
 */
export function policyRuleWriteQueue(): SerialQueue {
  policyRuleQueue ??= createSerialQueue();
  return policyRuleQueue;
}
