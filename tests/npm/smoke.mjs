// The npm package from Node.js, as a user would load it: `node smoke.mjs PACKAGE_DIR RELEASED_CHART_DIR`.
// Run by `cargo xtask test` after `cargo xtask npm` builds target/npm/ingresslab/.
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";

const [packageDir, releasedChart] = process.argv.slice(2);
const require = createRequire(import.meta.url);
const ingresslab = require(path.resolve(packageDir));

// validate: diagnostics with their place in the values text.
const problems = ingresslab.validate("gatewayApi:\n  gateway:\n    create: true\n    clasName: eg\n", {});
const typo = problems.find((problem) => problem.code === "VA001");
assert.ok(typo, JSON.stringify(problems));
assert.equal(typo.line, 4);
assert.equal(typo.column, 5);
assert.equal(typo.severity, "error");
assert.equal(typo.path, "gatewayApi.gateway.clasName");

// render: the manifests, with the release and namespace given.
const plainHttp = "server: {disableTls: true}\ngatewayApi: {gateway: {create: true}, routes: {grpc: {enabled: true}}}\n";
const manifests = ingresslab.render(plainHttp, { release: "edge", namespace: "team" });
assert.match(manifests, /kind: GRPCRoute/);
assert.match(manifests, /name: edge-openshell/);
assert.match(manifests, /namespace: team/);
assert.throws(() => ingresslab.render("grpcRoute: {}\n"), /CH001/);

// template: another chart, given as the bytes of a .tgz.
const archive = path.join(os.tmpdir(), `ingresslab-npm-${process.pid}.tgz`);
execFileSync("tar", ["czf", archive, "-C", path.dirname(releasedChart), path.basename(releasedChart)]);
const stdout = ingresslab.template(
  "agentSandbox: {preflight: {enabled: false}}\ngrpcRoute: {enabled: true, gateway: {create: true}}\n",
  { chart: fs.readFileSync(archive) },
);
fs.rmSync(archive);
assert.match(stdout, /^---\n# Source: /);
assert.match(stdout, /kind: GRPCRoute/);

// diagram: an SVG; a controller by name.
const svg = ingresslab.diagram(
  "gatewayApi: {gateway: {create: true}, routes: {tls: {enabled: true, hostnames: [a.example.com]}}}\n",
  { controller: "envoy-gateway" },
);
assert.ok(svg.startsWith("<svg"), svg.slice(0, 80));
assert.throws(() => ingresslab.validate("", { controller: "haproxy" }), /unknown controller/);

// TypeScript types ship for both builds.
for (const build of ["node", "web"]) {
  const types = fs.readFileSync(path.join(packageDir, build, "ingresslab.d.ts"), "utf8");
  assert.match(types, /export function validate\(values: string, options\?: Options\): Diagnostic\[\];/);
  assert.match(types, /chart\?: Uint8Array;/);
}
const manifest = JSON.parse(fs.readFileSync(path.join(packageDir, "package.json"), "utf8"));
assert.equal(manifest.name, "ingresslab");
console.log("npm package: validate, render, template, diagram and types work from Node.js");
