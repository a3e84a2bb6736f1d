#!/usr/bin/env bash
# Installs the build tree into a scratch root exactly as the .deb does
# (prefix /usr, DESTDIR staging) and checks what an admin relies on: the
# files land where expected, the unit carries its limits and hardening and is
# accepted by systemd, the nginx example keeps the server's limits, and the
# maintainer scripts are sound. Tools that a plain Debian 12 build machine
# lacks (systemd-analyze, nginx, openssl, shellcheck) only skip their check.
#
# usage: check_install.sh BUILD_DIR SOURCE_DIR
set -uo pipefail

build=${1:?build dir}
source=${2:?source dir}
passed=0
failed=0
skipped=0

pass() { passed=$((passed + 1)); echo "PASS $*"; }
fail() { failed=$((failed + 1)); echo "FAIL $*"; }
skip() { skipped=$((skipped + 1)); echo "SKIP $*"; }
check() { # check DESCRIPTION COMMAND...
    local what=$1
    shift
    if "$@"; then pass "$what"; else fail "$what"; fi
}

scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
root=$scratch/root

cache_value() { sed -n "s/^$1:[A-Z]*=//p" "$build/CMakeCache.txt"; }
version=$(cache_value CMAKE_PROJECT_VERSION)
unit_dir=$(cache_value JAVUMBO_SYSTEMD_UNIT_DIR)
case $unit_dir in
/*) ;;
*) unit_dir=/usr/$unit_dir ;;
esac

# --- install ----------------------------------------------------------------
if DESTDIR=$root cmake --install "$build" --prefix /usr >"$scratch/install.log" 2>&1; then
    pass "cmake --install (DESTDIR, prefix /usr)"
else
    fail "cmake --install (DESTDIR, prefix /usr)"
    cat "$scratch/install.log"
fi

binary=$root/usr/bin/javumbo
unit=$root$unit_dir/javumbo.service
nginx_conf=$root/usr/share/doc/javumbo/examples/nginx/javumbo.conf
check "binary at /usr/bin/javumbo" test -x "$binary"
check "unit at $unit_dir/javumbo.service" test -f "$unit"
check "nginx example at /usr/share/doc/javumbo/examples/nginx/" test -f "$nginx_conf"
check "haproxy example at /usr/share/doc/javumbo/examples/haproxy/" \
    test -f "$root/usr/share/doc/javumbo/examples/haproxy/javumbo.cfg"
check "README.Debian at /usr/share/doc/javumbo/" test -f "$root/usr/share/doc/javumbo/README.Debian"
# Developer tools (tools/, e.g. javumbo-screenshots) are built with the app but never ship.
check "javumbo is the only program installed" test "$(find "$root" -type f -perm -u+x -path '*/bin/*' | sed "s|^$root||")" = /usr/bin/javumbo

if [ -x "$binary" ]; then
    out=$(QT_QPA_PLATFORM=offscreen timeout 5 "$binary" --version 2>&1)
    check "installed binary runs: --version prints $version" grep -qF "$version" <<<"$out"
fi

# --- the unit -----------------------------------------------------------------
[ -f "$unit" ] || unit=$source/packaging/javumbo.service
required=(
    "User=javumbo"
    "Group=javumbo"
    "ExecStart=/usr/bin/javumbo serve --bind 127.0.0.1 --port 8700 --data-dir /var/lib/javumbo --log-format json"
    "Environment=QT_QPA_PLATFORM=offscreen"
    "StateDirectory=javumbo"
    "StateDirectoryMode=0750"
    "LimitNOFILE=65536"
    "Restart=on-failure"
    "RestartSec=2"
    "KillSignal=SIGTERM"
    "TimeoutStopSec=30"
    "ProtectSystem=strict"
    "ReadWritePaths=/var/lib/javumbo"
    "ProtectHome=yes"
    "PrivateTmp=yes"
    "PrivateDevices=yes"
    "NoNewPrivileges=yes"
    "ProtectKernelTunables=yes"
    "ProtectKernelModules=yes"
    "ProtectKernelLogs=yes"
    "ProtectControlGroups=yes"
    "RestrictAddressFamilies=AF_INET AF_INET6 AF_UNIX"
    "RestrictNamespaces=yes"
    "LockPersonality=yes"
    "MemoryDenyWriteExecute=yes"
    "SystemCallArchitectures=native"
    "CapabilityBoundingSet="
    "UMask=0027"
    "WantedBy=multi-user.target"
)
# Whole lines, compared in bash: one read instead of a grep per directive.
mapfile -t unit_lines <"$unit"
has_line() { # has_line LINE ARRAY_ITEMS...
    local wanted=$1 line
    shift
    for line; do [ "$line" = "$wanted" ] && return 0; done
    return 1
}
missing=()
for line in "${required[@]}"; do
    has_line "$line" "${unit_lines[@]}" || missing+=("$line")
done
if [ ${#missing[@]} -eq 0 ]; then
    pass "unit has all ${#required[@]} required directives"
else
    fail "unit lacks: ${missing[*]}"
fi
if has_line "DynamicUser=yes" "${unit_lines[@]}"; then fail "unit must not use DynamicUser"; else pass "unit does not use DynamicUser"; fi

if command -v systemd-analyze >/dev/null 2>&1; then
    # verify insists that ExecStart exists: point it at the staged binary.
    mkdir -p "$scratch/verify"
    sed "s#^ExecStart=/usr/bin/javumbo#ExecStart=$binary#" "$unit" >"$scratch/verify/javumbo.service"
    # Exit status alone is not enough: unknown or misspelt keys are only warned about.
    out=$(systemd-analyze verify --man=no "$scratch/verify/javumbo.service" 2>&1)
    status=$?
    if [ $status -eq 0 ] && ! grep -q 'javumbo' <<<"$out"; then
        pass "systemd-analyze verify"
    else
        fail "systemd-analyze verify (exit $status)"
        echo "$out"
    fi
    # Offline security scoring exists since systemd 250 (Debian 12 has 252).
    if systemd-analyze security --help 2>/dev/null | grep -q -- '--offline'; then
        score=$(systemd-analyze security --offline=yes "$scratch/verify/javumbo.service" 2>&1 | sed -n 's/.*Overall exposure level for javumbo.service: \([0-9.]*\).*/\1/p')
        check "systemd-analyze security exposure ${score:-?} <= 2.0" awk -v s="${score:-99}" 'BEGIN { exit !(s <= 2.0) }'
    else
        skip "systemd-analyze security --offline not supported here"
    fi
