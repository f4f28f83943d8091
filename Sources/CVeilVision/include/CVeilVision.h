// CVeilVision: OpenCV 4.6 DNN and image operations behind a plain C header.
//
// Why this shim exists: OpenCV is C++ and throws `cv::Exception`; Swift's C++ interop
// would abort on those and spreads to every dependent target. So the C++ lives in
// the veilcv_*.cpp files, and this header exposes only C types. Every function catches every
// exception and returns a `veilcv_status`, writing a human-readable message into the
// caller's buffer (always NUL-terminated when `message_capacity > 0`).
//
// Only VeilVision imports this module (`internal import CVeilVision`).
#ifndef CVEILVISION_H
#define CVEILVISION_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/// Result of every call. 0 is success.
typedef enum veilcv_status {
    VEILCV_OK = 0,
    /// OpenCV rejected the (verified) model bytes.
    VEILCV_MODEL_INVALID = 4,
    /// A parameter is out of range (programmer error on the Swift side).
    VEILCV_INVALID_ARGUMENT = 5,
    /// OpenCV raised an exception while running.
    VEILCV_OPENCV_ERROR = 6,
    /// The caller's array is too small; `*count` holds what is needed.
    VEILCV_CAPACITY_EXCEEDED = 7,
    /// Anything else (std::bad_alloc, unknown exception).
    VEILCV_INTERNAL_ERROR = 8,
} veilcv_status;

/// How a network's files are encoded, for OpenCV's readers.
typedef enum veilcv_net_format {
    /// One ONNX file.
    VEILCV_NET_ONNX = 0,
    /// Darknet: files cfg, weights.
    VEILCV_NET_DARKNET = 1,
    /// TensorFlow: frozen .pb, text graph .pbtxt.
    VEILCV_NET_TENSORFLOW = 2,
} veilcv_net_format;

/// Bytes the caller owns for the duration of one call.
typedef struct veilcv_bytes {
    const void *data;
    size_t size;
} veilcv_bytes;

/// A read-only 8-bit plane (Y, U or V).
typedef struct veilcv_plane {
    const uint8_t *data;
    int stride;
    int width;
    int height;
} veilcv_plane;

/// A writable 8-bit plane (Y, U or V).
typedef struct veilcv_mutable_plane {
    uint8_t *data;
    int stride;
    int width;
    int height;
} veilcv_mutable_plane;

/// A detection in full-resolution pixels.
typedef struct veilcv_box {
    float x;
    float y;
    float width;
    float height;
    float score;
} veilcv_box;

/// How a frame becomes a network's input tensor.
typedef struct veilcv_input_spec {
    /// Network input size in pixels (both even); the frame is resized to it (aspect not kept).
    int width;
    int height;
    /// Channel order: 1 = R,G,B; 0 = B,G,R.
    int rgb;
    /// 1 = interleaved H,W,C (NHWC); 0 = planar C,H,W (NCHW).
    int interleaved;
    /// 1 = uint8 samples (scale ignored); 0 = float32 samples multiplied by `scale`.
    int bytes;
    float scale;
} veilcv_input_spec;

/// An integer rectangle in luma pixels.
typedef struct veilcv_rect {
    int x;
    int y;
    int width;
    int height;
} veilcv_rect;

/// How masked pixels are hidden.
typedef enum veilcv_style_kind {
    /// Luma: two passes of a box blur whose half-width is `amount` percent of the region's
    /// smaller side, reading (never writing) pixels around the region. Chroma: neutral (128).
    VEILCV_STYLE_BLUR = 0,
    /// Flat fill: Y = `amount`, U = V = 128.
    VEILCV_STYLE_SOLID = 1,
    /// Blocks of `amount` luma pixels, each the mean of its pixels.
    VEILCV_STYLE_PIXELATE = 2,
} veilcv_style_kind;

typedef struct veilcv_style {
    veilcv_style_kind kind;
    int amount;
} veilcv_style;

/// An OpenCV DNN network plus the outputs of its last run. Not thread-safe.
typedef struct veilcv_net veilcv_net;

