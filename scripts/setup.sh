#!/usr/bin/env bash
# Installs what Veil needs on a fresh Debian 12 machine (run as root). Idempotent and quiet
# when everything is already there.
set -euo pipefail

packages=(
    pkg-config ffmpeg libavformat-dev libavcodec-dev libavutil-dev libswscale-dev
    libopencv-dev libsqlite3-dev openssl unzip
    # The real RTSP camera the integration tests start (scripts/rtsp-test-server.py, run
    # with Debian's /usr/bin/python3); glib-networking gives it TLS for rtsps://.
    python3-gi gir1.2-gst-rtsp-server-1.0 python3-gst-1.0 gstreamer1.0-plugins-base
    gstreamer1.0-plugins-good gstreamer1.0-plugins-bad glib-networking
    # A second make of camera for the reconnection tests: VLC's RTSP server (RTP over UDP).
    vlc-bin vlc-plugin-base
    # The clock-step test runs the recorder under libfaketime.
    faketime
    # systemd-analyze checks the installed units (verify, security) in the installer tests.
    systemd
    # The staff console's tests: curl as a script would call the API, and a real browser
    # (headless chromium driven through chromedriver's WebDriver protocol).
    curl chromium chromium-driver
    # scripts/test.sh syntax-checks the console's JavaScript with `node --check`.
    nodejs
    # Cluster mode's catalog; the cluster tests run their own throwaway server (initdb, postgres,
    # pg_ctl, psql, pg_isready) as the package's `postgres` user, not the package's own service.
    postgresql-15
)

missing=()
for package in "${packages[@]}"; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done

if ((${#missing[@]})); then
    echo "setup: installing ${missing[*]}" >&2
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# OpenVINO's CPU runtime and C API, from its pinned PyPI wheel (Debian packages none).
"$(dirname "$0")/install-openvino.sh"

# VLC refuses to run as root: the tests start it as this unprivileged system user.
if ! id -u veil-vlc >/dev/null 2>&1; then
    useradd --system --no-create-home --shell /usr/sbin/nologin veil-vlc
fi

if ! command -v swift >/dev/null 2>&1; then
    echo "setup: the Swift 6.1+ toolchain is not on PATH (expected at /opt/swift/usr/bin)" >&2
    exit 1
fi
