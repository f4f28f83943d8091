#!/usr/bin/env bash
# Installs OpenVINO's CPU runtime and C API from its pinned PyPI wheel into one fixed
# directory that the build (headers) and `veil` (dlopen at start-up) both find. Only the
# libraries Veil needs are extracted: the C API, the core, the CPU plugin, the ONNX,
# TensorFlow and IR readers and the TBB they were built against. No Python at run time.
# Idempotent and quiet when the pinned version is already in place. Run as root.
set -euo pipefail

version=2026.4.1
wheel=openvino-2026.4.1-22982-cp311-cp311-manylinux_2_28_x86_64.whl
wheel_sha256=2d22b1da03f7caf74df30e9f6417d0ab2f637e4a38e08e1dcd294d2c37407aaf
target=${VEIL_OPENVINO_DIR:-/usr/local/lib/veil/openvino}
libraries=(
    libopenvino_c.so.2641 libopenvino.so.2641 libopenvino_intel_cpu_plugin.so
    libopenvino_onnx_frontend.so.2641 libopenvino_tensorflow_frontend.so.2641
    libopenvino_ir_frontend.so.2641 libtbb.so.12
)

if [[ -f "$target/VERSION" && "$(cat "$target/VERSION")" == "$version $wheel_sha256" ]]; then
    exit 0
fi

if ! command -v pip3 >/dev/null 2>&1 && ! python3 -m pip --version >/dev/null 2>&1; then
    echo "setup: installing python3-pip (to download the OpenVINO wheel)" >&2
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends python3-pip >/dev/null
fi
for tool in unzip; do
    command -v "$tool" >/dev/null 2>&1 || {
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends unzip >/dev/null
    }
done

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
echo "setup: downloading openvino==$version from PyPI" >&2
# The wheel is chosen by tag, not by this machine's Python: Veil only unpacks it.
python3 -m pip download --quiet --no-deps --only-binary=:all: --python-version 3.11 \
    --platform manylinux_2_28_x86_64 --implementation cp --abi cp311 \
    -d "$work" "openvino==$version"
actual=$(sha256sum "$work/$wheel" | cut -d' ' -f1)
if [[ "$actual" != "$wheel_sha256" ]]; then
    echo "setup: $wheel has SHA-256 $actual, expected $wheel_sha256; refusing to install it" >&2
    exit 1
fi

unzip -q "$work/$wheel" "${libraries[@]/#/openvino/libs/}" 'openvino/include/openvino/c/*' -d "$work/x"
staging="$target.new"
rm -rf "$staging"
mkdir -p "$staging"
cp "${libraries[@]/#/$work/x/openvino/libs/}" "$staging/"
cp -r "$work/x/openvino/include" "$staging/include"
# The wheel carries versioned names only; the build links nothing, but tools expect these.
ln -s libopenvino_c.so.2641 "$staging/libopenvino_c.so"
ln -s libopenvino.so.2641 "$staging/libopenvino.so"
echo "$version $wheel_sha256" > "$staging/VERSION"
rm -rf "$target"
mv "$staging" "$target"
echo "setup: OpenVINO $version installed in $target" >&2
