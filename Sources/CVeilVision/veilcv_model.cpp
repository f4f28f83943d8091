// Model loading: read each file once, verify its SHA-256, build the net from those bytes.
#include "veilcv_detector.hpp"

#include <openssl/evp.h>

#include <fstream>
#include <iterator>
#include <memory>
#include <sys/stat.h>

namespace veilcv {
namespace {

std::string sha256Hex(const std::vector<char> &bytes) {
    std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)> context(EVP_MD_CTX_new(), EVP_MD_CTX_free);
    unsigned char digest[EVP_MAX_MD_SIZE];
    unsigned int length = 0;
    if (!context || EVP_DigestInit_ex(context.get(), EVP_sha256(), nullptr) != 1 ||
        EVP_DigestUpdate(context.get(), bytes.data(), bytes.size()) != 1 ||
        EVP_DigestFinal_ex(context.get(), digest, &length) != 1) {
        throw Failure(VEILCV_INTERNAL_ERROR, "SHA-256: OpenSSL EVP digest failed");
    }
    static const char hex[] = "0123456789abcdef";
    std::string out;
    for (unsigned int i = 0; i < length; ++i) {
        out.push_back(hex[digest[i] >> 4]);
        out.push_back(hex[digest[i] & 0xf]);
    }
    return out;
}

std::vector<char> readWholeFile(const std::string &path) {
    struct stat info {};
    if (::stat(path.c_str(), &info) != 0 || !S_ISREG(info.st_mode)) {
        throw Failure(VEILCV_FILE_MISSING, "model file not found: " + path);
    }
    std::ifstream stream(path, std::ios::binary);
    if (!stream) throw Failure(VEILCV_FILE_UNREADABLE, "model file cannot be opened: " + path);
    std::vector<char> bytes((std::istreambuf_iterator<char>(stream)), std::istreambuf_iterator<char>());
    if (stream.bad()) throw Failure(VEILCV_FILE_UNREADABLE, "model file cannot be read: " + path);
    return bytes;
}

std::string lowercase(std::string text) {
    for (auto &c : text) c = char(std::tolower(static_cast<unsigned char>(c)));
    return text;
}

std::vector<char> readVerified(const veilcv_model_file &file) {
    require(file.path != nullptr && file.sha256_hex != nullptr, "model file path and hash are required");
    std::vector<char> bytes = readWholeFile(file.path);
    const std::string actual = sha256Hex(bytes);
    const std::string expected = lowercase(file.sha256_hex);
    if (actual != expected) {
        throw Failure(VEILCV_HASH_MISMATCH, std::string("model file ") + file.path + " has SHA-256 " + actual +
                                                ", expected " + expected + ": it was damaged or replaced");
    }
    return bytes;
}

cv::dnn::Net buildNet(veilcv_model_kind kind, const std::vector<std::vector<char>> &buffers,
                      const veilcv_model_file *files) {
    try {
        switch (kind) {
        case VEILCV_MODEL_YUNET:
            return cv::dnn::readNetFromONNX(buffers[0].data(), buffers[0].size());
        case VEILCV_MODEL_YOLO_DARKNET:
            return cv::dnn::readNetFromDarknet(buffers[0].data(), buffers[0].size(), buffers[1].data(),
                                               buffers[1].size());
        case VEILCV_MODEL_SSD_TENSORFLOW:
            return cv::dnn::readNetFromTensorflow(buffers[0].data(), buffers[0].size(), buffers[1].data(),
                                                  buffers[1].size());
        }
    } catch (const cv::Exception &error) {
        throw Failure(VEILCV_MODEL_INVALID,
                      std::string("OpenCV cannot load model ") + files[0].path + ": " + error.what());
    }
    throw Failure(VEILCV_INVALID_ARGUMENT, "unknown model kind");
}

int expectedFileCount(veilcv_model_kind kind) {
    switch (kind) {
    case VEILCV_MODEL_YUNET: return 1;
    case VEILCV_MODEL_YOLO_DARKNET: return 2;
    case VEILCV_MODEL_SSD_TENSORFLOW: return 2;
    }
    throw Failure(VEILCV_INVALID_ARGUMENT, "unknown model kind " + std::to_string(int(kind)));
}

}  // namespace
}  // namespace veilcv

using namespace veilcv;

extern "C" int veilcv_sha256_file(const char *path, char hex_out[65], char *message, size_t capacity) {
    return guarded("sha256", message, capacity, [&] {
        require(path != nullptr && hex_out != nullptr, "path and output are required");
        const std::string hex = sha256Hex(readWholeFile(path));
        std::memcpy(hex_out, hex.c_str(), 65);
    });
}

extern "C" int veilcv_detector_create(veilcv_model_kind kind, const veilcv_model_file *files, int file_count,
                                      veilcv_detector **out, char *message, size_t capacity) {
    return guarded("load model", message, capacity, [&] {
        require(out != nullptr && files != nullptr, "files and output are required");
        *out = nullptr;
        require(file_count == expectedFileCount(kind), "wrong number of model files for this model kind");
        std::vector<std::vector<char>> buffers;
        for (int i = 0; i < file_count; ++i) buffers.push_back(readVerified(files[i]));
        auto detector = std::make_unique<veilcv_detector>();
        detector->kind = kind;
        detector->net = buildNet(kind, buffers, files);
        if (detector->net.empty()) {
            throw Failure(VEILCV_MODEL_INVALID, std::string("OpenCV built an empty network from ") + files[0].path);
        }
        detector->net.setPreferableBackend(cv::dnn::DNN_BACKEND_OPENCV);
        detector->net.setPreferableTarget(cv::dnn::DNN_TARGET_CPU);
        detector->outputNames = detector->net.getUnconnectedOutLayersNames();
        *out = detector.release();
    });
}

extern "C" void veilcv_detector_destroy(veilcv_detector *detector) {
    delete detector;  // the destructor of cv::dnn::Net and cv::Mat does not throw
}

extern "C" int veilcv_set_num_threads(int threads, char *message, size_t capacity) {
    return guarded("set thread count", message, capacity, [&] {
        require(threads >= 0, "thread count must be >= 0");
        cv::setNumThreads(threads);
    });
}
