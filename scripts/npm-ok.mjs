// Exits 0 when node_modules holds exactly the versions package.json asks for.
import { readFileSync } from "node:fs";

const wanted = JSON.parse(readFileSync("package.json", "utf8")).devDependencies;
for (const [name, version] of Object.entries(wanted)) {
  const have = JSON.parse(readFileSync(`node_modules/${name}/package.json`, "utf8")).version;
  if (have !== version) process.exit(1);
}
