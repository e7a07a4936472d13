#!/bin/sh
# Runs under docker-init in every sandbox: prepares cgroups and the image store,
# serves the package mirror, starts dockerd, then prints the line the lab server
# waits for ("netlab: ready").
set -eu
. /opt/netlab/lib.sh

remount_cgroups
rm -rf /run/netlab
mkdir -p /run/netlab /var/log/netlab
restore_store
busybox httpd -p 3142 -h /opt/netlab/mirror
start_dockerd
trap 'stop_dockerd; exit 0' TERM INT
import_images
touch /run/netlab/ready
log "ready"
wait "$dockerd_pid"
