// What `npm run bench` runs in its child processes besides costcurve itself: a plain read of the
// file (the floor for one pass in JavaScript) and DuckDB (the fastest peer). One process per run,
// so each has its own peak memory.
//
//   node benchEngines.js plain FILE
//   node benchEngines.js duckdb FILE THREADS
//   node benchEngines.js generate FILE ROWS PERSONS SEED   (the export, in a process of its own)

import { open } from 'node:fs/promises';
import { writeBenchExport } from './benchData.js';

const [engine, file, threads] = process.argv.slice(2);

if (engine === 'plain') {
  // Read the file in 1 MiB pieces and count its line breaks: what any reader must at least do.
  const handle = await open(file, 'r');
  const buffer = Buffer.allocUnsafe(1024 * 1024);
  let lines = 0;
  let position = 0;
  for (;;) {
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, position);
    if (bytesRead === 0) break;
    position += bytesRead;
    const view = bytesRead === buffer.length ? buffer : buffer.subarray(0, bytesRead);
    for (let at = view.indexOf(0x0a); at !== -1; at = view.indexOf(0x0a, at + 1)) lines++;
  }
  await handle.close();
  console.log(JSON.stringify({ lines }));
} else if (engine === 'duckdb') {
  // read_csv → GROUP BY person → window sums over the persons sorted by total: the top 10 %'s share
  // (net totals below zero counted as zero, as costcurve's default --negatives clip does).
  const { DuckDBInstance } = await import('@duckdb/node-api');
  const instance = await DuckDBInstance.create(':memory:', { threads: threads ?? '2' });
  const connection = await instance.connect();
  const path = file.replace(/'/g, "''");
  const result = await connection.runAndReadAll(`
    with persons as (
      select asiakas_id, greatest(sum(kustannus_eur), 0) as total
      from read_csv('${path}', delim = ';', decimal_separator = ',', header = true,
        columns = {'asiakas_id': 'VARCHAR', 'palvelu': 'VARCHAR', 'pvm': 'VARCHAR', 'kustannus_eur': 'DECIMAL(18,2)'})
      group by asiakas_id
    ), ranked as (
      select total,
        sum(total) over (order by total desc rows between unbounded preceding and current row) as before,
        row_number() over (order by total desc) as rank,
        count(*) over () as persons,
        sum(total) over () as everything
      from persons
    )
    select max(case when rank <= persons * 0.1 then before end) / max(everything) as top10, max(persons) as persons
    from ranked`);
  console.log(JSON.stringify(result.getRowObjectsJson()[0]));
} else if (engine === 'generate') {
  const [rows, persons, seed] = process.argv.slice(4).map(Number);
  await writeBenchExport(file, { rows, persons, seed });
} else {
  throw new Error(`unknown engine '${engine}': plain, duckdb or generate`);
}
