// Preloaded (`node --require`) into every process `npm run bench` measures: on exit, appends the process's own
// CPU time and peak RSS to the file named by KIS_BENCH_USAGE. Plain JavaScript, so it adds no loader cost.
const { appendFileSync } = require("node:fs");
const file = process.env.KIS_BENCH_USAGE;
if (file) {
  process.on("exit", () => {
    const u = process.resourceUsage();
    appendFileSync(file, `${JSON.stringify({ cpuMs: (u.userCPUTime + u.systemCPUTime) / 1000, maxRssKiB: u.maxRSS })}\n`);
  });
}
