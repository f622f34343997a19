// The DuckDB side of bench/store_bench.sh: the aggregation `yusuan db cube --no-elim` does —
// every node's sums by (func, type, source, econ, jijian) — on the same rows.
//
//   node cube.mjs build LINES.csv CLOSURE.csv NODES.csv DB.duckdb
//       loads the CSV files exported from the yusuan store into DuckDB's own file
//   node cube.mjs query DB.duckdb [REPEAT]
//       opens the file and runs both queries REPEAT times, each from a fresh open of the
//       file (best_seconds: the fastest run of the faster query):
//       - naive: one GROUP BY over lines ⋈ unit → ancestor closure;
//       - levels: level by level, deepest first: each node's own lines and its children's
//         cells grouped into its cells (what yusuan's one pass does);
//   node cube.mjs LINES.csv CLOSURE.csv [REPEAT]   (the old in-memory form: naive only)
// Prints key: value lines.
import { DuckDBInstance } from '@duckdb/node-api';

const now = () => Number(process.hrtime.bigint()) / 1e9;
const args = process.argv.slice(2);
const COLS = `{'unit': 'INTEGER', 'func': 'INTEGER', 'type': 'TINYINT', 'source': 'TINYINT', 'econ': 'INTEGER',
  'jijian': 'TINYINT', 'amount': 'BIGINT'}`;
const NAIVE = `SELECT count(*)::VARCHAR AS groups, sum(s)::VARCHAR AS total FROM (
  SELECT c.ancestor, l.func, l.type, l.source, l.econ, l.jijian, sum(l.amount) AS s
  FROM lines l JOIN closure c ON c.unit = l.unit
  GROUP BY c.ancestor, l.func, l.type, l.source, l.econ, l.jijian)`;

async function one(con, sql) {
  return (await con.runAndReadAll(sql)).getRows()[0];
}

async function levels(con) {
  const maxd = Number((await one(con, 'SELECT max(depth) FROM nodes'))[0]);
  let groups = 0n, total = 0n;
  await con.run('CREATE OR REPLACE TEMP TABLE prev (node INTEGER, func INTEGER, type TINYINT, source TINYINT, econ INTEGER, jijian TINYINT, s HUGEINT)');
  for (let d = maxd; d >= 0; d--) {
    await con.run(`CREATE OR REPLACE TEMP TABLE cur AS
      SELECT node, func, type, source, econ, jijian, sum(s) AS s FROM (
        SELECT l.unit AS node, l.func, l.type, l.source, l.econ, l.jijian, l.amount::HUGEINT AS s
          FROM lines l JOIN nodes n ON n.id = l.unit WHERE n.depth = ${d}
        UNION ALL
        SELECT n.parent AS node, p.func, p.type, p.source, p.econ, p.jijian, p.s
          FROM prev p JOIN nodes n ON n.id = p.node)
      GROUP BY node, func, type, source, econ, jijian`);
    const r = await one(con, 'SELECT count(*)::VARCHAR, coalesce(sum(s), 0)::VARCHAR FROM cur');
    groups += BigInt(r[0]);
    total += BigInt(r[1]);
    await con.run('DROP TABLE prev');
    await con.run('ALTER TABLE cur RENAME TO prev');
  }
  return [groups.toString(), total.toString()];
}

async function info(con) {
  console.log(`duckdb_version: ${(await one(con, 'SELECT version()'))[0]}`);
  console.log(`threads: ${(await one(con, `SELECT current_setting('threads')::VARCHAR`))[0]}`);
}

if (args[0] === 'build') {
  const [, lines, closure, nodes, file] = args;
  const db = await DuckDBInstance.create(file);
  const con = await db.connect();
  await con.run(`CREATE TABLE lines AS SELECT * FROM read_csv('${lines}', header = true, columns = ${COLS})`);
  await con.run(`CREATE TABLE closure AS SELECT * FROM read_csv('${closure}', header = true, columns = {
    'unit': 'INTEGER', 'ancestor': 'INTEGER'})`);
  await con.run(`CREATE TABLE nodes AS SELECT * FROM read_csv('${nodes}', header = true, columns = {
    'id': 'INTEGER', 'parent': 'INTEGER', 'depth': 'INTEGER'})`);
  await con.run('CHECKPOINT');
  console.log('built');
} else if (args[0] === 'query') {
  const [, file, repeat = '3'] = args;
  const res = {};
  for (const [name, run] of [['naive', (c) => one(c, NAIVE)], ['levels', levels]]) {
    const times = [];
    let row;
    for (let i = 0; i < Number(repeat); i++) {
      const s = now();
      const db = await DuckDBInstance.create(file, { access_mode: 'READ_ONLY' });
      const con = await db.connect();
      row = await run(con);
      times.push(now() - s);
      if (name === 'naive' && i === 0)
        await info(con);
      con.closeSync?.();
    }
    console.log(`${name}_seconds_first: ${times[0].toFixed(3)}`);
    const sorted = [...times].sort((a, b) => a - b);
    console.log(`${name}_seconds_median: ${sorted[Math.floor(sorted.length / 2)].toFixed(3)}`);
    console.log(`${name}_seconds_min: ${sorted[0].toFixed(3)}`);
    console.log(`${name}_groups: ${row[0]}`);
    console.log(`${name}_sum: ${row[1]}`);
    res[name] = sorted[0];
  }
  console.log(`best: ${res.naive <= res.levels ? 'naive' : 'levels'}`);
  console.log(`best_seconds: ${Math.min(res.naive, res.levels).toFixed(3)}`);
} else {
  const [lines, closure, repeat = '3'] = args;
  if (!lines || !closure) {
    console.error('usage: node cube.mjs build LINES.csv CLOSURE.csv NODES.csv DB.duckdb | query DB.duckdb [REPEAT]');
    process.exit(2);
  }
  const db = await DuckDBInstance.create(':memory:');
  const con = await db.connect();
  const t0 = now();
  await con.run(`CREATE TABLE lines AS SELECT * FROM read_csv('${lines}', header = true, columns = ${COLS})`);
  await con.run(`CREATE TABLE closure AS SELECT * FROM read_csv('${closure}', header = true, columns = {
    'unit': 'INTEGER', 'ancestor': 'INTEGER'})`);
  const t1 = now();
  const times = [];
  let row;
  for (let i = 0; i < Number(repeat); i++) {
    const s = now();
    row = await one(con, NAIVE);
    times.push(now() - s);
  }
  times.sort((a, b) => a - b);
  await info(con);
  console.log(`load_seconds: ${(t1 - t0).toFixed(3)}`);
  console.log(`query_seconds_min: ${times[0].toFixed(3)}`);
  console.log(`query_seconds_median: ${times[Math.floor(times.length / 2)].toFixed(3)}`);
  console.log(`groups: ${row[0]}`);
  console.log(`sum: ${row[1]}`);
}
