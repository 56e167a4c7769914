#!/usr/bin/env bash
# Builds Toolshed's test images without a container registry:
#   a Debian root (debootstrap) with Node.js, the npm reference MCP servers and the .NET runtime is imported once
#   as toolshed-test/base, then each server image is committed from it with its own ENTRYPOINT (layers shared).
# Images carry a label with a hash of their inputs; a second run with unchanged inputs builds nothing.
# Debian bookworm's Node.js is 18, which has no global `crypto` unless asked: the everything-server's HTTP modes need it.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
tag=test
log() { printf '[test-images] %s\n' "$*" >&2; }

inputs_hash() {
  (cd "$here" && find . -path ./node-servers/node_modules -prune -o -path ./pkg-base/node_modules -prune -o -path '*/bin' -prune -o -path '*/obj' -prune \
     -o -type f -print | LC_ALL=C sort | xargs sha256sum; cat "$repo/Directory.Packages.props") | sha256sum | cut -c1-16
}

hash=$(inputs_hash)
images=(everything memory filesystem csharp-server)

image_current() {
  local label
  label=$(docker image inspect -f '{{ index .Config.Labels "toolshed.test.inputs" }}' "$1" 2>/dev/null) || return 1
  [ "$label" = "$hash" ]
}

all_current=1
for name in base pkg-base "${images[@]}"; do
  image_current "toolshed-test/$name:$tag" || all_current=0
done
if [ "$all_current" = 1 ]; then
  log "images up to date (inputs $hash)"
  exit 0
fi

work=$(mktemp -d /tmp/toolshed-test-images.XXXXXX)
cleanup() { rm -rf "$work"; }
trap cleanup EXIT
rootfs="$work/rootfs"

if ! image_current "toolshed-test/base:$tag"; then
  log "debootstrap: Debian bookworm with nodejs (about a minute)"
  debootstrap --variant=minbase --include=nodejs,ca-certificates bookworm "$rootfs" >"$work/debootstrap.log" 2>&1 \
    || { tail -n 30 "$work/debootstrap.log" >&2; exit 1; }

  log "npm: the reference MCP servers"
  (cd "$here/node-servers" && npm ci --no-audit --no-fund --omit=dev >/dev/null)
  mkdir -p "$rootfs/opt/mcp"
  cp -a "$here/node-servers/node_modules" "$here/node-servers/package.json" "$rootfs/opt/mcp/"

  log "dotnet: the C# test server and the runtime it needs"
  dotnet publish "$here/csharp-server/TestMcpServer.csproj" -c Release -o "$rootfs/opt/testserver" \
    -p:UseAppHost=true --nologo -v quiet >/dev/null
  dotnet_root=$(dirname "$(readlink -f "$(command -v dotnet)")")
  runtime_version=$(dotnet --list-runtimes | awk '$1=="Microsoft.NETCore.App"{v=$2} END{print v}')
  mkdir -p "$rootfs/usr/share/dotnet/shared/Microsoft.NETCore.App"
  cp -a "$dotnet_root/dotnet" "$dotnet_root/host" "$rootfs/usr/share/dotnet/"
  cp -a "$dotnet_root/shared/Microsoft.NETCore.App/$runtime_version" "$rootfs/usr/share/dotnet/shared/Microsoft.NETCore.App/"
  ln -sf /usr/share/dotnet/dotnet "$rootfs/usr/bin/dotnet"
  rm -rf "$rootfs/var/cache/apt/archives"/*.deb "$rootfs/var/lib/apt/lists"/*

  log "docker import toolshed-test/base:$tag"
  tar -C "$rootfs" -c . | docker import \
    -c "LABEL toolshed.test.inputs=$hash" \
    -c 'ENV DOTNET_ROOT=/usr/share/dotnet' \
    -c 'ENV NODE_OPTIONS=--experimental-global-webcrypto' \
    -c 'WORKDIR /' \
    - "toolshed-test/base:$tag" >/dev/null
fi

if ! image_current "toolshed-test/pkg-base:$tag"; then
  # What package builds (npx://, uvx://, go://) build on in the tests, standing in for the official node, python and
  # golang images that no registry here serves: Debian's Python (with venv) and Go, and Node.js 22 with npm from npm.
  pkgroot="$work/pkgroot"
  log "debootstrap: Debian bookworm with Python and Go, for package builds (about two minutes)"
  debootstrap --variant=minbase --include=ca-certificates,python3,python3-venv,golang-go bookworm "$pkgroot" >"$work/debootstrap-pkg.log" 2>&1 \
    || { tail -n 30 "$work/debootstrap-pkg.log" >&2; exit 1; }
  log "npm: Node.js 22 and npm for the package base"
  (cd "$here/pkg-base" && npm ci --no-audit --no-fund >/dev/null)
  install -m 0755 "$here/pkg-base/node_modules/node/bin/node" "$pkgroot/usr/local/bin/node"
  mkdir -p "$pkgroot/usr/local/lib/node_modules"
  cp -a "$here/pkg-base/node_modules/npm" "$pkgroot/usr/local/lib/node_modules/npm"
  ln -sf ../lib/node_modules/npm/bin/npm-cli.js "$pkgroot/usr/local/bin/npm"
  ln -sf ../lib/node_modules/npm/bin/npx-cli.js "$pkgroot/usr/local/bin/npx"
  rm -rf "$pkgroot/var/cache/apt/archives"/*.deb "$pkgroot/var/lib/apt/lists"/*

  log "docker import toolshed-test/pkg-base:$tag"
  tar -C "$pkgroot" -c . | docker import \
    -c "LABEL toolshed.test.inputs=$hash" \
    -c 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
    -c 'WORKDIR /' \
    - "toolshed-test/pkg-base:$tag" >/dev/null
  rm -rf "$pkgroot"
fi

commit_image() {
  local name=$1 entrypoint=$2
  local cid
  cid=$(docker create "toolshed-test/base:$tag" /bin/true)
  docker commit \
    -c "ENTRYPOINT $entrypoint" \
    -c 'CMD []' \
    -c "LABEL toolshed.test.inputs=$hash" \
    "$cid" "toolshed-test/$name:$tag" >/dev/null
  docker rm "$cid" >/dev/null
  log "built toolshed-test/$name:$tag"
}

mcp=/opt/mcp/node_modules/@modelcontextprotocol
commit_image everything "[\"node\",\"$mcp/server-everything/dist/index.js\"]"
commit_image memory "[\"node\",\"$mcp/server-memory/dist/index.js\"]"
commit_image filesystem "[\"node\",\"$mcp/server-filesystem/dist/index.js\"]"
commit_image csharp-server '["/opt/testserver/TestMcpServer"]'
