// Publish a build into the Python package: gzip the text files once (server/webapp.py sends
// `name.gz` to clients that take gzip, so no CPU is spent per request), then swap the new
// build in for the old one in a single rename, so that a running server never sees a half
// written app.
import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from "node:fs";
import { dirname, join } from "node:path";
import { gzipSync } from "node:zlib";

const built = new URL("../dist/", import.meta.url).pathname;
const published = new URL("../../server/web", import.meta.url).pathname;
const TEXT = /\.(js|css|html|svg|json)$/;

function compress(folder) {
  for (const name of readdirSync(folder)) {
    const path = join(folder, name);
    if (statSync(path).isDirectory()) compress(path);
    else if (TEXT.test(name)) writeFileSync(`${path}.gz`, gzipSync(readFileSync(path), { level: 9 }));
  }
}

compress(built);
mkdirSync(dirname(published), { recursive: true });
const old = `${published}.old`;
rmSync(old, { recursive: true, force: true });
if (existsSync(published)) renameSync(published, old);
renameSync(built, published);
rmSync(old, { recursive: true, force: true });
