// SPDX-License-Identifier: Apache-2.0
// A database file podlab cannot vouch for, and `podlab serve`'s flags: each refused in one line that
// names the file (or the flag) and what to do, with nothing written and nothing listening.
import { MIGRATIONS } from '../../../src-main/core/store/migrations';
import type { BadInputCase, CaseFile } from '../case';

const DB = '{dir}/podlab.db';
const refusedDb = (name: string, file: CaseFile, error: string, cli = ['settings', '--data', '{dir}']): BadInputCase => ({
  name,
  files: { 'podlab.db': file },
  cli,
  expect: { error: `podlab: the database ${DB} ${error}` },
});

const LATEST = MIGRATIONS.at(-1)!.version;
const MOVE_KEEP = 'move it aside to start afresh (your runs are in it, so keep the file)';
const NOT_SQLITE = 'is not an SQLite database, so podlab will not use or overwrite it: move it aside to start afresh, or use another data folder';
const DAMAGED = `is damaged (database disk image is malformed): ${MOVE_KEEP}; sqlite3's .recover may save them`;

/**
 * An empty SQLite database of one 512-byte page, byte for byte as SQLite writes it after
 * `PRAGMA page_size = 512; PRAGMA user_version = N; VACUUM`, with the changes a case asks for.
 */
function sqliteFile(o: { userVersion?: number; pagesInHeader?: number; pageType?: number; length?: number } = {}): { bytes: string; encoding: 'base64' } {
  const b = Buffer.alloc(512);
  b.write('SQLite format 3\0', 0, 'latin1');
  b.writeUInt16BE(512, 16); // page size
  b.set([1, 1, 0, 64, 32, 32], 18); // file format versions, reserved bytes, payload fractions
  b.writeUInt32BE(2, 24); // change counter
  b.writeUInt32BE(o.pagesInHeader ?? 1, 28); // pages in the file, trusted because 92..95 match the counter
  b.writeUInt32BE(1, 40); // schema cookie
  b.writeUInt32BE(o.userVersion ?? 0, 60);
  b.writeUInt32BE(2, 92);
  b.writeUInt32BE(3053002, 96); // the SQLite version that wrote it
  b[100] = o.pageType ?? 0x0d; // page 1: a table b-tree leaf with no cells
  b.writeUInt16BE(512, 105);
  return { bytes: b.subarray(0, o.length ?? 512).toString('base64'), encoding: 'base64' };
}

/** `CREATE TABLE contacts (name text)` in a fresh 512-byte-page database: SQLite, but another program's. */
const CONTACTS_DB = { bytes: 'U1FMaXRlIGZvcm1hdCAzAAIAAQEAQCAgAAAAAgAAAAIAAAAAAAAAAAAAAAIAAAAEAAAAAAAAAAAAAAABAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAACAC6Vyg0AAAABAcEAAcEAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA9AQYXHR0BT3RhYmxlY29udGFjdHNjb250YWN0cwJDUkVBVEUgVEFCTEUgY29udGFjdHMgKG5hbWUgdGV4dCkNAAAAAAIAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA==', encoding: 'base64' as const };

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** A usage error: its own line first, then the usage, which must still show serve's flags. */
const usage = (first: string) => new RegExp(`^${escape(first)}\\nusage:\\n[^]*\\n  podlab serve \\[--port N\\] \\[--host ADDR \\[--insecure\\]\\]`);
const serveFlag = (name: string, args: string[], first: string): BadInputCase => ({ name, cli: ['serve', ...args], expect: { exit: 2, error: usage(first) } });
const NOT_A_PORT = (p: string) => `--port: "${p}" is not a port number (0 to 65535; 0 takes any free one)`;

export const cases: BadInputCase[] = [
  // the database: refused, never replaced, migrated or written
  refusedDb('a 0-byte database (better-sqlite3 would make it a new one)', '', 'is an empty file (0 bytes), not a podlab database: move it aside or delete it to start afresh'),
  refusedDb('a text file as the database', 'apiVersion: v1\nkind: Pod\n', NOT_SQLITE),
  refusedDb('a PNG as the database', { bytes: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, ...Array<number>(200).fill(7)] }, NOT_SQLITE),
  refusedDb("another program's SQLite database", CONTACTS_DB, 'is an SQLite database of another program (tables but no podlab schema version), so podlab will not write into it: move it aside to start afresh, or use another data folder'),
  refusedDb('a database cut short (its header counts 8 pages, the file holds 1)', sqliteFile({ userVersion: 40, pagesInHeader: 8 }), DAMAGED),
  refusedDb('a database cut to its 100-byte header', sqliteFile({ userVersion: 40, length: 100 }), DAMAGED),
  refusedDb('a database whose first page is garbage', sqliteFile({ userVersion: 40, pageType: 0 }), DAMAGED),
  refusedDb('a database from a newer podlab', sqliteFile({ userVersion: 9990 }), `is from a newer podlab (schema version 9990; this podlab knows up to ${LATEST}): open it with that newer podlab, or ${MOVE_KEEP}`),
  refusedDb('a folder where the database should be', { dir: true }, 'cannot be opened (unable to open database file): check that it is a file podlab may read and write'),
  refusedDb('podlab run on a 0-byte database', '', 'is an empty file (0 bytes), not a podlab database: move it aside or delete it to start afresh', ['run', 'startup-probe-slow-nginx', '--data', '{dir}']),
  refusedDb('podlab serve on a newer database', sqliteFile({ userVersion: 9990 }), `is from a newer podlab (schema version 9990; this podlab knows up to ${LATEST}): open it with that newer podlab, or ${MOVE_KEEP}`, ['serve', '--data', '{dir}']),
  // serve's flags: checked before the database opens or a port listens
  serveFlag('serve --port abc', ['--port', 'abc'], NOT_A_PORT('abc')),
  serveFlag('serve --port 70000', ['--port', '70000'], NOT_A_PORT('70000')),
  serveFlag('serve --port -1', ['--port=-1'], NOT_A_PORT('-1')),
  serveFlag('serve --port 0x50', ['--port', '0x50'], NOT_A_PORT('0x50')),
  serveFlag('serve --host with nothing', ['--host='], '--host: empty; give an address such as 127.0.0.1, or 0.0.0.0 for every address of this machine'),
  serveFlag('serve --host given a URL', ['--host', 'http://0.0.0.0'], '--host: "http://0.0.0.0" is a URL; give only the address (the port goes in --port)'),
  serveFlag('serve --host with a port', ['--host', '0.0.0.0:8080'], '--host: "0.0.0.0:8080" has a port; give the address alone and the port with --port'),
  serveFlag('serve --host with a space', ['--host', 'lab pc'], '--host: "lab pc" is neither an IP address nor a host name'),
  serveFlag('serve --insecure=yes', ['--host', '0.0.0.0', '--insecure=yes'], "Option '--insecure' does not take an argument"),
];
