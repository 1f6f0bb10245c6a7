#!/usr/bin/env bash
# Load benchmark of `vaksam serve` (issue 9, Speed): for each synthetic scale, builds a
# database (synth --seed 1 -> init -> import -> screen -> risk compute), starts the server,
# signs in (a session cookie, as the dashboard does) and runs wrk at 64 connections on
# the overview, the ranked list of units, unit profiles (the top 50 units in turn) and
# the triage queue (pseudonymised and redacted case texts, audited: not a target route).
# Prints requests/s, p50/p90/p99 and errors per route; the target is p99 under 50 ms
# and no errors. Asserts nothing.
#   bench/server_load.sh [vaksam binary] [scales...]        e.g. bench/server_load.sh build/release/src/cli/vaksam 1 7
# Environment: DURATION (10s), CONNECTIONS (64), THREADS (2, wrk's), SERVER_THREADS (64),
# KEEP=1 keeps the work folder (the databases) and prints where it is, PG=1 stores the
# data in PostgreSQL instead of SQLite: a server of its own (initdb with the default,
# durable settings, unix socket only; as root it runs as the postgres user).
set -euo pipefail
vaksam=$(realpath "${1:-build/release/src/cli/vaksam}")
shift || true
scales=${*:-1}
duration=${DURATION:-10s}
connections=${CONNECTIONS:-64}
wrk_threads=${THREADS:-2}
server_threads=${SERVER_THREADS:-64}
command -v wrk >/dev/null || { echo "wrk is not installed (apt-get install wrk)" >&2; exit 2; }
work=$(mktemp -d)
server=""
pg_bin=""
as_postgres=()
cleanup() {
  if [[ -n $server ]]; then kill "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true; fi
  if [[ -n $pg_bin ]]; then "${as_postgres[@]}" "$pg_bin/pg_ctl" -D "$work/pg" -m fast -w stop >/dev/null 2>&1 || true; fi
  if [[ ${KEEP:-0} == 1 ]]; then echo "kept $work"; else rm -rf "$work"; fi
}
trap cleanup EXIT
export VAKSAM_TODAY=${VAKSAM_TODAY:-2026-01-15}
password="load benchmark password"
secs() { date +%s.%N; }
took() { printf '%.1f' "$(echo "$(secs) - $1" | bc)"; }

# wrk's --latency output -> "requests/s p50 p90 p99 errors"
summarise() {
  awk '
    /Requests\/sec:/ { rps = $2 }
    /^ +50%/ { p50 = $2 } /^ +90%/ { p90 = $2 } /^ +99%/ { p99 = $2 }
    /Non-2xx or 3xx responses:/ { non2xx = $5 }
    /Socket errors:/ { gsub(",", ""); sock = $4 + $6 + $8 + $10 }
    END { printf "%10.0f %10s %10s %10s %8d\n", rps, p50, p90, p99, non2xx + sock }'
}

if [[ ${PG:-0} == 1 ]]; then
  pg_bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
  [[ -x $pg_bin/initdb ]] || { echo "no PostgreSQL server (apt-get install postgresql)" >&2; exit 2; }
  if [[ $(id -u) == 0 ]]; then as_postgres=(runuser -u postgres --); chown postgres "$work"; chmod 755 "$work"; fi
  "${as_postgres[@]}" "$pg_bin/initdb" -D "$work/pg" -U bench -A trust >/dev/null
  "${as_postgres[@]}" "$pg_bin/pg_ctl" -D "$work/pg" -l "$work/pg.log" -w \
    -o "-c listen_addresses='' -c unix_socket_directories='$work' -c shared_buffers=1GB -c max_connections=100" start >/dev/null
  echo "PostgreSQL $("$pg_bin/postgres" --version | awk '{print $3}') running in $work/pg (default durability: fsync, synchronous_commit on)"
fi

