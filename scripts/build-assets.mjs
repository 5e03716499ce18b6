// Copies the front-end packages installed from npm into Django's static folder.
// The copies are build output: git ignores them, so nothing third-party is committed.
import { cpSync, mkdirSync, rmSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const out = join(root, "mobilise", "static", "vendor");
const nhsuk = join(root, "node_modules", "nhsuk-frontend", "dist", "nhsuk");

rmSync(out, { recursive: true, force: true });
mkdirSync(join(out, "nhsuk"), { recursive: true });
mkdirSync(join(out, "htmx"), { recursive: true });
for (const file of ["nhsuk-frontend.min.css", "nhsuk-frontend.min.js"]) {
  cpSync(join(nhsuk, file), join(out, "nhsuk", file));
}
cpSync(join(nhsuk, "assets"), join(out, "nhsuk", "assets"), { recursive: true });
cpSync(join(root, "node_modules", "htmx.org", "dist", "htmx.min.js"), join(out, "htmx", "htmx.min.js"));
mkdirSync(join(out, "cytoscape"), { recursive: true }); cpSync(join(root, "node_modules", "cytoscape", "dist", "cytoscape.min.js"), join(out, "cytoscape", "cytoscape.min.js"));
console.log(`Front-end assets copied to ${out}`);
