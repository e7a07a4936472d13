# Shared by entrypoint.sh (every sandbox start) and bake.sh (once per image build).
log() { echo "netlab: $*"; }

# The container sees only its own cgroup subtree (--cgroupns private), so a
# read-write remount lets the inner engine create child cgroups and nothing more.
remount_cgroups() {
  awk '$3 == "cgroup" || $3 == "cgroup2" { print $2 }' /proc/self/mounts | while read -r m; do
    mount -o remount,bind,rw "$m" 2>/dev/null || log "warning: cannot remount $m read-write"
  done
}

# Starts dockerd in the background (pid in $dockerd_pid) and waits until it answers.
start_dockerd() {
  rm -rf /var/run/docker.pid /var/run/docker.sock /run/docker /run/containerd
  # dockerd polls a containerd it starts itself only once a second; one that is
  # already listening saves most of that second.
  containerd >/var/log/containerd.log 2>&1 &
  i=0
  until [ -S /run/containerd/containerd.sock ]; do
    i=$((i + 1))
    [ "$i" -lt 500 ] || { log "failed: containerd did not start"; exit 1; }
    sleep 0.01
  done
  dockerd --containerd=/run/containerd/containerd.sock >/var/log/dockerd.log 2>&1 &
  dockerd_pid=$!
  # Asked with curl: a `docker version` try costs ~70 ms beside the starting
  # daemon, a curl ~10, and the answer is seen sooner (cold start ~0.9x).
  i=0
  until docker_api /_ping >/dev/null; do
    i=$((i + 1))
    if [ "$i" -gt 1500 ] || ! kill -0 "$dockerd_pid" 2>/dev/null; then
      log "failed: dockerd did not answer"
      tail -n 5 /var/log/dockerd.log | sed 's/^/netlab: dockerd: /'
      exit 1
    fi
    sleep 0.02
  done
}

# GET of the engine's API path $1 (curl: a fraction of a docker CLI call's cost).
docker_api() {
  [ -S /var/run/docker.sock ] &&
    curl -sf --max-time 30 --unix-socket /var/run/docker.sock "http://docker$1"
}

stop_dockerd() {
  kill -TERM "$dockerd_pid" 2>/dev/null || true
  wait "$dockerd_pid" || true
}

# Imports every image of images.conf that the engine lacks, from the root
# filesystems the Dockerfile built into /opt/netlab/images.
import_images() {
  grep -v '^#' /opt/netlab/images.conf | while read -r name cmd; do
    [ -n "$name" ] || continue
    docker_api "/images/$name/json" >/dev/null && continue
    tar -C "/opt/netlab/images/$name" -c . | docker import -c "CMD $cmd" - "$name:latest" >/dev/null
    log "imported $name"
  done
}

# A baked image carries the engine's image store: small metadata in
# /opt/netlab/store, copied into the tmpfs, and the layer contents in
# /opt/netlab/layers, bind-mounted read-only so they cost neither time nor memory.
restore_store() {
  [ -d /opt/netlab/store ] || return 0
  cp -a /opt/netlab/store/. /var/lib/docker/
  for layer in /opt/netlab/layers/*; do
    diff="/var/lib/docker/overlay2/${layer##*/}/diff"
    mount --bind "$layer" "$diff"
    mount -o remount,bind,ro "$diff"
  done
}
