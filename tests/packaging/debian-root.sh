# Sourced by the root-only packaging proofs (fresh_machine.sh, deb_in_systemd.sh):
# makes minimal Debian 12 trees with debootstrap and runs commands in them
# with systemd-nspawn. Not a test of its own.
#
# A bootstrapped tree is kept as a tarball under $JAVUMBO_ROOT_CACHE (default
# /var/cache/javumbo-test-roots), so that every run starts from the same
# pristine tree in seconds instead of downloading the base system again.

# Installs the host tools these scripts use when they are missing.
debian_root_host_tools() {
    local tool missing=()
    for tool in debootstrap:debootstrap systemd-nspawn:systemd-container; do
        command -v "${tool%%:*}" >/dev/null || missing+=("${tool#*:}")
    done
    [ ${#missing[@]} -eq 0 ] && return 0
    apt-get install -y -q "${missing[@]}" >/dev/null
}

# debian_root DIR [PACKAGE,PACKAGE,...]
# Replaces DIR with a fresh minbase Debian 12 tree, plus the named packages.
debian_root() {
    local dir=$1 include=${2:-}
    local cache_dir=${JAVUMBO_ROOT_CACHE:-/var/cache/javumbo-test-roots}
    local cache="$cache_dir/bookworm-minbase${include:+-${include//,/-}}.tar"
    # DIR is wiped below, as root, and comes from the caller's ROOTFS: never the host's own root.
    if [ -z "$dir" ] || [ "$(realpath -m "$dir")" = / ]; then
        echo "debian-root: refusing to replace '$dir' with a Debian tree" >&2
        return 1
    fi
    mkdir -p "$cache_dir"
    if [ ! -f "$cache" ]; then
        local scratch
        scratch=$(mktemp -d /var/tmp/javumbo-debootstrap.XXXXXX)
        echo "debian-root: bootstrapping Debian 12 (minbase${include:+ + $include}) once; later runs reuse $cache"
        debootstrap --variant=minbase ${include:+--include="$include"} bookworm "$scratch" http://deb.debian.org/debian >/dev/null
        tar -C "$scratch" -cf "$cache.part" .
        mv "$cache.part" "$cache"
        rm -rf "$scratch"
    fi
    rm -rf "$dir"
    mkdir -p "$dir"
    tar -C "$dir" -xf "$cache"
    chmod 755 "$dir" # the tarball's top directory came from mktemp (0700): "/" must be traversable
    cp /etc/resolv.conf "$dir/etc/resolv.conf" 2>/dev/null || true
}

# debian_root_run DIR COMMAND...: runs COMMAND as root inside DIR (no boot;
# the host's network, so apt reaches Debian's mirror and loopback works).
debian_root_run() {
    local dir=$1
    shift
    # --register=no --keep-unit: works on hosts without systemd-machined.
    # On a host without systemd as PID 1, nspawn ends with a harmless line
    # about the propagation directory; keep it out of the output.
    systemd-nspawn -q -D "$dir" --register=no --keep-unit --pipe "$@" \
        2> >(grep -v 'Attempted to remove disk file system' >&2)
}