/// Builds a network from in-memory files (ONNX: 1; Darknet: cfg, weights; TensorFlow: pb,
/// pbtxt), to run on the CPU. On success `*out` owns it; free it with `veilcv_net_destroy`.
int veilcv_net_create(veilcv_net_format format, const veilcv_bytes *files, int file_count, veilcv_net **out,
                      char *message, size_t message_capacity);

/// Frees a network created by `veilcv_net_create`. NULL is ignored.
void veilcv_net_destroy(veilcv_net *net);

/// Runs the network on a float32 NCHW tensor `input` of shape 1 x channels x height x width
/// and keeps the outputs named `output_names` (in that order; all unconnected outputs when
/// `name_count` is 0) until the next run.
int veilcv_net_forward(veilcv_net *net, const float *input, int channels, int height, int width,
                       const char *const *output_names, int name_count, char *message, size_t message_capacity);

/// The number of outputs the last run kept.
int veilcv_net_output_count(const veilcv_net *net);

/// Copies output `index` of the last run into `out` (capacity `out_capacity` floats) and its
/// shape into `dims` (capacity 8) and `*rank`. `*count` receives the number of floats; when it
/// exceeds `out_capacity` nothing is copied and VEILCV_CAPACITY_EXCEEDED is returned.
int veilcv_net_output(const veilcv_net *net, int index, float *out, size_t out_capacity, size_t *count,
                      int dims[8], int *rank, char *message, size_t message_capacity);

/// Resizes a YUV 4:2:0 frame to `spec` (area averaging), converts it to RGB or BGR and writes
/// the network's input tensor into `out` (`out_bytes` must be exactly the tensor's size).
int veilcv_prepare_input(veilcv_plane y, veilcv_plane u, veilcv_plane v, veilcv_input_spec spec, void *out,
                         size_t out_bytes, char *message, size_t message_capacity);

/// Non-maximum suppression (OpenCV's `NMSBoxes`) over `count` boxes: writes the indices
/// kept, best first, into `keep` (capacity `count`) and their number into `*kept`.
int veilcv_nms(const veilcv_box *boxes, int count, float score_threshold, float nms_threshold,
               int *keep, int *kept, char *message, size_t message_capacity);

/// Sets OpenCV's worker thread count (process-wide). 0 disables threading.
int veilcv_set_num_threads(int threads, char *message, size_t message_capacity);

/// Shrinks a luma plane to `out_width` x `out_height` by area averaging into `out` (tightly
/// packed): a cheap picture of the scene, compared between frames to tell whether it changed.
int veilcv_luma_thumbnail(veilcv_plane y, uint8_t *out, int out_width, int out_height,
                          char *message, size_t message_capacity);

/// Hides `rect_count` rectangles in place. Luma pixels outside the rectangles and chroma
/// samples outside their half-resolution footprint (floor/ceil) are never written.
/// `rects` come group by group: the first `group_sizes[0]` form the first group, and so on;
/// the sizes (each at least 1) add up to `rect_count`. A blur hides each group once, over its
/// bounding box with the largest kernel among its members, writing only inside the members:
/// the caller groups overlapping rectangles so that no pixel is blurred twice. Solid fills and
/// pixelation hide each rectangle on its own, whatever the groups.
int veilcv_redact_rects(veilcv_mutable_plane y, veilcv_mutable_plane u, veilcv_mutable_plane v,
                        const veilcv_rect *rects, int rect_count, const int *group_sizes, int group_count,
                        veilcv_style style, char *message, size_t message_capacity);

/// Hides the inside of a polygon (`xy` holds `point_count` x,y pairs in luma pixels).
int veilcv_redact_polygon(veilcv_mutable_plane y, veilcv_mutable_plane u, veilcv_mutable_plane v,
                          const float *xy, int point_count, veilcv_style style,
                          char *message, size_t message_capacity);

/// Hides the whole frame: solid fill for VEILCV_STYLE_SOLID, otherwise a coarse blur
/// (shrink so the longer side is 16 samples, enlarge back bilinearly).
int veilcv_redact_full(veilcv_mutable_plane y, veilcv_mutable_plane u, veilcv_mutable_plane v,
                       veilcv_style style, char *message, size_t message_capacity);

#ifdef __cplusplus
}
#endif

#endif
