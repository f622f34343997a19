// The DuckDB side of bench/store_bench.sh: loads the year's line items and the
// unit → ancestor closure (CSV files exported from the yusuan store) into an
// in-memory DuckDB, then runs the aggregation `yusuan db cube --no-elim` does:
// every node's sums by (func, type, source, econ, jijian), as one GROUP BY.
// Usage: node bench/duckdb/cube.mjs LINES.csv CLOSURE.csv [REPEAT]
// Prints key: value lines (load_seconds, query_seconds_min/median, groups, sum).
import { DuckDBInstance } from '@duckdb/node-api';

const [lines, closure, repeat = '3'] = process.argv.slice(2);
if (!lines || !closure) {
  console.error('usage: node cube.mjs LINES.csv CLOSURE.csv [REPEAT]');
  process.exit(2);
}
const now = () => Number(process.hrtime.bigint()) / 1e9;
const db = await DuckDBInstance.create(':memory:');
const con = await db.connect();
const t0 = now();
await con.run(`CREATE TABLE lines AS SELECT * FROM read_csv('${lines}', header = true, columns = {
  'unit': 'INTEGER', 'func': 'INTEGER', 'type': 'TINYINT', 'source': 'TINYINT', 'econ': 'INTEGER',
  'jijian': 'TINYINT', 'amount': 'BIGINT'})`);
await con.run(`CREATE TABLE closure AS SELECT * FROM read_csv('${closure}', header = true, columns = {
  'unit': 'INTEGER', 'ancestor': 'INTEGER'})`);
const t1 = now();
const sql = `SELECT count(*)::VARCHAR AS groups, sum(s)::VARCHAR AS total FROM (
  SELECT c.ancestor, l.func, l.type, l.source, l.econ, l.jijian, sum(l.amount) AS s
  FROM lines l JOIN closure c ON c.unit = l.unit
  GROUP BY c.ancestor, l.func, l.type, l.source, l.econ, l.jijian)`;
const times = [];
let row;
for (let i = 0; i < Number(repeat); i++) {
  const s = now();
  const r = await con.runAndReadAll(sql);
  times.push(now() - s);
  row = r.getRows()[0];
}
times.sort((a, b) => a - b);
const threads = (await con.runAndReadAll(`SELECT current_setting('threads')::VARCHAR`)).getRows()[0][0];
console.log(`duckdb_version: ${(await con.runAndReadAll('SELECT version()')).getRows()[0][0]}`);
console.log(`threads: ${threads}`);
console.log(`load_seconds: ${(t1 - t0).toFixed(3)}`);
console.log(`query_seconds_min: ${times[0].toFixed(3)}`);
console.log(`query_seconds_median: ${times[Math.floor(times.length / 2)].toFixed(3)}`);
console.log(`groups: ${row[0]}`);
console.log(`sum: ${row[1]}`);
