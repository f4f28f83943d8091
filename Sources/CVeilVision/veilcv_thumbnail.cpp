// A small area-averaged copy of the luma plane, for telling whether a scene changed.
#include "veilcv_guard.hpp"

#include <opencv2/imgproc.hpp>

using namespace veilcv;

extern "C" int veilcv_luma_thumbnail(veilcv_plane y, uint8_t *out, int out_width, int out_height, char *message,
                                     size_t message_capacity) {
    return guarded("luma thumbnail", message, message_capacity, [&] {
        require(out != nullptr && out_width > 0 && out_height > 0 && out_width <= y.width && out_height <= y.height,
                "the thumbnail must be a non-empty buffer no larger than the plane");
        cv::Mat small(out_height, out_width, CV_8UC1, out);
        cv::resize(wrap(y), small, small.size(), 0, 0, cv::INTER_AREA);
    });
}
