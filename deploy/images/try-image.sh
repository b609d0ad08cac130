#!/usr/bin/env bash
# Starts an image tarball from `./mvnw -Pimages package` without a container runtime, the way a
# locked-down pod would run it: its layers unpacked, the root filesystem mounted read-only, a
# tmpfs on /tmp, the image's user, environment and entrypoint. For checking images on machines
# that have no Docker; needs root (mount namespaces), python3 and a Linux host.
#
#   deploy/images/try-image.sh push-relay/target/push-relay-image.tar \
#       PARLEY_INTERNAL_API_SECRET=$(openssl rand -hex 32)
#   curl localhost:9084/actuator/health/readiness
#
# Extra arguments are NAME=value pairs added to the image's environment. The network is the
# host's. Stop it with Ctrl-C.
set -euo pipefail

tarball=$1
shift
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/oci" "$work/rootfs"
tar -xf "$tarball" -C "$work/oci"

# The OCI layout: index -> manifest -> config and layers, written out for the shell to read.
python3 - "$work" <<'PY'
import json, sys
work = sys.argv[1]
blob = lambda digest: f"{work}/oci/blobs/sha256/{digest.split(':')[1]}"
index = json.load(open(f"{work}/oci/index.json"))
manifest = json.load(open(blob(index["manifests"][0]["digest"])))
config = json.load(open(blob(manifest["config"]["digest"])))["config"]
open(f"{work}/layers", "w").write("".join(blob(l["digest"]) + "\n" for l in manifest["layers"]))
open(f"{work}/user", "w").write(config.get("User") or "0:0")
open(f"{work}/env", "w").write("".join(e + "\0" for e in config.get("Env", [])))
open(f"{work}/entrypoint", "w").write("".join(a + "\0" for a in (config.get("Entrypoint") or []) + (config.get("Cmd") or [])))
PY
while read -r layer; do
    tar -xzf "$layer" -C "$work/rootfs" 2>/dev/null
done < "$work/layers"
mkdir -p "$work/rootfs/proc" "$work/rootfs/tmp"
user=$(cat "$work/user")
mapfile -d '' environment < "$work/env"
mapfile -d '' entrypoint < "$work/entrypoint"

# The entrypoint's program is looked up on the image's PATH, inside the image.
path=$(printf '%s\n' "${environment[@]}" | sed -n 's/^PATH=//p')
program=${entrypoint[0]}
if [[ $program != /* ]]; then
    for dir in ${path//:/ }; do
        if [ -x "$work/rootfs$dir/$program" ]; then program=$dir/$program; break; fi
    done
fi

echo "running ${entrypoint[*]} as $user on a read-only root" >&2
unshare -m -- bash -c '
    root=$1; shift
    mount --bind "$root" "$root" && mount -o remount,bind,ro "$root"
    mount -t tmpfs tmpfs "$root/tmp" && mount -t proc proc "$root/proc"
    exec "$@"' _ "$work/rootfs" \
    env -i "${environment[@]}" "$@" chroot --userspec="$user" "$work/rootfs" "$program" "${entrypoint[@]:1}"
