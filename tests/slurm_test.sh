#!/usr/bin/env bash
# `exengine grade --slurm` on a real Slurm (issue 17): a one-node cluster of this machine, started
# by hand (there is no systemd) with a slurm.conf written here, in a private folder of the build
# tree, on ports of its own (the CMake and the Meson copy of this test can run at once):
#   1. grade the sample class unsharded, here: the reference;
#   2. grade it with --slurm --shards 4 --wait: exit 0, job ids and follow commands printed, the
#      summary printed, and the reports equal the reference's (grades.csv byte for byte, report.json
#      but for the measured figures);
#   3. again, and `scontrol requeue` a shard task while it runs (after it journaled a result): the
#      task restarts (Restarts=1, its log appended to: "restart 1" and "N of M results were already
#      in the journal" with N > 0), and the final reports still equal the reference's;
#   4. a shard that fails: reported by number with the tail of its log, exit 5, and the merge job
#      cancelled by Slurm (--kill-on-invalid-dep=yes), not left pending;
#   5. bad input: a partition that does not exist (sbatch's own message on one line, exit 5, nothing
#      left queued), an OUT that cannot be written (exit 3 before submitting), no sbatch on PATH
#      (one line naming the package, exit 5).
# Every daemon it started (munged, slurmctld, slurmd) is stopped by pid on the way out, failure
# or not. Installs nothing: scripts/install-deps.sh test installs slurm-wlm and munge. Without them,
# or where the daemons cannot start, it says so in one line and exits 77 (a skip for ctest and meson).
#
# Usage: slurm_test.sh cmake|meson BUILD_DIR SOURCE_DIR
set -euo pipefail

mode=${1:?usage: slurm_test.sh cmake|meson BUILD_DIR SOURCE_DIR}
build=$(cd "${2:?missing BUILD_DIR}" && pwd)
source=$(cd "${3:?missing SOURCE_DIR}" && pwd)
exe=$build/engine/exengine
class=$source/examples/sample-class
# The whole sample class: 12 students x the 11 exercises of its topic.
grade_args=(--topic threads)
py=/usr/bin/python3

say() { printf 'slurm_test [%3ss] %s\n' "$SECONDS" "$*"; }
skip() { echo "slurm_test: SKIP: $*"; exit 77; }
fail() { echo "slurm_test: FAIL: $*" >&2; exit 1; }

for tool in munged slurmctld slurmd sbatch scontrol sinfo squeue scancel; do
  command -v "$tool" >/dev/null 2>&1 || skip "$tool is not installed (scripts/install-deps.sh test installs slurm-wlm and munge)"
done
[ "$(id -u)" -eq 0 ] || skip "slurmd must run as root to start jobs; run the suite as root"
[ -x "$exe" ] || fail "$exe is not built"

