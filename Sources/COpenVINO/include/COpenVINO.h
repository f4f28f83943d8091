// COpenVINO: OpenVINO's C API, loaded at run time.
//
// Why this shim exists: Veil must start, and fall back to OpenCV DNN with a warning, on a
// machine where OpenVINO's libraries are missing or broken, so nothing links against them.
// The shim dlopens `libopenvino_c` and resolves the few entry points Veil calls into one
// table; Swift calls through that table. The types come from OpenVINO's own headers
// (installed by scripts/install-openvino.sh); `__typeof__` keeps every pointer's signature
// equal to the header's. It could be deleted if Veil linked OpenVINO unconditionally.
//
// Only VeilInference imports this module (`internal import COpenVINO`).
#ifndef COPENVINO_H
#define COPENVINO_H

#include <stddef.h>
#include <sys/syscall.h>
#include <unistd.h>
#include <linux/memfd.h>
#include <openvino/c/openvino.h>

#ifdef __cplusplus
extern "C" {
#endif

#define VEILOV_ENTRY(name) __typeof__(&name) name

/// The OpenVINO C functions Veil calls, resolved from one loaded `libopenvino_c`.
typedef struct veilov_api {
    VEILOV_ENTRY(ov_get_openvino_version);
    VEILOV_ENTRY(ov_version_free);
    VEILOV_ENTRY(ov_get_last_err_msg);
    VEILOV_ENTRY(ov_get_error_info);
    VEILOV_ENTRY(ov_free);
    VEILOV_ENTRY(ov_core_create);
    VEILOV_ENTRY(ov_core_free);
    VEILOV_ENTRY(ov_core_read_model);
    VEILOV_ENTRY(ov_core_read_model_from_memory_buffer);
    VEILOV_ENTRY(ov_core_compile_model_props);
    VEILOV_ENTRY(ov_model_free);
    VEILOV_ENTRY(ov_model_inputs_size);
    VEILOV_ENTRY(ov_model_reshape_single_input);
    VEILOV_ENTRY(ov_compiled_model_free);
    VEILOV_ENTRY(ov_compiled_model_outputs_size);
    VEILOV_ENTRY(ov_compiled_model_output_by_index);
    VEILOV_ENTRY(ov_compiled_model_input);
    VEILOV_ENTRY(ov_compiled_model_create_infer_request);
    VEILOV_ENTRY(ov_compiled_model_get_property);
    VEILOV_ENTRY(ov_port_get_any_name);
    VEILOV_ENTRY(ov_const_port_get_shape);
    VEILOV_ENTRY(ov_output_const_port_free);
    VEILOV_ENTRY(ov_infer_request_free);
    VEILOV_ENTRY(ov_infer_request_set_input_tensor);
    VEILOV_ENTRY(ov_infer_request_infer);
    VEILOV_ENTRY(ov_infer_request_get_output_tensor_by_index);
    VEILOV_ENTRY(ov_tensor_create);
    VEILOV_ENTRY(ov_tensor_create_from_host_ptr);
    VEILOV_ENTRY(ov_tensor_free);
    VEILOV_ENTRY(ov_tensor_data);
    VEILOV_ENTRY(ov_tensor_get_shape);
    VEILOV_ENTRY(ov_tensor_get_element_type);
    VEILOV_ENTRY(ov_shape_create);
    VEILOV_ENTRY(ov_shape_free);
    VEILOV_ENTRY(ov_partial_shape_create_static);
    VEILOV_ENTRY(ov_partial_shape_free);
} veilov_api;

#undef VEILOV_ENTRY

/// Loads `libopenvino_c.so` from `directory` (its dependencies are found beside it through
/// the library's `$ORIGIN` RPATH) and resolves every entry of `veilov_api`. Returns the
/// table (process-wide; later calls with any directory return the first table loaded), or
/// NULL with a message naming the file and the loader's error. Thread-safe.
const veilov_api *veilov_load(const char *directory, char *message, size_t message_capacity);

/// An anonymous in-memory file (close-on-exec) to hand model bytes to OpenVINO's readers,
/// which take paths: glibc's `memfd_create` is hidden behind _GNU_SOURCE from Swift.
static inline int veilov_memory_file(const char *name) {
    return (int)syscall(SYS_memfd_create, name, MFD_CLOEXEC);
}

#ifdef __cplusplus
}
#endif

#endif
