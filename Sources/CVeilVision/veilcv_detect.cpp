// Detection: downscale the YUV planes, convert to BGR, run the net, decode, NMS, map back.
#include "veilcv_detector.hpp"

#include <opencv2/imgproc.hpp>

#include <algorithm>
#include <cmath>

namespace veilcv {
namespace {

struct Candidates {
    std::vector<cv::Rect2d> boxes;  // network input pixels
    std::vector<float> scores;
};

int roundToMultiple(double value, int multiple) {
    return std::max(multiple, int(std::lround(value / multiple)) * multiple);
}

/// Resizes each plane (INTER_AREA) straight into one packed I420 image, then converts to BGR.
/// Measured: ~140 µs for 1280×720 → 640×360, far cheaper than scaling BGR.
void downscaleToBGR(veilcv_detector &d, const cv::Mat &y, const cv::Mat &u, const cv::Mat &v, cv::Size size) {
    require(size.width % 2 == 0 && size.height % 2 == 0, "detector input size must be even");
    d.i420.create(size.height * 3 / 2, size.width, CV_8UC1);
    const cv::Size chroma(size.width / 2, size.height / 2);
    uint8_t *base = d.i420.data;
    cv::Mat ySmall(size, CV_8UC1, base);
    cv::Mat uSmall(chroma, CV_8UC1, base + size.area());
    cv::Mat vSmall(chroma, CV_8UC1, base + size.area() + chroma.area());
    cv::resize(y, ySmall, size, 0, 0, cv::INTER_AREA);
    cv::resize(u, uSmall, chroma, 0, 0, cv::INTER_AREA);
    cv::resize(v, vSmall, chroma, 0, 0, cv::INTER_AREA);
    cv::cvtColor(d.i420, d.bgr, cv::COLOR_YUV2BGR_I420);
}

const float *floats(const cv::Mat &tensor, size_t expected, const char *name) {
    if (tensor.type() != CV_32F || tensor.total() < expected) {
        throw Failure(VEILCV_OPENCV_ERROR, std::string("unexpected output tensor layout for ") + name);
    }
    return tensor.ptr<float>();
}

/// YuNet 2023mar: per stride s in {8,16,32}, outputs cls_s, obj_s, bbox_s, kps_s with one row per cell.
Candidates decodeYuNet(veilcv_detector &d, cv::Size input, float threshold) {
    static const std::vector<std::string> names = {"cls_8", "cls_16", "cls_32", "obj_8", "obj_16", "obj_32",
                                                   "bbox_8", "bbox_16", "bbox_32"};
    d.net.forward(d.outputs, names);
    Candidates found;
    const int strides[3] = {8, 16, 32};
    for (int i = 0; i < 3; ++i) {
        const int s = strides[i], cols = input.width / s, rows = input.height / s;
        const size_t cells = size_t(cols) * rows;
        const float *cls = floats(d.outputs[i], cells, "cls");
        const float *obj = floats(d.outputs[i + 3], cells, "obj");
        const float *box = floats(d.outputs[i + 6], cells * 4, "bbox");
        for (int r = 0; r < rows; ++r) {
            for (int c = 0; c < cols; ++c) {
                const size_t k = size_t(r) * cols + c;
                const float score = std::sqrt(std::clamp(cls[k], 0.f, 1.f) * std::clamp(obj[k], 0.f, 1.f));
                if (score < threshold) continue;
                const double cx = (c + box[4 * k]) * s, cy = (r + box[4 * k + 1]) * s;
                const double w = std::exp(box[4 * k + 2]) * s, h = std::exp(box[4 * k + 3]) * s;
                found.boxes.emplace_back(cx - w / 2, cy - h / 2, w, h);
                found.scores.push_back(score);
            }
        }
    }
    return found;
}

/// YOLOv3-tiny (Darknet region output): rows of cx, cy, w, h (relative), objectness, class scores.
Candidates decodeYOLO(veilcv_detector &d, cv::Size input, float threshold) {
    d.net.forward(d.outputs, d.outputNames);
    Candidates found;
    for (const cv::Mat &out : d.outputs) {
        if (out.dims != 2 || out.cols < 6 || out.type() != CV_32F) {
            throw Failure(VEILCV_OPENCV_ERROR, "unexpected YOLO output layout");
        }
        for (int r = 0; r < out.rows; ++r) {
            const float *row = out.ptr<float>(r);
            const float score = row[5];  // class 0 = person, already multiplied by objectness
            if (score < threshold) continue;
            const double w = row[2] * input.width, h = row[3] * input.height;
            found.boxes.emplace_back(row[0] * input.width - w / 2, row[1] * input.height - h / 2, w, h);
            found.scores.push_back(score);
        }
    }
    return found;
}

/// TensorFlow SSD through DetectionOutput: [1,1,N,7] rows of image, class, score, x1, y1, x2, y2 (relative).
Candidates decodeSSD(veilcv_detector &d, cv::Size input, float threshold) {
    cv::Mat out = d.net.forward();
    if (out.dims != 4 || out.size[3] != 7 || out.type() != CV_32F) {
        throw Failure(VEILCV_OPENCV_ERROR, "unexpected SSD output layout");
    }
    Candidates found;
    const float *data = out.ptr<float>();
    for (int i = 0; i < out.size[2]; ++i) {
        const float *row = data + 7 * i;
        if (int(row[1]) != 1 || row[2] < threshold) continue;  // class 1 = person
        const double x1 = row[3] * input.width, y1 = row[4] * input.height;
        found.boxes.emplace_back(x1, y1, row[5] * input.width - x1, row[6] * input.height - y1);
        found.scores.push_back(row[2]);
    }
    return found;
}

cv::Size inputSize(const veilcv_detector &d, const veilcv_detect_params &p, cv::Size frame) {
    switch (d.kind) {
    case VEILCV_MODEL_YUNET: {
        require(p.input_width >= 32, "YuNet input width must be at least 32");
        const int width = roundToMultiple(p.input_width, 32);
        const int height = p.input_height > 0 ? roundToMultiple(p.input_height, 32)
                                              : roundToMultiple(double(width) * frame.height / frame.width, 32);
        return {width, height};
    }
    case VEILCV_MODEL_YOLO_DARKNET:
        require(p.input_width >= 32 && p.input_width % 32 == 0, "YOLO input width must be a multiple of 32");
        return {p.input_width, p.input_height > 0 ? p.input_height : p.input_width};
    case VEILCV_MODEL_SSD_TENSORFLOW:
        return {300, 300};
    }
    throw Failure(VEILCV_INVALID_ARGUMENT, "unknown model kind");
}

void setInput(veilcv_detector &d, cv::Size input) {
    if (d.kind == VEILCV_MODEL_YOLO_DARKNET) {
        cv::dnn::blobFromImage(d.bgr, d.blob, 1.0 / 255.0, input, cv::Scalar(), true, false);
    } else if (d.kind == VEILCV_MODEL_SSD_TENSORFLOW) {
        cv::dnn::blobFromImage(d.bgr, d.blob, 1.0, input, cv::Scalar(), true, false);
    } else {
        cv::dnn::blobFromImage(d.bgr, d.blob, 1.0, input, cv::Scalar(), false, false);
    }
    d.net.setInput(d.blob);
}

}  // namespace
}  // namespace veilcv

