// Gzip the built text files once, at build time, so that the server sends them compressed
// without spending CPU per request (server/webapp.py serves `name.gz` to clients that take
// gzip).
import { readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";

const root = new URL("../../server/web/", import.meta.url).pathname;
const TEXT = /\.(js|css|html|svg|json)$/;

function walk(folder) {
  for (const name of readdirSync(folder)) {
    const path = join(folder, name);
    if (statSync(path).isDirectory()) walk(path);
    else if (TEXT.test(name)) writeFileSync(`${path}.gz`, gzipSync(readFileSync(path), { level: 9 }));
  }
}

walk(root);
