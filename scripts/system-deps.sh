#!/usr/bin/env bash
# Installs the Debian packages the test suites need, when they are missing: chromium (webview
# and workbench tests, driven by playwright-core; never a downloaded browser), and the toolchain
# plus libkrb5-dev that code-server's native modules compile against. Idempotent and quiet.
set -euo pipefail
need=()
command -v chromium >/dev/null 2>&1 || need+=(chromium)
for pkg in libkrb5-dev pkg-config build-essential python3; do
  dpkg -s "$pkg" >/dev/null 2>&1 || need+=("$pkg")
done
[ ${#need[@]} -eq 0 ] && exit 0
if [ "$(id -u)" != 0 ]; then
  echo "l2spec tests need these Debian packages: ${need[*]}" >&2
  echo "install them with: sudo apt-get install -y --no-install-recommends ${need[*]}" >&2
  exit 1
fi
echo "[system-deps] installing ${need[*]}"
apt-get update -qq
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