using namespace veilcv;

extern "C" int veilcv_detect(veilcv_detector *detector, veilcv_plane y, veilcv_plane u, veilcv_plane v,
                             veilcv_detect_params params, veilcv_box *boxes, int capacity, int *count,
                             char *message, size_t message_capacity) {
    return guarded("detect", message, message_capacity, [&] {
        require(detector != nullptr && count != nullptr && (boxes != nullptr || capacity == 0) && capacity >= 0,
                "detector, boxes and count are required");
        *count = 0;
        const cv::Mat yMat = wrap(y), uMat = wrap(u), vMat = wrap(v);
        require(u.width == (y.width + 1) / 2 && u.height == (y.height + 1) / 2 && v.width == u.width &&
                    v.height == u.height, "chroma planes must be half the luma size (4:2:0)");
        require(params.score_threshold >= 0 && params.score_threshold <= 1 && params.nms_threshold > 0 &&
                    params.nms_threshold <= 1, "thresholds must be in 0...1");
        const cv::Size frame(y.width, y.height);
        const cv::Size input = inputSize(*detector, params, frame);
        downscaleToBGR(*detector, yMat, uMat, vMat, input);
        setInput(*detector, input);

        Candidates found;
        switch (detector->kind) {
        case VEILCV_MODEL_YUNET: found = decodeYuNet(*detector, input, params.score_threshold); break;
        case VEILCV_MODEL_YOLO_DARKNET: found = decodeYOLO(*detector, input, params.score_threshold); break;
        case VEILCV_MODEL_SSD_TENSORFLOW: found = decodeSSD(*detector, input, params.score_threshold); break;
        }
        std::vector<int> keep;
        cv::dnn::NMSBoxes(found.boxes, found.scores, params.score_threshold, params.nms_threshold, keep);

        const double sx = double(frame.width) / input.width, sy = double(frame.height) / input.height;
        *count = int(keep.size());
        for (int i = 0; i < int(keep.size()) && i < capacity; ++i) {
            const cv::Rect2d &b = found.boxes[keep[i]];
            boxes[i] = {float(b.x * sx), float(b.y * sy), float(b.width * sx), float(b.height * sy),
                        found.scores[keep[i]]};
        }
        if (int(keep.size()) > capacity) {
            throw Failure(VEILCV_CAPACITY_EXCEEDED, "detect: " + std::to_string(keep.size()) +
                                                        " boxes found, room for " + std::to_string(capacity));
        }
    });
}

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