# Not under /tmp: tier A gives every run a private /tmp. Per build tree, so two copies never meet.
state=$build/slurm-test
pids=()
cleanup() {
  local status=$?
  if [ -n "${SLURM_CONF:-}" ] && [ -f "$SLURM_CONF" ] && [ ${#pids[@]} -gt 0 ]; then
    scancel --quiet --full --signal=KILL -u root 2>/dev/null || true  # our cluster's jobs only (SLURM_CONF)
    for _ in $(seq 50); do [ -z "$(squeue -h 2>/dev/null)" ] && break; sleep 0.2; done
  fi
  for ((i = ${#pids[@]} - 1; i >= 0; i--)); do kill "${pids[i]}" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do
    for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -KILL "$pid" 2>/dev/null || true
  done
  exit "$status"
}
trap cleanup EXIT
trap 'exit 1' INT TERM

rm -rf "$state"
mkdir -p "$state"/{munge,etc,ctld,spool,log}
chmod 755 "$state"
chmod 700 "$state/munge"

# Ports of this build tree: two in 20000-59999 from a hash of its path (the next free pair).
port=$(( 20000 + $(printf '%s' "$state" | cksum | cut -d' ' -f1) % 40000 / 2 * 2 ))
port_busy() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
while port_busy "$port" || port_busy $((port + 1)); do port=$((port + 2)); done

# ---- munge: a private key and socket --------------------------------------------------------------
key=$state/munge/munge.key
if [ ! -s "$key" ]; then
  dd if=/dev/urandom of="$key" bs=1024 count=1 status=none
fi
chmod 400 "$key"
socket=$state/munge/munge.socket
munged --foreground --force --key-file="$key" --socket="$socket" --pid-file="$state/munge/munged.pid" \
  --log-file="$state/log/munged.log" --seed-file="$state/munge/munged.seed" >"$state/log/munged.out" 2>&1 &
pids+=($!)

# ---- slurm.conf ---------------------------------------------------------------------------------
node=$(hostname -s)
cpus=$(nproc)
export SLURM_CONF=$state/etc/slurm.conf
cat >"$SLURM_CONF" <<EOF
# Written by tests/slurm_test.sh: a one-node cluster of this machine, private to $state.
ClusterName=exengine-test
SlurmctldHost=$node(127.0.0.1)
SlurmctldPort=$port
SlurmdPort=$((port + 1))
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
CredType=cred/munge
# cred_expire: also how long a requeued job waits before it may start again (default 120 s).
AuthInfo=socket=$socket,cred_expire=10
StateSaveLocation=$state/ctld
SlurmdSpoolDir=$state/spool/%n
SlurmctldPidFile=$state/ctld/slurmctld.pid
SlurmdPidFile=$state/spool/slurmd-%n.pid
SlurmctldLogFile=$state/log/slurmctld.log
SlurmdLogFile=$state/log/slurmd-%n.log
SlurmctldDebug=info
SlurmdDebug=info
# No systemd and hybrid cgroups here: track a job's processes by their parent links.
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
JobCompType=jobcomp/none
MailProg=/bin/true
SwitchType=switch/none
MpiDefault=none
ReturnToService=2
# cons_tres with memory as a consumable needs a default per CPU, or every job asks for the whole
# node's memory and the array runs one task at a time.
SelectType=select/cons_tres
SelectTypeParameters=CR_Core_Memory
DefMemPerCPU=1000
# Start array tasks at once (the default batch_sched_delay of 3 s serialises an array).
SchedulerParameters=batch_sched_delay=0,sched_min_interval=0
SchedulerType=sched/backfill
MinJobAge=300
SlurmctldTimeout=30
SlurmdTimeout=30
InactiveLimit=0
KillWait=5
NodeName=$node NodeAddr=127.0.0.1 CPUs=$cpus RealMemory=$((cpus * 1000 + 500)) State=UNKNOWN
PartitionName=grading Nodes=$node Default=YES MaxTime=INFINITE State=UP
EOF

slurmctld -D -i -f "$SLURM_CONF" >"$state/log/slurmctld.out" 2>&1 &
pids+=($!)
slurmd -D -f "$SLURM_CONF" -N "$node" >"$state/log/slurmd.out" 2>&1 &
pids+=($!)
t0=$SECONDS
until [ "$(sinfo -h -o %T 2>/dev/null)" = idle ]; do
  if [ $((SECONDS - t0)) -gt 30 ]; then
    tail -n 5 "$state"/log/*.log "$state"/log/*.out 2>/dev/null | sed 's/^/  /'
    skip "the Slurm daemons did not start: node state '$(sinfo -h -o %T 2>&1 | head -n 1)' after 30 s (logs in $state/log)"
  fi
  for pid in "${pids[@]}"; do
    kill -0 "$pid" 2>/dev/null || { tail -n 5 "$state"/log/*.out "$state"/log/*.log 2>/dev/null | sed 's/^/  /';
      skip "a Slurm daemon (pid $pid) exited at start (logs in $state/log)"; }
  done
  sleep 0.2
done
say "munged, slurmctld and slurmd up (pids ${pids[*]}, ports $port-$((port + 1)), node $node idle)"

# ---- 1. the reference: unsharded, here -----------------------------------------------------------
status=0
"$exe" grade "$class" --out "$state/whole" --quiet "${grade_args[@]}" >"$state/whole.txt" 2>&1 || status=$?
[ "$status" -eq 0 ] || { cat "$state/whole.txt"; fail "the unsharded grade exited $status (0 expected: reports written)"; }
say "unsharded reference graded"

same_reports() {  # same_reports DIR: its reports equal the reference's
  cmp -s "$state/whole/grades.csv" "$1/grades.csv" ||
    { diff "$state/whole/grades.csv" "$1/grades.csv" | head -n 20; fail "$1/grades.csv differs from the unsharded run's"; }
  "$py" - "$state/whole/report.json" "$1/report.json" <<'PY' || fail "$1/report.json differs from the unsharded run's"
import json, re, sys
# Measured figures differ from run to run (report/json_report.h says which), and so does the name of
# each run's private folder (its pid and a random part) where a traceback prints it; nothing else may.
measured = {"wall_ms", "cpu_ms", "peak_rss_kb"}
run_dir = re.compile(r"/tmp/exengine-runs-[0-9]+/run-[0-9]+-[0-9]+-[0-9a-f]+/")
def strip(v):
    if isinstance(v, dict):
        return {k: strip(x) for k, x in v.items() if k not in measured}
    if isinstance(v, list):
        return [strip(x) for x in v]
    if isinstance(v, str):
        return run_dir.sub("RUN/", v)
    return v
a, b = (strip(json.load(open(p))) for p in sys.argv[1:3])
if a != b:
    for sa, sb in zip(a["students"], b["students"]):
        if sa != sb:
            print("first difference: student", sa["name"], file=sys.stderr)
            for ra, rb in zip(sa["results"], sb["results"]):
                if ra != rb:
                    print(" ", json.dumps(ra)[:600], "\n  vs\n ", json.dumps(rb)[:600], file=sys.stderr)
                    break
            break
    sys.exit(1)
PY
}

# ---- 2. --slurm --shards 4 --wait ------------------------------------------------------------------
status=0
"$exe" grade "$class" --out "$state/slurm" --slurm --shards 4 --wait "${grade_args[@]}" \
  >"$state/slurm.txt" 2>"$state/slurm.err" || status=$?
[ "$status" -eq 0 ] || { cat "$state/slurm.txt" "$state/slurm.err"; fail "grade --slurm --wait exited $status"; }
grep -Eq '^submitted: 4 shards as array job [0-9]+, then merge job [0-9]+ \(after all shards succeed\)$' "$state/slurm.txt" ||
  { cat "$state/slurm.txt"; fail "no 'submitted: ... job ids' line"; }
grep -Eq '^follow: squeue -j [0-9]+,[0-9]+$' "$state/slurm.txt" || fail "no squeue command printed"
grep -Eq '^follow: sacct -j [0-9]+,[0-9]+ ' "$state/slurm.txt" || fail "no sacct command printed"
grep -q '^slurm: shards 4/4 done, 0 running, 0 pending; merge completed$' "$state/slurm.err" ||
  { cat "$state/slurm.err"; fail "no final progress line"; }
grep -q '^12 students, 11 exercises, 132 results: ' "$state/slurm.txt" || { cat "$state/slurm.txt"; fail "no summary printed"; }
same_reports "$state/slurm"
for k in 1 2 3 4; do
  [ "$("$py" -c 'import json,sys; j=json.load(open(sys.argv[1])); print(j["shard"], j["shards"])' "$state/slurm/shards/$k/shard.json")" = "$k 4" ] ||
    fail "shards/$k/shard.json does not say shard $k of 4"
done
say "--slurm --shards 4 --wait: reports equal the unsharded run's ($(grep -c . "$state/slurm/journal.jsonl") results)"

# ---- 3. a shard requeued while it runs ---------------------------------------------------------------
status=0
# The files exist before the grade starts: the background shell opens its redirections only when it
# runs, and the loop below may read them first (under set -e a missing file ended the test; CI, once).
: >"$state/requeue.txt"
: >"$state/requeue.err"
"$exe" grade "$class" --out "$state/requeue" --slurm --shards 4 --wait "${grade_args[@]}" \
  >"$state/requeue.txt" 2>"$state/requeue.err" &
grade_pid=$!
job=
requeued=
t0=$SECONDS
while [ -z "$requeued" ]; do
  [ $((SECONDS - t0)) -lt 60 ] || fail "no shard task ran with a journaled result within 60 s"
  kill -0 "$grade_pid" 2>/dev/null || { cat "$state/requeue.txt" "$state/requeue.err"; fail "grade --slurm ended before a task could be requeued"; }
  [ -n "$job" ] || job=$(sed -n 's/^submitted: 4 shards as array job \([0-9]*\),.*/\1/p' "$state/requeue.txt" || true)
  if [ -n "$job" ]; then
    for k in $(squeue -h -j "$job" -t RUNNING -o %K 2>/dev/null); do
      journal=$state/requeue/shards/$k/journal.jsonl
      lines=$(grep -c . "$journal" 2>/dev/null || true)
      # At least one result in, and the shard not yet done (it has 3 students x 11 exercises).
      if [ "${lines:-0}" -ge 1 ] && [ "${lines:-0}" -lt 33 ]; then
        scontrol requeue "${job}_$k" && requeued=$k && break
      fi
    done
  fi
  sleep 0.1
done
say "requeued task ${job}_$requeued while it ran ($lines of 33 results in its journal)"
wait "$grade_pid" || status=$?
[ "$status" -eq 0 ] || { cat "$state/requeue.txt" "$state/requeue.err"; fail "grade --slurm --wait exited $status after the requeue"; }
restarts=$(scontrol -o show job "${job}_$requeued" | sed -n 's/.* Restarts=\([0-9]*\) .*/\1/p')
[ "$restarts" = 1 ] || fail "task ${job}_$requeued: Restarts=$restarts, not 1"
log=$state/requeue/shards/$requeued.log
grep -q "^exengine: shard $requeued of 4, job [0-9]* on .*, restart 0$" "$log" || { cat "$log"; fail "$log lost its first run (no --open-mode=append?)"; }
grep -q "^exengine: shard $requeued of 4, job [0-9]* on .*, restart 1$" "$log" || { cat "$log"; fail "$log shows no restart"; }
resumed=$(sed -n 's/^resumed: \([0-9]*\) of 33 results were already in the journal$/\1/p' "$log")
[ -n "$resumed" ] && [ "$resumed" -ge 1 ] || { cat "$log"; fail "the requeued shard did not resume from its journal"; }
grep -q '(1 requeued)' "$state/requeue.err" || { cat "$state/requeue.err"; fail "the progress line never showed the requeue"; }
same_reports "$state/requeue"
say "requeued shard restarted (Restarts=1; its log: resumed: $resumed of 33 results were already in the journal); reports equal"

# ---- 4. a shard that fails: named by number with its log's tail, exit 5, the merge cancelled ------
mkdir -p "$state/failing/shards"
: >"$state/failing/shards/3"  # a file where shard 3's folder must go: its grade cannot write
status=0
"$exe" grade "$class" --out "$state/failing" --slurm --shards 4 --wait --student alice,bob "${grade_args[@]}" \
  >"$state/failing.txt" 2>"$state/failing.err" || status=$?
[ "$status" -eq 5 ] || { cat "$state/failing.txt" "$state/failing.err"; fail "a failed shard: exit $status, not 5"; }
grep -q "^exengine: error: shard 3 of 4 failed (FAILED, exit 3:0); the end of $state/failing/shards/3.log:\$" "$state/failing.err" &&
  grep -q "^  | exengine: error: $state/failing/shards/3: cannot create the output folder: Not a directory\$" "$state/failing.err" ||
  { cat "$state/failing.err"; fail "a failed shard is not reported by number with its log's tail"; }
merge_job=$(sed -n 's/^submitted: .*, then merge job \([0-9]*\) .*/\1/p' "$state/failing.txt")
for _ in $(seq 50); do
  merge_state=$(scontrol -o show job "$merge_job" | sed -n 's/.* JobState=\([A-Z_]*\) .*/\1/p')
  [ "$merge_state" = CANCELLED ] && break
  sleep 0.2
done
[ "$merge_state" = CANCELLED ] || fail "the merge job after a failed shard is $merge_state, not CANCELLED (--kill-on-invalid-dep)"
say "a failed shard: $(head -n 1 <(grep '^exengine: error' "$state/failing.err")); merge job $merge_state"

# ---- 5. bad input: a partition that does not exist --------------------------------------------------
status=0
"$exe" grade "$class" --out "$state/nopart" --slurm --partition nosuch "${grade_args[@]}" \
  >"$state/nopart.txt" 2>"$state/nopart.err" || status=$?
[ "$status" -eq 5 ] || { cat "$state/nopart.err"; fail "an unknown partition: exit $status, not 5"; }
# (Other lines may be warnings about lessons that are not built; the error is one line.)
[ "$(grep -c '^exengine: error' "$state/nopart.err")" -eq 1 ] && [ "$(grep -vc '^exengine: ' "$state/nopart.err")" -eq 0 ] ||
  { cat "$state/nopart.err"; fail "an unknown partition: not one line"; }
grep -q '^exengine: error: sbatch refused the job: sbatch: error: invalid partition specified: nosuch' "$state/nopart.err" ||
  { cat "$state/nopart.err"; fail "an unknown partition: not sbatch's own message"; }
[ -z "$(squeue -h)" ] || { squeue; fail "jobs left queued after a refused submission"; }
say "unknown partition: $(grep '^exengine: error' "$state/nopart.err")"

# An OUT that cannot be written: caught before anything is submitted.
status=0
"$exe" grade "$class" --out /proc/exengine-out --slurm "${grade_args[@]}" >/dev/null 2>"$state/noout.err" || status=$?
[ "$status" -eq 3 ] && [ "$(grep -v '^exengine: warning' "$state/noout.err")" = \
  "exengine: error: /proc/exengine-out: cannot create the output folder: No such file or directory" ] ||
  { cat "$state/noout.err"; fail "an unwritable OUT: exit $status"; }
[ -z "$(squeue -h)" ] || { squeue; fail "jobs queued for an unwritable OUT"; }

# No sbatch on PATH: one line naming the package.
status=0
PATH=/nonexistent "$exe" grade "$class" --out "$state/nosbatch" --slurm "${grade_args[@]}" \
  >/dev/null 2>"$state/nosbatch.err" || status=$?
[ "$status" -eq 5 ] && [ "$(grep -v '^exengine: warning' "$state/nosbatch.err")" = \
  "exengine: error: sbatch is not on PATH: install Slurm's client (Debian package slurm-client)" ] ||
  { cat "$state/nosbatch.err"; fail "no sbatch: exit $status"; }
say "PASS ($mode build)"
