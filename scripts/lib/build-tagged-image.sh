# Sourced by scripts/build-images.sh and scripts/build-runner-image.sh (which define log, fail and
# now_ms): how both skip a build whose inputs are unchanged.
#
# build_tagged_image <image> <hash_tag> <build_log> <docker build arguments...>
# When <hash_tag> (<repository>:inputs-<hash of the inputs>) exists, tags it as <image>. Otherwise
# builds with both tags, the build's output in <build_log>, then removes the repository's other
# inputs-* tags: images of earlier inputs are dead weight (each holds a JRE or a JDK and compilers).
build_tagged_image() {
  local image=$1 hash_tag=$2 build_log=$3 t0 tag
  shift 3
  local repo=${hash_tag%:*}
  if docker image inspect "$hash_tag" >/dev/null 2>&1; then
    docker tag "$hash_tag" "$image"
    log "up to date: $image = $hash_tag"
    return
  fi
  mkdir -p "$(dirname "$build_log")"
  log "building $image (log: $build_log)"
  t0=$(now_ms)
  if ! docker build --network host -t "$image" -t "$hash_tag" "$@" >"$build_log" 2>&1; then
    tail -n 30 "$build_log" >&2
    fail "docker build of $image failed (full log: $build_log)"
  fi
  log "docker build of $image took $(( $(now_ms) - t0 )) ms"
  for tag in $(docker images "$repo" --format '{{.Tag}}'); do
    case $tag in inputs-*) [ "$tag" = "${hash_tag#*:}" ] || docker rmi "$repo:$tag" >/dev/null 2>&1 || true ;; esac
  done
}
