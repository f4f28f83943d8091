// OpenCV DNN as an inference backend: build a net from verified bytes, run it on a tensor the
// caller prepared, hand back the raw outputs. Decoding happens in Swift, shared with OpenVINO.
#include "veilcv_guard.hpp"

#include <opencv2/dnn.hpp>

#include <algorithm>
#include <memory>
#include <vector>

struct veilcv_net {
    cv::dnn::Net net;
    std::vector<cv::String> names;  // the requested outputs of the last run
    std::vector<cv::Mat> outputs;
};

namespace veilcv {
namespace {

const char *bytes(const veilcv_bytes &file) { return static_cast<const char *>(file.data); }

cv::dnn::Net read(veilcv_net_format format, const veilcv_bytes *files, int count) {
    const int expected = format == VEILCV_NET_ONNX ? 1 : 2;
    require(count == expected, "wrong number of model files for this format");
    for (int i = 0; i < count; ++i) require(files[i].data != nullptr && files[i].size > 0, "empty model file");
    try {
        switch (format) {
        case VEILCV_NET_ONNX: return cv::dnn::readNetFromONNX(bytes(files[0]), files[0].size);
        case VEILCV_NET_DARKNET:
            return cv::dnn::readNetFromDarknet(bytes(files[0]), files[0].size, bytes(files[1]), files[1].size);
        case VEILCV_NET_TENSORFLOW:
            return cv::dnn::readNetFromTensorflow(bytes(files[0]), files[0].size, bytes(files[1]), files[1].size);
        }
    } catch (const cv::Exception &error) {
        throw Failure(VEILCV_MODEL_INVALID, std::string("OpenCV cannot read the model: ") + error.what());
    }
    throw Failure(VEILCV_INVALID_ARGUMENT, "unknown model format");
}

}  // namespace
}  // namespace veilcv

using namespace veilcv;

extern "C" int veilcv_net_create(veilcv_net_format format, const veilcv_bytes *files, int file_count, veilcv_net **out,
                                 char *message, size_t capacity) {
    return guarded("load model", message, capacity, [&] {
        require(out != nullptr && files != nullptr, "files and output are required");
        *out = nullptr;
        auto net = std::make_unique<veilcv_net>();
        net->net = read(format, files, file_count);
        if (net->net.empty()) throw Failure(VEILCV_MODEL_INVALID, "OpenCV built an empty network");
        net->net.setPreferableBackend(cv::dnn::DNN_BACKEND_OPENCV);
        net->net.setPreferableTarget(cv::dnn::DNN_TARGET_CPU);
        *out = net.release();
    });
}

extern "C" void veilcv_net_destroy(veilcv_net *net) {
    delete net;  // cv::dnn::Net and cv::Mat destructors do not throw
}

extern "C" int veilcv_net_forward(veilcv_net *net, const float *input, int channels, int height, int width,
                                  const char *const *output_names, int name_count, char *message, size_t capacity) {
    return guarded("inference", message, capacity, [&] {
        require(net != nullptr && input != nullptr && channels > 0 && height > 0 && width > 0 && name_count >= 0,
                "network, input and its shape are required");
        const int shape[4] = {1, channels, height, width};
        net->net.setInput(cv::Mat(4, shape, CV_32F, const_cast<float *>(input)));
        net->names.clear();
        for (int i = 0; i < name_count; ++i) net->names.emplace_back(output_names[i]);
        if (net->names.empty()) net->names = net->net.getUnconnectedOutLayersNames();
        net->net.forward(net->outputs, net->names);
    });
}

extern "C" int veilcv_net_output_count(const veilcv_net *net) {
    return net == nullptr ? 0 : int(net->outputs.size());
}

extern "C" int veilcv_net_output(const veilcv_net *net, int index, float *out, size_t out_capacity, size_t *count,
                                 int dims[8], int *rank, char *message, size_t capacity) {
    return guarded("reading an output", message, capacity, [&] {
        require(net != nullptr && count != nullptr && dims != nullptr && rank != nullptr, "arguments are required");
        require(index >= 0 && index < int(net->outputs.size()), "output index out of range");
        const cv::Mat &tensor = net->outputs[size_t(index)];
        if (tensor.type() != CV_32F || !tensor.isContinuous()) {
            throw Failure(VEILCV_OPENCV_ERROR, "output " + net->names[size_t(index)] + " is not a float tensor");
        }
        *rank = std::min(tensor.dims, 8);
        for (int i = 0; i < *rank; ++i) dims[i] = tensor.size[i];
        *count = tensor.total();
        if (*count > out_capacity) {
            throw Failure(VEILCV_CAPACITY_EXCEEDED, "output " + net->names[size_t(index)] + " has " +
                                                        std::to_string(*count) + " values");
        }
        std::copy_n(tensor.ptr<float>(), *count, out);
    });
}
