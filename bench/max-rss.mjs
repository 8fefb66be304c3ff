// Preloaded into a measured process: reports its peak resident set size on stderr as it exits.
process.on('exit', () => {
  process.stderr.write(`\ncbsim-bench-max-rss ${process.resourceUsage().maxRSS}\n`);
});
