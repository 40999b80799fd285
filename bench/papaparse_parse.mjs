// The reference of the CSV benchmark: papaparse merely parsing the same file with
// header: true in the same node, as a browser-side validator built on it would start.
import Papa from 'papaparse';
import { readFileSync } from 'node:fs';

// Resident size now and peak so far, in kB, measured as csv_validate_bench.cpp measures them:
// before the file is read, and after the parse.
function statusKb(field) {
  const line = readFileSync('/proc/self/status', 'utf8').split('\n').find((l) => l.startsWith(field));
  return line ? parseInt(line.slice(field.length), 10) : 0;
}
const rssBeforeKb = statusKb('VmRSS:');

const text = readFileSync(process.argv[2], 'utf8');
const start = performance.now();
const result = Papa.parse(text, { header: true, skipEmptyLines: true });
const ms = performance.now() - start;
const peakKb = statusKb('VmHWM:');
console.log(`rows ${result.data.length} ms ${ms.toFixed(1)} MB/s ${(text.length / 1e6 / (ms / 1000)).toFixed(1)}` +
            ` rss_before_kb ${rssBeforeKb} peak_kb ${peakKb}`);
