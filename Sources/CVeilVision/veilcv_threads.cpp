// OpenCV's thread count.
#include "veilcv_guard.hpp"

using namespace veilcv;

extern "C" int veilcv_set_num_threads(int threads, char *message, size_t capacity) {
    return guarded("set thread count", message, capacity, [&] {
        require(threads >= 0, "thread count must be >= 0");
        cv::setNumThreads(threads);
    });
}
