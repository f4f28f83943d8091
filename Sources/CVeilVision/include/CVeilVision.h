// CVeilVision: OpenCV 4.6 DNN and image operations behind a plain C header.
//
// Why this shim exists: OpenCV is C++ and throws `cv::Exception`; Swift's C++ interop
// would abort on those and spreads to every dependent target. So the C++ lives in
// veilcv.cpp, and this header exposes only C types. Every function catches every
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
    /// A model file does not exist (or is not a regular file).
    VEILCV_FILE_MISSING = 1,
    /// A model file exists but could not be read.
    VEILCV_FILE_UNREADABLE = 2,
    /// A model file's SHA-256 differs from the expected one.
    VEILCV_HASH_MISMATCH = 3,
    /// OpenCV rejected the (verified) model bytes.
    VEILCV_MODEL_INVALID = 4,
    /// A parameter is out of range (programmer error on the Swift side).
    VEILCV_INVALID_ARGUMENT = 5,
    /// OpenCV raised an exception while running.
    VEILCV_OPENCV_ERROR = 6,
    /// More boxes were found than the caller's array holds; `*count` holds the total.
    VEILCV_CAPACITY_EXCEEDED = 7,
    /// Anything else (std::bad_alloc, unknown exception).
    VEILCV_INTERNAL_ERROR = 8,
} veilcv_status;

/// Which network a `veilcv_detector` runs and how its output is decoded.
typedef enum veilcv_model_kind {
    /// YuNet 2023mar face detector (ONNX); one file.
    VEILCV_MODEL_YUNET = 0,
    /// YOLOv3-tiny COCO (Darknet); files: cfg, weights. Reports class 0 (person).
    VEILCV_MODEL_YOLO_DARKNET = 1,
    /// SSD(Lite) from the TensorFlow Object Detection API; files: frozen .pb, text graph .pbtxt.
    /// Reports class 1 (person in COCO label maps).
    VEILCV_MODEL_SSD_TENSORFLOW = 2,
} veilcv_model_kind;

/// One model file and the lowercase hex SHA-256 it must have.
typedef struct veilcv_model_file {
    const char *path;
    const char *sha256_hex;
} veilcv_model_file;

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

/// Detector settings for one call.
typedef struct veilcv_detect_params {
    /// Network input size in pixels. For YuNet both are rounded to multiples of 32, and a
    /// height of 0 means "follow the frame's aspect ratio". SSD uses its fixed 300x300.
    int input_width;
    int input_height;
    float score_threshold;
    float nms_threshold;
} veilcv_detect_params;

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

/// An opaque loaded network plus its scratch buffers. Not thread-safe.
typedef struct veilcv_detector veilcv_detector;

/// Computes the SHA-256 of a file (lowercase hex, 65 bytes incl. NUL, into `hex_out`).
int veilcv_sha256_file(const char *path, char hex_out[65], char *message, size_t message_capacity);

/// Reads every file into memory, checks each SHA-256, then builds the network from those
/// same bytes. On success `*out` owns the network; free it with `veilcv_detector_destroy`.
int veilcv_detector_create(veilcv_model_kind kind, const veilcv_model_file *files, int file_count,
                           veilcv_detector **out, char *message, size_t message_capacity);

/// Frees a detector created by `veilcv_detector_create`. NULL is ignored.
void veilcv_detector_destroy(veilcv_detector *detector);

/// Detects objects in a YUV 4:2:0 image. Writes up to `capacity` boxes (full-resolution
/// pixels, best score first) and the total number found into `*count`.
int veilcv_detect(veilcv_detector *detector, veilcv_plane y, veilcv_plane u, veilcv_plane v,
                  veilcv_detect_params params, veilcv_box *boxes, int capacity, int *count,
                  char *message, size_t message_capacity);

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
int veilcv_redact_rects(veilcv_mutable_plane y, veilcv_mutable_plane u, veilcv_mutable_plane v,
                        const veilcv_rect *rects, int rect_count, veilcv_style style,
                        char *message, size_t message_capacity);

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
