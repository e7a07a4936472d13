#!/bin/sh
# The ingress runs on the default bridge: there is no DNS there, so nginx cannot
# find web and api in its rules, refuses the configuration and exits.
# expect: run-ingress: exited (exit code 1)
set -eu
cat >>/root/ingress/default.conf <<CONF
server {
    listen 80;
    server_name shop.$domain;
    location / { proxy_pass http://web; }
}
CONF
docker run -d --name ingress -p 8080:80 \
  -v /root/ingress/default.conf:/etc/nginx/sites-enabled/default:ro nginx
sleep 1
