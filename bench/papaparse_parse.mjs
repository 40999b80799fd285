// The reference of the CSV benchmark: papaparse merely parsing the same file with
// header: true in the same node, as a browser-side validator built on it would start.
import Papa from 'papaparse';
import { readFileSync } from 'node:fs';

const text = readFileSync(process.argv[2], 'utf8');
const start = performance.now();
const result = Papa.parse(text, { header: true, skipEmptyLines: true });
const ms = performance.now() - start;
console.log(`rows ${result.data.length} ms ${ms.toFixed(1)} MB/s ${(text.length / 1e6 / (ms / 1000)).toFixed(1)}`);
