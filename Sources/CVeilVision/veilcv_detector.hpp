// The detector handle and the per-model decoders (veilcv_detect.cpp).
#pragma once

#include "veilcv_guard.hpp"

#include <opencv2/dnn.hpp>

#include <string>
#include <vector>

/// A loaded network with its reusable scratch images. Owned by the Swift `FaceDetector` /
/// `PersonDetector` that created it; freed by `veilcv_detector_destroy`.
struct veilcv_detector {
    veilcv_model_kind kind = VEILCV_MODEL_YUNET;
    cv::dnn::Net net;
    std::vector<std::string> outputNames;
    cv::Mat i420;  // downscaled planes, packed I420
    cv::Mat bgr;   // network input image
    cv::Mat blob;
    std::vector<cv::Mat> outputs;
};
