#!/bin/sh
# Run once per image build (scripts/build-images.ts) in a container whose
# /var/lib/docker is a tmpfs: imports the course images, then moves the engine's
# image store into the root filesystem, where `docker commit` keeps it.
set -eu
. /opt/netlab/lib.sh

remount_cgroups
start_dockerd
import_images
stop_dockerd
rm -rf /opt/netlab/store /opt/netlab/layers
mkdir -p /opt/netlab/store /opt/netlab/layers
for diff in /var/lib/docker/overlay2/*/diff; do
  id=${diff%/diff}
  id=${id##*/}
  cp -a "$diff" "/opt/netlab/layers/$id"
  rm -rf "$diff"
  mkdir "$diff"
done
# A device node, which a user namespace may not create when the store is
# restored; the engine makes it again at start.
rm -f /var/lib/docker/volumes/backingFsBlockDev
cp -a /var/lib/docker/. /opt/netlab/store/
rm -rf /opt/netlab/store/tmp /opt/netlab/store/runtimes
log "baked $(ls /opt/netlab/layers | wc -l) layers"
