#!/usr/bin/env bash
# Rewrites the seeds that the project's own code makes (sealed segments, vault records, the
# audit log, a signed export manifest) with the harnesses built by `bash Fuzz/run.sh`:
# each harness writes its seeds from LLVMFuzzerInitialize when VEIL_FUZZ_WRITE_SEEDS is set.
# The media and configuration seeds are files, listed in Fuzz/README.md.
set -euo pipefail
cd "$(dirname "$0")/.."
bin=$(swift build --package-path Fuzz --scratch-path .build-fuzz -c debug --show-bin-path)
for harness in SealedSegmentFuzzer VaultRecordFuzzer AuditLogFuzzer ExportVerifyFuzzer; do
    VEIL_FUZZ_SEED_CLIP=Fuzz/corpus/MP4FastStartFuzzer/tiny-faststart.mp4 \
        VEIL_FUZZ_WRITE_SEEDS=Fuzz/corpus/$harness "$bin/$harness"
done
