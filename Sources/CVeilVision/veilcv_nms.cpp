// Non-maximum suppression, OpenCV's NMSBoxes behind the C header.
#include "veilcv_guard.hpp"

#include <opencv2/dnn.hpp>

#include <algorithm>

using namespace veilcv;

extern "C" int veilcv_nms(const veilcv_box *boxes, int count, float score_threshold, float nms_threshold, int *keep,
                          int *kept, char *message, size_t message_capacity) {
    return guarded("nms", message, message_capacity, [&] {
        require(count >= 0 && kept != nullptr && (count == 0 || (boxes != nullptr && keep != nullptr)),
                "boxes, keep and kept are required");
        std::vector<cv::Rect2d> rects;
        std::vector<float> scores;
        for (int i = 0; i < count; ++i) {
            rects.emplace_back(boxes[i].x, boxes[i].y, boxes[i].width, boxes[i].height);
            scores.push_back(boxes[i].score);
        }
        std::vector<int> indices;
        cv::dnn::NMSBoxes(rects, scores, score_threshold, nms_threshold, indices);
        *kept = int(indices.size());
        std::copy(indices.begin(), indices.end(), keep);
    });
}
