#!/usr/bin/env bash
# Makes the image `debian:trixie-slim` from Debian's packages when no container
# registry can be reached. Where a registry answers, `docker pull` is used instead
# and this script does nothing, so the Dockerfiles build unchanged everywhere.
#
#   labs/images/base/make-debian-base.sh [tag]      (default debian:trixie-slim)
set -euo pipefail

tag=${1:-debian:trixie-slim}
suite=${tag#debian:}
suite=${suite%-slim}
mirror=${DEBIAN_MIRROR:-http://deb.debian.org/debian}

if docker image inspect "$tag" >/dev/null 2>&1; then
  echo "base: $tag present"
  exit 0
fi
if timeout 30 docker pull -q "$tag" >/dev/null 2>&1; then
  echo "base: pulled $tag"
  exit 0
fi
command -v debootstrap >/dev/null || {
  echo "base: debootstrap is missing (apt-get install debootstrap)" >&2
  exit 1
}

root=$(mktemp -d /tmp/netlab-rootfs.XXXXXX)
trap 'rm -rf "$root"' EXIT
echo "base: building $tag with debootstrap from $mirror (takes a few minutes)"
debootstrap --variant=minbase --include=ca-certificates "$suite" "$root" "$mirror" >/tmp/netlab-debootstrap.log 2>&1 || {
  tail -20 /tmp/netlab-debootstrap.log >&2
  exit 1
}

# The same trimming the official slim images do: no docs, man pages or locales.
cat >"$root/etc/dpkg/dpkg.cfg.d/docker-slim" <<'EOF'
path-exclude /usr/share/doc/*
path-include /usr/share/doc/*/copyright
path-exclude /usr/share/man/*
path-exclude /usr/share/info/*
path-exclude /usr/share/locale/*
path-include /usr/share/locale/locale.alias
EOF
find "$root/usr/share/doc" -mindepth 2 -not -name copyright -not -type d -delete 2>/dev/null || true
rm -rf "$root"/usr/share/man/* "$root"/usr/share/info/* "$root"/var/cache/apt/*.bin \
  "$root"/var/lib/apt/lists/* "$root"/var/log/*.log "$root"/tmp/*
find "$root/usr/share/locale" -mindepth 1 -maxdepth 1 -not -name locale.alias -exec rm -rf {} +
printf 'Types: deb\nURIs: %s\nSuites: %s %s-updates\nComponents: main\nSigned-By: /usr/share/keyrings/debian-archive-keyring.gpg\n' \
  "$mirror" "$suite" "$suite" >"$root/etc/apt/sources.list.d/debian.sources"
rm -f "$root/etc/apt/sources.list"
: >"$root/etc/machine-id"

tar -C "$root" --numeric-owner -c . |
  docker import -c 'CMD ["bash"]' -c 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' - "$tag" >/dev/null
echo "base: built $tag ($(docker image inspect -f '{{.Size}}' "$tag" | awk '{printf "%.0f MB", $1/1e6}'))"
