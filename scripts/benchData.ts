// The benchmark's synthetic export: a wellbeing services county's year of service events in the
// Finnish dialect (`;`, decimal comma, d.m.yyyy dates), written straight as
// bytes so that 10 M rows take seconds. Deterministic: the same spec gives the same bytes.

import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { createRandom } from '../src/random.js';

export interface BenchSpec {
  rows: number;
  persons: number;
  seed: number;
}

/** Service codes and a typical price (median, cents) per event; the weight is how common each is. */
const SERVICES: { code: string; median: number; weight: number }[] = [
  { code: 'LAAK', median: 9_000, weight: 20 }, // lääkärin vastaanotto
  { code: 'HOIT', median: 4_500, weight: 20 }, // hoitajan vastaanotto
  { code: 'LAB', median: 1_500, weight: 18 }, // laboratorio
  { code: 'PAIV', median: 25_000, weight: 6 }, // päivystys
  { code: 'KUVA', median: 12_000, weight: 6 }, // kuvantaminen
  { code: 'FYS', median: 6_000, weight: 6 }, // fysioterapia
  { code: 'SUU', median: 8_000, weight: 8 }, // suun terveydenhuolto
  { code: 'PKL', median: 30_000, weight: 6 }, // poliklinikkakäynti
  { code: 'OSAS', median: 150_000, weight: 2 }, // vuodeosastojakso
  { code: 'KOTI', median: 5_000, weight: 5 }, // kotihoito (käynti)
  { code: 'ASUM', median: 400_000, weight: 1 }, // palveluasuminen (kuukausilasku)
  { code: 'SOS', median: 20_000, weight: 2 }, // sosiaalipalvelut
];

export const BENCH_HEADER = 'asiakas_id;palvelu;pvm;kustannus_eur';

/**
 * Writes the export to `path`. Every person has at least one row; the other rows go to persons
 * drawn with a heavy tail (person ⌊N·u²⌋), as a few residents have most events. Each person has
 * a main and a second service (70 % and 20 % of their rows). Rows are sorted by date, so one
 * person's rows are spread through the file; 0.4 % are credits (negative).
 */
export async function writeBenchExport(path: string, spec: BenchSpec): Promise<number> {
  const { rows, persons } = spec;
  const random = createRandom(spec.seed);
  const totalWeight = SERVICES.reduce((sum, s) => sum + s.weight, 0);
  const pickService = (): number => {
    let u = random.next() * totalWeight;
    for (let s = 0; s < SERVICES.length; s++) if ((u -= SERVICES[s].weight) < 0) return s;
    return SERVICES.length - 1;
  };
  const main = new Uint8Array(persons);
  const second = new Uint8Array(persons);
  for (let i = 0; i < persons; i++) {
    main[i] = pickService();
    second[i] = pickService();
  }
  const person = new Int32Array(rows);
  const service = new Uint8Array(rows);
  const day = new Uint16Array(rows);
  const cents = new Int32Array(rows);
  for (let r = 0; r < rows; r++) {
    const p = r < persons ? r : Math.min(persons - 1, Math.floor(persons * random.next() ** 2));
    const u = random.next();
    const s = u < 0.7 ? main[p] : u < 0.9 ? second[p] : pickService();
    person[r] = p;
    service[r] = s;
    day[r] = random.int(0, 365);
    const amount = Math.max(100, Math.min(5_000_000, Math.round(random.logNormal(SERVICES[s].median, 0.6))));
    cents[r] = random.chance(0.004) ? -amount : amount;
  }
  // By date (a counting sort), as exports usually come.
  const start = new Int32Array(367);
  for (let r = 0; r < rows; r++) start[day[r] + 1]++;
  for (let d = 0; d < 366; d++) start[d + 1] += start[d];
  const order = new Int32Array(rows);
  for (let r = 0; r < rows; r++) order[start[day[r]]++] = r;

  // Ids: 'A' and 7 digits, a different number for each person (4 000 037 is prime to 9 000 000).
  const ids = Buffer.alloc(persons * 8);
  for (let i = 0; i < persons; i++) ids.write(`A${1_000_000 + ((i * 4_000_037) % 9_000_000)}`, i * 8, 'latin1');
  const codes = SERVICES.map((s) => Buffer.from(s.code));
  const dates = Array.from({ length: 366 }, (_, d) => {
    const date = new Date(Date.UTC(2024, 0, 1 + d));
    return Buffer.from(`${date.getUTCDate()}.${date.getUTCMonth() + 1}.${date.getUTCFullYear()}`);
  });

  const out = createWriteStream(path);
  let buffer = Buffer.allocUnsafe(4 * 1024 * 1024);
  let at = buffer.write(`${BENCH_HEADER}\n`);
  let written = 0;
  const flush = async (): Promise<void> => {
    if (!out.write(buffer.subarray(0, at))) await once(out, 'drain');
    written += at;
    buffer = Buffer.allocUnsafe(buffer.length);
    at = 0;
  };
  for (let k = 0; k < rows; k++) {
    if (at > buffer.length - 128) await flush();
    const r = order[k];
    at += ids.copy(buffer, at, person[r] * 8, person[r] * 8 + 8);
    buffer[at++] = 0x3b;
    at += codes[service[r]].copy(buffer, at);
    buffer[at++] = 0x3b;
    at += dates[day[r]].copy(buffer, at);
    buffer[at++] = 0x3b;
    at += buffer.write(finnishAmount(cents[r]), at, 'latin1');
    buffer[at++] = 0x0a;
  }
  await flush();
  out.end();
  await once(out, 'finish');
  return written;
}

/** `-1234,50`: decimal comma, no thousands separator (DuckDB, measured beside costcurve, reads only that). */
function finnishAmount(cents: number): string {
  const sign = cents < 0 ? '-' : '';
  const magnitude = Math.abs(cents);
  const euros = String(Math.floor(magnitude / 100));
  const rest = magnitude % 100;
  return `${sign}${euros},${rest < 10 ? '0' : ''}${rest}`;
}
