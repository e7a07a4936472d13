#!/bin/sh
# The two locations point at the wrong services: /api/ goes to web, the rest to api.
# expect: route-shop: http://localhost:8080/api/
set -eu
cat >/root/ingress/default.conf <<CONF
server {
    listen 80;
    server_name shop.$domain;
    location /api/ { proxy_pass http://web; }
    location / { proxy_pass http://api; }
}
server {
    listen 80 default_server;
    return 404 "no ingress rule for host \$host\n";
}
CONF
docker run -d --name ingress --network cluster -p 8080:80 \
  -v /root/ingress/default.conf:/etc/nginx/sites-enabled/default:ro nginx
timeout 60 sh -c 'until curl -s -m 2 -o /dev/null http://localhost:8080/; do sleep 0.2; done'
docker exec ingress nginx -s reload
sleep 0.5
