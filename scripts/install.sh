#!/usr/bin/env bash
# Installs Veil as a server (run as root after scripts/setup.sh has run once on this machine):
#
#   $PREFIX/bin/veil                      the release binary
#   $PREFIX/bin/Veil_VeilWeb.resources/   the staff console's pages and scripts (read from beside the binary)
#   $PREFIX/share/veil/models/            the detector models, their manifest and licences
#   $PREFIX/lib/veil/openvino/            the inference runtime (OpenVINO's CPU libraries)
#   $PREFIX/lib/systemd/system/           veil.service, veil-sweep.service, veil-sweep.timer
#   /etc/veil/veil.yaml                   from veil.example.yaml, only when none exists
#   /var/lib/veil                         the data directory, owned by the veil user, 0750
#
# PREFIX defaults to /usr/local; DESTDIR stages the whole tree under another root (then no
# user is created, nothing is chowned and systemd is not told: that is for the package or
# the machine that unpacks it). The binary finds its models and libraries from its own
# location, so nothing else is needed at run time. Re-running upgrades in place and never
# touches the configuration or the data. scripts/uninstall.sh removes what this adds.
set -euo pipefail
cd "$(dirname "$0")/.."
PREFIX=${PREFIX:-/usr/local}
DESTDIR=${DESTDIR:-}
root=$DESTDIR
openvino_source=${VEIL_OPENVINO_DIR:-/usr/local/lib/veil/openvino}

if [[ ! -f "$openvino_source/libopenvino_c.so" ]]; then
    echo "install: OpenVINO is not in $openvino_source: run scripts/setup.sh first" >&2
    exit 1
fi
if [[ -z ${VEIL_INSTALL_BINARY:-} ]]; then
    swift build -c release --product veil 2>&1 | tail -n 1 >&2
fi
binary=${VEIL_INSTALL_BINARY:-.build/release/veil}
# The console's files: the resource bundle SwiftPM builds beside the binary, which the binary
# reads from beside itself and nowhere else (ConsoleAssets.besideExecutable).
console=Veil_VeilWeb.resources
if [[ ! -d "$(dirname "$binary")/$console" ]]; then
    echo "install: $(dirname "$binary")/$console is missing: build veil with swift build first" >&2
    exit 1
fi

install -d -m 0755 "$root$PREFIX/bin" "$root$PREFIX/share/veil/models" "$root$PREFIX/lib/veil/openvino" \
    "$root$PREFIX/lib/systemd/system"
# To a temporary name, then renamed: a running daemon keeps its old binary until restarted.
install -m 0755 "$binary" "$root$PREFIX/bin/.veil.new"
mv -f "$root$PREFIX/bin/.veil.new" "$root$PREFIX/bin/veil"
# The console's files, replaced whole (a running daemon read them when it started).
rm -rf "$root$PREFIX/bin/.$console.new"
cp -R "$(dirname "$binary")/$console" "$root$PREFIX/bin/.$console.new"
chmod -R u=rwX,go=rX "$root$PREFIX/bin/.$console.new"
rm -rf "$root$PREFIX/bin/$console"
mv "$root$PREFIX/bin/.$console.new" "$root$PREFIX/bin/$console"

# Models: exactly what models/ holds (manifest, licences, README, files), old ones replaced.
find "$root$PREFIX/share/veil/models" -mindepth 1 -delete
install -m 0644 models/* "$root$PREFIX/share/veil/models/"

# The runtime's libraries (not the C headers the build uses), symlinks kept; skipped when the
# prefix is where setup.sh put them.
destination=$(realpath -m "$root$PREFIX/lib/veil/openvino")
if [[ $destination != "$(realpath "$openvino_source")" ]]; then
    find "$destination" -mindepth 1 -delete
    find "$openvino_source" -maxdepth 1 ! -type d -exec cp -a {} "$destination/" \;
fi

for unit in veil.service veil-sweep.service; do
    sed "s|@PREFIX@|$PREFIX|g" "packaging/systemd/$unit.in" > "$root$PREFIX/lib/systemd/system/$unit"
    chmod 0644 "$root$PREFIX/lib/systemd/system/$unit"
done
install -m 0644 packaging/systemd/veil-sweep.timer "$root$PREFIX/lib/systemd/system/veil-sweep.timer"

install -d -m 0755 "$root/etc/veil"
if [[ ! -e "$root/etc/veil/veil.yaml" ]]; then
    install -m 0640 veil.example.yaml "$root/etc/veil/veil.yaml"
    echo "install: wrote /etc/veil/veil.yaml from veil.example.yaml: list your cameras in it" >&2
else
    echo "install: kept the existing /etc/veil/veil.yaml" >&2
fi
install -d -m 0750 "$root/var/lib/veil"

if [[ -z $DESTDIR ]]; then
    if ! getent passwd veil >/dev/null; then
        useradd --system --user-group --home-dir /var/lib/veil --no-create-home --shell /usr/sbin/nologin veil
    fi
    chown veil:veil /var/lib/veil
    chown root:veil /etc/veil/veil.yaml
    if [[ -d /run/systemd/system ]]; then
        systemctl daemon-reload
        systemctl enable --now veil-sweep.timer
        echo "install: start recording with: systemctl enable --now veil" >&2
    fi
fi
echo "install: Veil installed in $root$PREFIX" >&2
