#!/bin/sh
# ifconfig in nginx1 is a shell script that calls ip: no package installed it.
# expect: ifconfig-in-nginx1: dpkg says net-tools is not installed in nginx1
set -eu
docker exec nginx1 sh -c 'printf "#!/bin/sh\nexec ip addr \"\$@\"\n" >/usr/local/bin/ifconfig && chmod +x /usr/local/bin/ifconfig'
docker exec nginx1 ifconfig >/dev/null
