#!/usr/bin/env bash
# Builds a stand-in for eclipse-temurin:25-jre as a `docker save` tarball from a locally installed
# Temurin 25 JDK, for machines that reach Maven Central but no container registry. The result has
# only what the JVM needs (a jlink runtime under /opt/java/openjdk, the shared libraries it links,
# /tmp), so it proves that the images build and start; production images use the real base.
#
#   deploy/images/local-base-image.sh [JDK_HOME] [OUT_TAR]
#   ./mvnw -Pimages package -Dparley.image.base=tar://$PWD/target/parley-local-base.tar
set -euo pipefail

jdk=${1:-/usr/lib/jvm/temurin-25-jdk-amd64}
out=${2:-target/parley-local-base.tar}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
root=$work/rootfs

# Every module of the JDK but jlink and jpackage (newer JDKs link from their own run-time image,
# without jmods, and cannot copy jlink that way).
modules=$("$jdk/bin/java" --list-modules | sed 's/@.*//' | grep -vx -e jdk.jlink -e jdk.jpackage | paste -sd, -)
"$jdk/bin/jlink" --add-modules "$modules" --strip-debug --no-man-pages --no-header-files \
    --output "$root/opt/java/openjdk"

# Every shared library the runtime links against, at the path the loader expects it.
find "$root/opt/java/openjdk" -name '*.so' -o -path '*/bin/*' -type f | while read -r f; do
    ldd "$f" 2>/dev/null | grep -o '/[^ ]*' || true
done | sort -u | while read -r lib; do
    mkdir -p "$root$(dirname "$lib")"
    cp -L "$lib" "$root$lib"
done
mkdir -p "$root/tmp" "$root/etc"
chmod 1777 "$root/tmp"
echo 'root:x:0:0:root:/root:/sbin/nologin' > "$root/etc/passwd"
echo 'root:x:0:' > "$root/etc/group"

mkdir -p "$work/image"
tar --numeric-owner --owner=0 --group=0 --sort=name --mtime=@0 -C "$root" -cf "$work/image/layer.tar" .
diff_id=sha256:$(sha256sum "$work/image/layer.tar" | cut -d' ' -f1)
cat > "$work/image/config.json" <<JSON
{"architecture":"amd64","os":"linux",
 "config":{"Env":["PATH=/opt/java/openjdk/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin","JAVA_HOME=/opt/java/openjdk"]},
 "rootfs":{"type":"layers","diff_ids":["$diff_id"]}}
JSON
echo '[{"Config":"config.json","RepoTags":["parley-local-base:25"],"Layers":["layer.tar"]}]' > "$work/image/manifest.json"
mkdir -p "$(dirname "$out")"
tar -C "$work/image" -cf "$out" manifest.json config.json layer.tar
echo "$out"
