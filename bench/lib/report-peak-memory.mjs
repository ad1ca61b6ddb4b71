/**
 * Preloaded (`node --import`) into a measured command when GNU time is missing: writes the
 * process's peak resident set size, in kilobytes, to the file the harness names.
 */
import { writeFileSync } from 'node:fs';

const file = process.env['BROKERGEN_BENCH_PEAK_MEMORY'];
if (file !== undefined) {
  process.on('exit', () => {
    writeFileSync(file, String(process.resourceUsage().maxRSS));
  });
}
