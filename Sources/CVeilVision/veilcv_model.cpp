// SHA-256 of model bytes (OpenSSL EVP), and OpenCV's thread count.
#include "veilcv_guard.hpp"

#include <openssl/evp.h>

#include <cstring>
#include <memory>

namespace veilcv {
namespace {

std::string sha256Hex(const veilcv_bytes &bytes) {
    std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)> context(EVP_MD_CTX_new(), EVP_MD_CTX_free);
    unsigned char digest[EVP_MAX_MD_SIZE];
    unsigned int length = 0;
    if (!context || EVP_DigestInit_ex(context.get(), EVP_sha256(), nullptr) != 1 ||
        EVP_DigestUpdate(context.get(), bytes.data, bytes.size) != 1 ||
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

}  // namespace
}  // namespace veilcv

using namespace veilcv;

extern "C" int veilcv_sha256(veilcv_bytes bytes, char hex_out[65], char *message, size_t capacity) {
    return guarded("sha256", message, capacity, [&] {
        require(hex_out != nullptr && (bytes.data != nullptr || bytes.size == 0), "bytes and output are required");
        const std::string hex = sha256Hex(bytes);
        std::memcpy(hex_out, hex.c_str(), 65);
    });
}

extern "C" int veilcv_set_num_threads(int threads, char *message, size_t capacity) {
    return guarded("set thread count", message, capacity, [&] {
        require(threads >= 0, "thread count must be >= 0");
        cv::setNumThreads(threads);
    });
}
