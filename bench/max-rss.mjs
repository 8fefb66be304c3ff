// Preloaded into a measured process: reports its peak resident set size (KB) and its CPU time (user + system, µs) on stderr as it exits.
process.on('exit', () => {
  const usage = process.resourceUsage();
  process.stderr.write(`\ncbsim-bench-max-rss ${usage.maxRSS}\ncbsim-bench-cpu ${usage.userCPUTime + usage.systemCPUTime}\n`);
});
