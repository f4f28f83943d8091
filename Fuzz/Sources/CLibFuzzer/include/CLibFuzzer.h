// libFuzzer's driver entry point, which Swift cannot declare itself. SwiftPM links every
// executable with `main` renamed to `<module>_main` (so tests can import executables), which
// hides libFuzzer's own `main`; each harness's main.swift calls the driver instead.
#include <stddef.h>
#include <stdint.h>

int LLVMFuzzerRunDriver(int *argc, char ***argv, int (*callback)(const uint8_t *data, size_t size));
