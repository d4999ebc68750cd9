#!/usr/bin/env bash
# Runs workflows in a real n8n 1.123 with this package installed as a user would (npm pack + install),
# against the sandbox on port 4010. Needs ../shared/tools (setup-real-n8n.sh installs n8n once, ~5 min).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd); root=$(cd "$here/../.." && pwd); tools=$(cd "$root/../shared/tools" && pwd)
bash "$tools/setup-real-n8n.sh"
# shellcheck disable=SC1091
source "$tools/real-n8n.sh"
(cd "$root" && npm run build >/dev/null)
node "$root/dist-dev/sandbox/cli.js" --port 4010 > /tmp/esign-sandbox.log 2>&1 & sandbox=$!
trap 'kill $sandbox 2>/dev/null || true' EXIT
n8n_fresh
n8n_install_pkg "$root"
n8n_import "$here/credentials.json" "$here/workflow.json"
n8n_cli execute --id=esignRealCheck01 --rawOutput > /tmp/esign-real-n8n.raw 2>&1 || true
node -e 'const s=require("fs").readFileSync("/tmp/esign-real-n8n.raw","utf8"); const i=s.indexOf("{\n"); require("fs").writeFileSync("/tmp/esign-real-n8n.json", i<0?s:s.slice(i))'
grep -iE "error|fail|could not|unrecognized" /tmp/esign-real-n8n.raw | grep -v "^\s*\"" | head -5 || true
node -e '
const run = JSON.parse(require("fs").readFileSync("/tmp/esign-real-n8n.json", "utf8"));
const runData = run.data.resultData.runData;
for (const [name, tasks] of Object.entries(runData)) {
  const t = tasks[0]; const items = t.data?.main?.[0] ?? [];
  console.log(`${t.error ? "FAIL" : "ok  "} ${name}: ${t.error ? t.error.message : items.length + " item(s) " + JSON.stringify(items[0]?.json ?? {}).slice(0, 120)}${items[0]?.binary ? " + binary " + Object.values(items[0].binary).map(b => b.fileName + " " + b.mimeType).join(",") : ""}`);
}
if (run.data.resultData.error) { console.error("workflow error:", run.data.resultData.error.message); process.exit(1); }
'
