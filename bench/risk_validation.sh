#!/usr/bin/env bash
# The risk engine's backtest on several synthetic national datasets (default seeds 1-5):
# synth -> import -> screen -> risk backtest, then the mean and spread of each method's
# figures and of the composite's margin over the baselines. Prints; asserts nothing.
#   bench/risk_validation.sh [vaksam binary] [seeds...]
set -euo pipefail
vaksam=${1:-build/release/src/cli/vaksam}
shift || true
seeds=${*:-1 2 3 4 5}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export VAKSAM_TODAY=${VAKSAM_TODAY:-2026-01-15}
for seed in $seeds; do
  "$vaksam" synth --seed "$seed" --out "$work/s$seed" >/dev/null
  "$vaksam" --db "$work/s$seed.db" init >/dev/null
  "$vaksam" --db "$work/s$seed.db" import "$work/s$seed"/*.csv >/dev/null
  "$vaksam" --db "$work/s$seed.db" screen >/dev/null
  "$vaksam" --db "$work/s$seed.db" risk backtest --truth "$work/s$seed/truth" --json > "$work/b$seed.json"
  echo "seed $seed: $(jq -c '[.methods[] | {m: .method, auc_i: .auc_inspections, auc_p: .auc_planted, rec: .recall_at_k}]' "$work/b$seed.json")"
done
jq -s -r '
  def mean: add / length;
  def sd: (mean) as $m | (map((. - $m) * (. - $m)) | add / (length - 1)) | sqrt;
  def stat(f): map(f) | "\(mean * 1000 | round / 1000) ± \(sd * 1000 | round / 1000)";
  . as $runs
  | ["metric", "composite", "raw_counts", "banding", "random", "composite - raw", "composite - banding"],
    (["auc_inspections", "auc_planted", "precision_at_k", "recall_at_k", "lift_at_k"][] as $k
     | [$k]
       + ([0, 1, 2, 3] | map(. as $i | $runs | stat(.methods[$i][$k])))
       + [($runs | stat(.methods[0][$k] - .methods[1][$k])), ($runs | stat(.methods[0][$k] - .methods[2][$k]))])
  | @tsv' "$work"/b*.json | column -t -s $'\t'
echo "seconds per backtest: $(jq -s 'map(.seconds) | add / length' "$work"/b*.json)"
jq -s -r '"detection delay (median months, detected/problems) by size: " + ([.[] | .detection_delay[] | "\(.size_class) \(.median_months) (\(.detected)/\(.problems))"] | join("; "))' "$work"/b*.json
jq -s -r '"false alarms a month: \(map(.false_alarms_per_month) | add / length) (expected by chance \(map(.expected_false_alarms_per_month) | add / length))"' "$work"/b*.json
