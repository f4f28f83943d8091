#include "COpenVINO.h"

#include <dlfcn.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>

static veilov_api loaded_api;
static const veilov_api *loaded;
static pthread_mutex_t load_lock = PTHREAD_MUTEX_INITIALIZER;

#define VEILOV_RESOLVE(name)                                                                      \
    do {                                                                                          \
        api.name = (__typeof__(api.name))dlsym(library, #name);                                   \
        if (api.name == NULL) {                                                                   \
            snprintf(message, message_capacity, "%s has no symbol %s (wrong OpenVINO version?)", \
                     path, #name);                                                                \
            dlclose(library);                                                                     \
            return NULL;                                                                          \
        }                                                                                         \
    } while (0)

static const veilov_api *load_locked(const char *directory, char *message, size_t message_capacity) {
    char path[4096];
    if (snprintf(path, sizeof path, "%s/libopenvino_c.so", directory) >= (int)sizeof path) {
        snprintf(message, message_capacity, "OpenVINO directory path is too long");
        return NULL;
    }
    void *library = dlopen(path, RTLD_NOW | RTLD_LOCAL);
    if (library == NULL) {
        const char *error = dlerror();
        snprintf(message, message_capacity, "cannot load %s: %s", path, error ? error : "unknown error");
        return NULL;
    }
    veilov_api api;
    VEILOV_RESOLVE(ov_get_openvino_version);
    VEILOV_RESOLVE(ov_version_free);
    VEILOV_RESOLVE(ov_get_last_err_msg);
    VEILOV_RESOLVE(ov_get_error_info);
    VEILOV_RESOLVE(ov_free);
    VEILOV_RESOLVE(ov_core_create);
    VEILOV_RESOLVE(ov_core_free);
    VEILOV_RESOLVE(ov_core_read_model);
    VEILOV_RESOLVE(ov_core_read_model_from_memory_buffer);
    VEILOV_RESOLVE(ov_core_compile_model_props);
    VEILOV_RESOLVE(ov_model_free);
    VEILOV_RESOLVE(ov_model_inputs_size);
    VEILOV_RESOLVE(ov_model_reshape_single_input);
    VEILOV_RESOLVE(ov_compiled_model_free);
    VEILOV_RESOLVE(ov_compiled_model_outputs_size);
    VEILOV_RESOLVE(ov_compiled_model_output_by_index);
    VEILOV_RESOLVE(ov_compiled_model_input);
    VEILOV_RESOLVE(ov_compiled_model_create_infer_request);
    VEILOV_RESOLVE(ov_compiled_model_get_property);
    VEILOV_RESOLVE(ov_port_get_any_name);
    VEILOV_RESOLVE(ov_const_port_get_shape);
    VEILOV_RESOLVE(ov_output_const_port_free);
    VEILOV_RESOLVE(ov_infer_request_free);
    VEILOV_RESOLVE(ov_infer_request_set_input_tensor);
    VEILOV_RESOLVE(ov_infer_request_infer);
    VEILOV_RESOLVE(ov_infer_request_get_output_tensor_by_index);
    VEILOV_RESOLVE(ov_tensor_create);
    VEILOV_RESOLVE(ov_tensor_create_from_host_ptr);
    VEILOV_RESOLVE(ov_tensor_free);
    VEILOV_RESOLVE(ov_tensor_data);
    VEILOV_RESOLVE(ov_tensor_get_shape);
    VEILOV_RESOLVE(ov_tensor_get_element_type);
    VEILOV_RESOLVE(ov_shape_create);
    VEILOV_RESOLVE(ov_shape_free);
    VEILOV_RESOLVE(ov_partial_shape_create_static);
    VEILOV_RESOLVE(ov_partial_shape_free);
    loaded_api = api;  // the library stays loaded for the life of the process
    return &loaded_api;
}

const veilov_api *veilov_load(const char *directory, char *message, size_t message_capacity) {
    if (message_capacity > 0) message[0] = '\0';
    pthread_mutex_lock(&load_lock);
    if (loaded == NULL && directory != NULL) loaded = load_locked(directory, message, message_capacity);
    const veilov_api *result = loaded;
    pthread_mutex_unlock(&load_lock);
    if (result == NULL && directory == NULL) snprintf(message, message_capacity, "no OpenVINO directory given");
    return result;
}