for scale in $scales; do
  db="$work/s$scale.db"
  if [[ -n $pg_bin ]]; then
    "${as_postgres[@]}" "$pg_bin/createdb" -h "$work" -U bench "s${scale//./_}"
    db="postgresql:///s${scale//./_}?host=$work&user=bench"
    export VAKSAM_KEY_FILE="$work/s$scale.key"  # no database file to keep it beside
  fi
  t=$(secs); "$vaksam" synth --seed 1 --scale "$scale" --out "$work/s$scale" >/dev/null; echo "scale $scale: synth $(took "$t") s"
  "$vaksam" --db "$db" init >/dev/null
  t=$(secs); "$vaksam" --db "$db" import "$work/s$scale"/*.csv >/dev/null; echo "scale $scale: import $(took "$t") s"
  t=$(secs); "$vaksam" --db "$db" screen >/dev/null; echo "scale $scale: screen $(took "$t") s"
  t=$(secs); "$vaksam" --db "$db" risk compute | sed -n '2,3p'; echo "scale $scale: risk compute $(took "$t") s"
  rm -rf "$work/s$scale"  # the CSV files; the database stays
  cases=$("$vaksam" --db "$db" status | awk '$1 == "cases" { print $2; exit }')
  if [[ -n $pg_bin ]]; then echo "scale $scale: $cases cases, database $(du -sh "$work/pg" | cut -f1) (the cluster)"
  else echo "scale $scale: $cases cases, database $(du -sh "$db" | cut -f1)"; fi
  printf '%s\n' "$password" > "$work/pw"
  "$vaksam" --db "$db" user add bench --role analyst --password-file "$work/pw" >/dev/null

  t=$(secs)
  "$vaksam" --db "$db" serve --port 0 --threads "$server_threads" >"$work/serve.out" 2>"$work/serve.err" &
  server=$!
  port=""
  for _ in $(seq 1200); do
    port=$(sed -n 's/.*listening on http:\/\/[^:]*:\([0-9]*\).*/\1/p' "$work/serve.out")
    [[ -n $port ]] && break
    sleep 0.1
  done
  [[ -n $port ]] || { echo "the server did not start: $(cat "$work/serve.err")" >&2; exit 1; }
  echo "scale $scale: server listening after $(took "$t") s"
  base="http://127.0.0.1:$port"
  cookie=$(curl -s -D - -o /dev/null -H 'Content-Type: application/json' \
    -d "{\"name\":\"bench\",\"password\":\"$password\"}" "$base/api/session" |
    sed -n 's/^[Ss]et-[Cc]ookie: \([^;]*\).*/\1/p')
  [[ -n $cookie ]] || { echo "could not sign in" >&2; exit 1; }
  # The first profile loads the analysis snapshot; the first list page fills the cache.
  t=$(secs)
  units=$(curl -sf -H "Cookie: $cookie" "$base/api/risk/ranking?level=unit&limit=50" | jq -r '.entities[].id')
  curl -sf -o /dev/null -H "Cookie: $cookie" "$base/api/risk/entities/unit/$(head -1 <<<"$units")"
  curl -sf -o /dev/null -H "Cookie: $cookie" "$base/api/overview"
  echo "scale $scale: first requests (loading the snapshot) $(took "$t") s"
  {
    echo 'paths = {'
    while read -r u; do echo "  \"/api/risk/entities/unit/$u\","; done <<<"$units"
    echo '}'
    echo 'i = 0'
    echo 'request = function() i = i + 1; return wrk.format(nil, paths[i % #paths + 1]) end'
  } > "$work/profiles.lua"

  printf '%-44s %10s %10s %10s %10s %8s\n' "scale $scale ($cases cases), $connections connections" "req/s" p50 p90 p99 errors
  for route in overview ranking profile triage; do
    case $route in
      overview) args=("$base/api/overview"); label="GET /api/overview" ;;
      ranking) args=("$base/api/risk/ranking?level=unit&limit=50"); label="GET /api/risk/ranking?level=unit&limit=50" ;;
      profile) args=(-s "$work/profiles.lua" "$base/"); label="GET /api/risk/entities/unit/{id} (50 units)" ;;
      triage) args=("$base/api/cases/triage?limit=50"); label="GET /api/cases/triage?limit=50" ;;
    esac
    printf '%-44s ' "$label"
    wrk -t"$wrk_threads" -c"$connections" -d"$duration" --latency --timeout 5s -H "Cookie: $cookie" "${args[@]}" | summarise
  done
  kill "$server"; wait "$server" 2>/dev/null || true; server=""
  "$vaksam" --db "$db" audit verify | head -1
done
