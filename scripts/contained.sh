#!/usr/bin/env bash
# Runs a command in a new PID namespace under a pids cgroup cap.
#
# The test suite executes hostile programs (fork bombs, kill(-1, SIGKILL)) through the sandbox.
# Until the sandbox is proven, a mistake in it must not reach the rest of the machine: as root,
# one escaped kill(-1) would end every process, CI included. In a new PID namespace kill(-1)
# reaches only the namespace, and the cgroup caps how many tasks a fork bomb can make.
# The tests check KUBEJUDGE_CONTAINED=1 before they run anything hostile.
set -euo pipefail

PIDS_MAX=${KUBEJUDGE_PIDS_MAX:-8192}

cap_pids() {
    local name="kubejudge-tests-$$" dir=""
    if [ -f /sys/fs/cgroup/cgroup.controllers ]; then            # cgroup v2
        if grep -qw pids /sys/fs/cgroup/cgroup.controllers; then
            dir=/sys/fs/cgroup/$name
            echo "+pids" > /sys/fs/cgroup/cgroup.subtree_control 2>/dev/null || true
        fi
    elif [ -d /sys/fs/cgroup/pids ]; then                          # cgroup v1
        dir=/sys/fs/cgroup/pids/$name
    fi
    if [ -n "$dir" ] && mkdir -p "$dir" 2>/dev/null && echo "$PIDS_MAX" > "$dir/pids.max" 2>/dev/null \
            && echo $$ > "$dir/cgroup.procs" 2>/dev/null; then
        echo "contained: pids cgroup $dir (pids.max=$PIDS_MAX)" >&2
        CGROUP_DIR=$dir
    else
        echo "contained: no writable pids cgroup here; relying on the PID namespace and RLIMIT_NPROC" >&2
        CGROUP_DIR=""
    fi
}

if [ "$(id -u)" != 0 ]; then
    echo "contained.sh: needs root for unshare --pid (run as root, as CI does)" >&2
    exit 1
fi

cap_pids
status=0
unshare --pid --fork --mount-proc env KUBEJUDGE_CONTAINED=1 "$@" || status=$?
if [ -n "${CGROUP_DIR:-}" ]; then
    # Leave the cgroup before removing it; rmdir fails harmlessly if something is still inside.
    echo $$ > "$(dirname "$CGROUP_DIR")/cgroup.procs" 2>/dev/null || true
    rmdir "$CGROUP_DIR" 2>/dev/null || true
fi
exit $status
