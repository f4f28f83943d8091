// A frame as a network's input: downscale the YUV planes, convert colour, lay out the tensor.
#include "veilcv_guard.hpp"

#include <opencv2/imgproc.hpp>

using namespace veilcv;

extern "C" int veilcv_prepare_input(veilcv_plane y, veilcv_plane u, veilcv_plane v, veilcv_input_spec spec,
                                    void *out, size_t out_bytes, char *message, size_t capacity) {
    return guarded("preparing the network input", message, capacity, [&] {
        require(out != nullptr && spec.width >= 2 && spec.height >= 2 && spec.width % 2 == 0 && spec.height % 2 == 0,
                "the input size must be even and the output buffer present");
        require(u.width == (y.width + 1) / 2 && u.height == (y.height + 1) / 2 && v.width == u.width &&
                    v.height == u.height, "chroma planes must be half the luma size (4:2:0)");
        const size_t samples = size_t(spec.width) * spec.height * 3;
        require(out_bytes == samples * (spec.bytes ? 1 : sizeof(float)), "the output buffer does not fit the tensor");

        // Resizing each plane into one packed I420 image, then converting, costs ~140 µs for
        // 1280×720 → 640×360: far less than converting first and scaling BGR.
        const cv::Size size(spec.width, spec.height), chroma(spec.width / 2, spec.height / 2);
        cv::Mat i420(spec.height * 3 / 2, spec.width, CV_8UC1);
        uint8_t *base = i420.data;
        cv::Mat ySmall(size, CV_8UC1, base), uSmall(chroma, CV_8UC1, base + size.area()),
            vSmall(chroma, CV_8UC1, base + size.area() + chroma.area());
        cv::resize(wrap(y), ySmall, size, 0, 0, cv::INTER_AREA);
        cv::resize(wrap(u), uSmall, chroma, 0, 0, cv::INTER_AREA);
        cv::resize(wrap(v), vSmall, chroma, 0, 0, cv::INTER_AREA);
        const int code = spec.rgb ? cv::COLOR_YUV2RGB_I420 : cv::COLOR_YUV2BGR_I420;

        if (spec.interleaved && spec.bytes) {
            cv::Mat packed(size, CV_8UC3, out);
            cv::cvtColor(i420, packed, code);
            return;
        }
        cv::Mat packed;
        cv::cvtColor(i420, packed, code);
        const int type = spec.bytes ? CV_8UC1 : CV_32FC1;
        const double scale = spec.bytes ? 1.0 : spec.scale;
        if (spec.interleaved) {
            cv::Mat target(size, spec.bytes ? CV_8UC3 : CV_32FC3, out);
            packed.convertTo(target, target.type(), scale);
            return;
        }
        const size_t plane = size_t(spec.width) * spec.height * (spec.bytes ? 1 : sizeof(float));
        std::vector<cv::Mat> planes;
        for (int c = 0; c < 3; ++c) planes.emplace_back(size, type, static_cast<uint8_t *>(out) + c * plane);
        cv::Mat converted;
        packed.convertTo(converted, spec.bytes ? CV_8UC3 : CV_32FC3, scale);
        cv::split(converted, planes);
    });
}
