#!/bin/sh
# The ingress lab, solved as chapter 9 does it: the rules written before the
# controller starts, so nginx never reads a half-written file. Parameters arrive
# as environment variables: $domain.
set -eu
cat >/root/ingress/default.conf <<CONF
server {
    listen 80;
    server_name shop.$domain;
    location /api/ {
        proxy_pass http://api;
        proxy_set_header Host \$host;
    }
    location / {
        proxy_pass http://web;
        proxy_set_header Host \$host;
    }
}
server {
    listen 80 default_server;
    return 404 "no ingress rule for host \$host\n";
}
CONF
docker run -d --name ingress --network cluster -p 8080:80 \
  -v /root/ingress/default.conf:/etc/nginx/sites-enabled/default:ro nginx
timeout 60 sh -c 'until curl -s -m 2 -o /dev/null http://localhost:8080/; do sleep 0.2; done'
docker run -d --name web-2 --network cluster --network-alias web httpd
docker exec web-2 sh -c 'echo "<h1>shop front (web-2)</h1>" > /var/www/html/index.html'
docker exec ingress nginx -s reload
sleep 1
