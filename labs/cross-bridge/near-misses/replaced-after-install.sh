#!/bin/sh
# net-tools was installed, then its ifconfig was replaced by a script.
# expect: ifconfig-in-nginx1: was changed after net-tools installed it
set -eu
docker exec nginx1 sh -c 'apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q net-tools' >/dev/null
docker exec nginx1 sh -c 'printf "#!/bin/sh\nexec ip addr\n" >/usr/sbin/ifconfig'
docker exec nginx1 ifconfig >/dev/null