else
    skip "systemd-analyze not installed: unit syntax not verified (directive checks above still ran)"
fi

# --- the nginx example ----------------------------------------------------------
[ -f "$nginx_conf" ] || nginx_conf=$source/packaging/nginx/javumbo.conf
nginx_required=(
    "client_max_body_size 1m;"
    "large_client_header_buffers 4 64k;"
    "proxy_read_timeout 60s;"
    "server 127.0.0.1:8700;"
    "map \$http_x_request_id \$javumbo_request_id {"
    "proxy_set_header X-Request-Id \$javumbo_request_id;"
    "proxy_set_header X-Forwarded-For \$remote_addr;"
    "proxy_set_header X-Forwarded-Proto \$scheme;"
    "proxy_http_version 1.1;"
    "location /metrics {"
    "deny all;"
    "add_header Strict-Transport-Security \"max-age=31536000\" always;"
    "return 301 https://\$host\$request_uri;"
)
# Lines without their indentation; each setting must be a whole line.
mapfile -t nginx_lines < <(sed 's/^[[:space:]]*//' "$nginx_conf")
missing=()
for line in "${nginx_required[@]}"; do
    has_line "$line" "${nginx_lines[@]}" || missing+=("$line")
done
if [ ${#missing[@]} -eq 0 ]; then
    pass "nginx example has all ${#nginx_required[@]} required settings"
else
    fail "nginx example lacks: ${missing[*]}"
fi
check "nginx /metrics allows only loopback" bash -c \
    'sed -n "/location \/metrics {/,/}/p" "$1" | grep -v "^[[:space:]]*#" | grep -oE "(allow|deny) [^;]*" | tr "\n" "," | grep -qx "allow 127.0.0.1,allow ::1,deny all,"' _ "$nginx_conf"

nginx_bin=$(command -v nginx || { [ -x /usr/sbin/nginx ] && echo /usr/sbin/nginx; } || true)
if [ -n "$nginx_bin" ] && command -v openssl >/dev/null 2>&1; then
    # The example names real paths (certificates, /var/log/nginx): swap in
    # scratch ones and wrap it in the http block it expects to be included in.
    n=$scratch/nginx
    mkdir -p "$n/logs"
    if openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -days 1 \
        -subj /CN=javumbo.test -keyout "$n/key.pem" -out "$n/cert.pem" >/dev/null 2>&1; then
        sed -e "s#ssl_certificate .*#ssl_certificate $n/cert.pem;#" \
            -e "s#ssl_certificate_key .*#ssl_certificate_key $n/key.pem;#" \
            -e "s#/var/log/nginx/#$n/logs/#g" "$nginx_conf" >"$n/javumbo.conf"
        cat >"$n/nginx.conf" <<EOF
pid $n/nginx.pid;
error_log $n/logs/error.log;
events {}
http {
    client_body_temp_path $n/body;
    proxy_temp_path $n/proxy;
    fastcgi_temp_path $n/fastcgi;
    uwsgi_temp_path $n/uwsgi;
    scgi_temp_path $n/scgi;
    access_log $n/logs/access.log;
    include $n/javumbo.conf;
}
EOF
        if out=$("$nginx_bin" -t -q -p "$n/" -e "$n/logs/error.log" -c "$n/nginx.conf" 2>&1); then
            pass "nginx -t accepts the example ($nginx_bin)"
        else
            fail "nginx -t rejects the example"
            echo "$out"
        fi
    else
        skip "openssl could not make a test certificate: nginx -t not run"
    fi
else
    skip "nginx or openssl not installed: nginx -t not run (settings checked with grep above)"
fi

# --- the haproxy example (its behaviour: tests/packaging/haproxy_two_instances.sh) --
haproxy_conf=$root/usr/share/doc/javumbo/examples/haproxy/javumbo.cfg
[ -f "$haproxy_conf" ] || haproxy_conf=$source/packaging/haproxy/javumbo.cfg
check "haproxy example re-sends only failed connections, never a request that reached a server" \
    bash -c 'grep -qxE "[[:space:]]+retry-on conn-failure" "$1" && grep -qxE "[[:space:]]+http-request del-header X-Forwarded-For" "$1"' _ "$haproxy_conf"
if command -v haproxy >/dev/null 2>&1; then
    check "haproxy -c accepts the haproxy example" haproxy -c -q -f "$haproxy_conf"
else
    skip "haproxy not installed: haproxy -c not run"
fi

# --- maintainer scripts and package settings -----------------------------------
for script in postinst prerm postrm; do
    file=$build/packaging/debian/$script
    check "$script is executable and valid sh" bash -c 'test -x "$1" && sh -n "$1"' _ "$file"
done
if command -v shellcheck >/dev/null 2>&1; then
    check "shellcheck on maintainer scripts" shellcheck -s sh "$build"/packaging/debian/{postinst,prerm,postrm}
else
    skip "shellcheck not installed"
fi
check "postinst creates the javumbo system user" grep -q 'adduser --quiet --system --group --home "\$datadir" --no-create-home' "$build/packaging/debian/postinst"
check "postrm never deletes /var/lib/javumbo" bash -c '! grep -v "^[[:space:]]*#" "$1" | grep -qE "(^|[;&|[:space:]])rm[[:space:]].*(datadir|/var/lib/javumbo)"' _ "$build/packaging/debian/postrm"

cpack_config=$build/CPackConfig.cmake
for setting in 'CPACK_DEBIAN_PACKAGE_NAME "javumbo"' 'CPACK_PACKAGING_INSTALL_PREFIX "/usr"' \
    'CPACK_DEBIAN_PACKAGE_SHLIBDEPS "ON"' 'CPACK_DEBIAN_PACKAGE_DEPENDS "libqt6sql6-sqlite' \
    "CPACK_PACKAGE_VERSION \"$version\""; do
    check "CPack: $setting" grep -qF "set($setting" "$cpack_config"
done

echo "$passed passed, $failed failed, $skipped skipped"
[ "$failed" -eq 0 ]
