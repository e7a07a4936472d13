#!/bin/sh
# The shop rules were put into the default server, so every host gets the shop:
# there is no default backend's 404 any more.
# expect: route-shop: blog.
set -eu
cat >/root/ingress/default.conf <<CONF
server {
    listen 80 default_server;
    location /api/ { proxy_pass http://api; }
    location / { proxy_pass http://web; }
}
CONF
docker run -d --name ingress --network cluster -p 8080:80 \
  -v /root/ingress/default.conf:/etc/nginx/sites-enabled/default:ro nginx
timeout 60 sh -c 'until curl -s -m 2 -o /dev/null http://localhost:8080/; do sleep 0.2; done'
docker exec ingress nginx -s reload
sleep 0.5
