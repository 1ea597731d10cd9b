#!/usr/bin/env bash
# Installs what the judge-runner and its tests need on a fresh Debian/Ubuntu machine:
# the five languages' toolchains, a C compiler for the sandbox launcher (with the
# kernel headers it includes), util-linux's unshare/setpriv for contained tests, and
# redis-server. Idempotent: does nothing when everything is there (apt-get update runs
# once, and only when something is missing).
set -euo pipefail

PACKAGES=(
  gcc g++ libc6-dev linux-libc-dev   # C17/C++17 submissions; the launcher (seccomp/landlock headers)
  python3                            # Python submissions
  golang-go                          # Go submissions (standard library only, offline)
  openjdk-17-jdk-headless            # Java submissions, and the runner itself
  util-linux                         # unshare, setpriv: the contained test run
  redis-server                       # operator and api tests
)

missing=()
for p in "${PACKAGES[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done

if [ ${#missing[@]} -eq 0 ]; then
  echo "install-test-deps: everything is installed"
  exit 0
fi

SUDO=()
if [ "$(id -u)" -ne 0 ]; then
  SUDO=(sudo)
fi
echo "install-test-deps: installing ${missing[*]}"
"${SUDO[@]}" apt-get update -qq
"${SUDO[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"
