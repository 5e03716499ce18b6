// Copies the front-end packages installed from npm into Django's static folder.
// The copies are build output: git ignores them, so nothing third-party is committed.
import { cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const out = join(root, "mobilise", "static", "vendor");
const modules = join(root, "node_modules");
const nhsuk = join(modules, "nhsuk-frontend", "dist", "nhsuk");

// Source maps are not shipped, so their references are dropped (a hashed static build would
// otherwise refuse to collect a file that points at a missing map). The NHS.UK stylesheet points
// its icons at /assets/; they are pointed at the copies beside it instead.
function copyText(from, to, rewrite = (text) => text) {
  mkdirSync(dirname(to), { recursive: true });
  const text = readFileSync(from, "utf8").replace(/\/[*/]# sourceMappingURL=[^\s*]+( \*\/)?/g, "");
  writeFileSync(to, rewrite(text));
}

rmSync(out, { recursive: true, force: true });
copyText(join(nhsuk, "nhsuk-frontend.min.js"), join(out, "nhsuk", "nhsuk-frontend.min.js"));
copyText(join(nhsuk, "nhsuk-frontend.min.css"), join(out, "nhsuk", "nhsuk-frontend.min.css"),
  (css) => css.replaceAll("url(/assets/", "url(assets/"));
cpSync(join(nhsuk, "assets"), join(out, "nhsuk", "assets"), { recursive: true });
copyText(join(modules, "htmx.org", "dist", "htmx.min.js"), join(out, "htmx", "htmx.min.js"));
copyText(join(modules, "cytoscape", "dist", "cytoscape.min.js"), join(out, "cytoscape", "cytoscape.min.js"));
console.log(`Front-end assets copied to ${out}`);
