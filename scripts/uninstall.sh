#!/usr/bin/env bash
# Removes what scripts/install.sh added (same PREFIX and DESTDIR). Never the data directory
# (/var/lib/veil: sealed footage, keys, audit log), the configuration (/etc/veil) or the veil
# user who owns them: remove those by hand once the footage is no longer needed.
set -euo pipefail
PREFIX=${PREFIX:-/usr/local}
DESTDIR=${DESTDIR:-}
root=$DESTDIR
units=(veil.service veil-sweep.service veil-sweep.timer)

if [[ -z $DESTDIR && -d /run/systemd/system ]]; then
    systemctl disable --now "${units[@]}" 2>/dev/null || true
fi
for unit in "${units[@]}"; do rm -f "$root$PREFIX/lib/systemd/system/$unit"; done
rm -f "$root$PREFIX/bin/veil"
rm -rf "$root$PREFIX/bin/Veil_VeilWeb.resources"
rm -rf "$root$PREFIX/share/veil" "$root$PREFIX/lib/veil"
if [[ -z $DESTDIR && -d /run/systemd/system ]]; then systemctl daemon-reload; fi
echo "uninstall: removed Veil from $root$PREFIX; kept /etc/veil and /var/lib/veil" >&2
