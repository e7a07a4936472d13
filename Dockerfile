# The lab server image: the site and the server, running as a non-root user that
# starts sandboxes on Netlab's isolated engine through its mounted socket. On the
# host, `npm run images` (as root) starts that engine and loads the sandbox image
# into it; then:
#
#   docker build -t netlab/server .
#   docker run -d -p 127.0.0.1:8080:8080 -v /var/lib/netlab/engine/docker.sock:/var/run/docker.sock \
#     --group-add "$(stat -c %g /var/lib/netlab/engine/docker.sock)" -v netlab-data:/data netlab/server
#
# Inside its container the server listens on every interface (HOST=0.0.0.0), or
# the published port could not reach it; the -p address decides who does. Publish
# it beyond 127.0.0.1 only with -e ALLOWED_HOSTS=<the names readers use> (and
# TRUST_PROXY behind a proxy): see "Exposing the server" in the self-hosting guide.
#
# BASE is an argument so that the image also builds where no registry can be
# reached, from the base made by labs/images/base/make-debian-base.sh.
ARG BASE=debian:trixie-slim

FROM ${BASE} AS build
# PEM certificates to trust while fetching packages, for networks whose proxy
# intercepts TLS (CA certificates are public; this stage is not shipped).
ARG EXTRA_CA_CERTS=
RUN apt-get update && apt-get install -y --no-install-recommends nodejs npm ca-certificates \
 && rm -rf /var/lib/apt/lists/* \
 && if [ -n "$EXTRA_CA_CERTS" ]; then \
      printf '%s\n' "$EXTRA_CA_CERTS" >/usr/local/share/ca-certificates/extra.crt && update-ca-certificates; \
    fi
ENV NODE_EXTRA_CA_CERTS=/etc/ssl/certs/ca-certificates.crt
WORKDIR /app
COPY package.json package-lock.json ./
# Debian's Node only runs npm; the project's own Node 24 comes with the dependencies.
# Debian's npm does not read package.json's allowScripts, so install scripts are
# off and the allowed ones (allowScripts: true) run by name.
RUN npm ci --no-audit --no-fund --ignore-scripts \
 && npm rebuild --no-audit --no-fund node esbuild
COPY . .
RUN npm run build && npm prune --omit=dev --no-audit --no-fund

FROM ${BASE}
ARG DOCKER_GID=999
RUN groupadd --system --gid "${DOCKER_GID}" docker \
 && useradd --system --create-home --user-group --groups docker netlab \
 && mkdir /data && chown netlab:netlab /data
WORKDIR /app
COPY --from=build --chown=root:root /app/package.json ./
COPY --from=build --chown=root:root /app/node_modules ./node_modules
COPY --from=build --chown=root:root /app/server ./server
COPY --from=build --chown=root:root /app/labs ./labs
COPY --from=build --chown=root:root /app/dist ./dist
USER netlab
ENV NODE_ENV=production HOST=0.0.0.0 PORT=8080 DATA_DIR=/data DOCKER_SOCKET=/var/run/docker.sock
VOLUME /data
EXPOSE 8080
STOPSIGNAL SIGTERM
CMD ["/app/node_modules/.bin/node", "server/main.ts"]
