#!/usr/bin/env bash
# Installs what PhoneFleet needs on a Debian 12 machine: Debian packages, the Dear ImGui
# source (apt-get source, with deb-src entries derived from the configured deb entries) and
# the npm tools of the browser tests. Idempotent: a second run only checks.
set -euo pipefail
cd "$(dirname "$0")/.."

PACKAGES=(
  build-essential cmake pkg-config git ca-certificates dpkg-dev
  libcpp-httplib-dev nlohmann-json3-dev libsqlite3-dev sqlite3 catch2 libsodium-dev libssl-dev
  libosip2-dev
  clang libclang-rt-14-dev
  emscripten
  fonts-dejavu-core
  ieee-data
  chromium
  sip-tester baresip kamailio kamailio-sqlite-modules
  wrk curl bc time
  prometheus
)

stamp=build/.deps-stamp
want="$(printf '%s\n' "${PACKAGES[@]}" | sha1sum | cut -c1-12)"

SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"

missing=()
for p in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
# node and npm: Debian 12's node 18 with its npm, or any newer node already there (some images
# ship NodeSource's, which conflicts with Debian's separate npm package).
command -v node >/dev/null || missing+=(nodejs)
command -v npm >/dev/null || missing+=(npm)
if [ ${#missing[@]} -gt 0 ]; then
  echo "[deps] installing: ${missing[*]}"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

# Dear ImGui: Debian's libimgui-dev lacks the core .cpp files, so take the source package.
IMGUI_DIR=third_party/imgui
if [ ! -f "$IMGUI_DIR/imgui.cpp" ]; then
  srcfile=/etc/apt/sources.list.d/phonefleet-deb-src.sources
  if ! grep -rqs "deb-src" /etc/apt/sources.list /etc/apt/sources.list.d/ ; then
    echo "[deps] adding deb-src entries derived from the configured deb entries"
    tmp=$(mktemp)
    if [ -f /etc/apt/sources.list.d/debian.sources ]; then
      sed -e 's/^Types: deb$/Types: deb-src/' /etc/apt/sources.list.d/debian.sources > "$tmp"
    fi
    if [ -f /etc/apt/sources.list ]; then
      grep -E '^deb ' /etc/apt/sources.list | sed -e 's/^deb /deb-src /' > "$tmp.list" || true
      [ -s "$tmp.list" ] && $SUDO cp "$tmp.list" /etc/apt/sources.list.d/phonefleet-deb-src.list
    fi
    [ -s "$tmp" ] && $SUDO cp "$tmp" "$srcfile"
    $SUDO apt-get update -qq
  fi
  work=$(mktemp -d)
  (cd "$work" && apt-get source -qq --download-only imgui >/dev/null && dpkg-source -x --skip-patches imgui_*.dsc src >/dev/null)
  mkdir -p "$IMGUI_DIR"
  cp "$work"/src/*.cpp "$work"/src/*.h "$IMGUI_DIR"/
  mkdir -p "$IMGUI_DIR/backends"
  cp "$work"/src/backends/imgui_impl_glfw.* "$work"/src/backends/imgui_impl_opengl3* "$IMGUI_DIR/backends/"
  rm -rf "$work"
  echo "[deps] Dear ImGui source in $IMGUI_DIR"
fi

# The npm tools of the browser tests, the API-contract check and the benchmarks' references,
# each pinned by its lockfile at versions that run on Debian 12's own Node 18 (npm ci installs
# exactly the lockfile, never a newer release). No browser download: Debian's chromium is used.
for dir in tests/browser tests/api bench; do
  if [ ! -d "$dir/node_modules" ] || [ "$dir/package-lock.json" -nt "$dir/node_modules" ]; then
    (cd "$dir" && npm ci --no-audit --no-fund --loglevel=error && touch node_modules)
  fi
done

mkdir -p build && echo "$want" > "$stamp"
