// Shared by the veilcv_*.cpp files: the exception barrier every C entry point goes through.
#pragma once

#include "CVeilVision.h"

#include <opencv2/core.hpp>

#include <cstring>
#include <exception>
#include <new>
#include <stdexcept>
#include <string>

namespace veilcv {

/// A failure with a specific status; thrown inside the C++ code, turned into a return code at the barrier.
struct Failure : std::runtime_error {
    veilcv_status status;
    Failure(veilcv_status status, const std::string &message) : std::runtime_error(message), status(status) {}
};

inline void writeMessage(char *buffer, size_t capacity, const std::string &text) noexcept {
    if (buffer == nullptr || capacity == 0) return;
    const size_t length = text.size() < capacity - 1 ? text.size() : capacity - 1;
    std::memcpy(buffer, text.data(), length);
    buffer[length] = '\0';
}

/// Runs `body`, converting every exception into a status plus a message naming `operation`.
/// No exception ever leaves this function.
template <typename Body>
int guarded(const char *operation, char *message, size_t capacity, Body &&body) noexcept {
    try {
        try {
            body();
            writeMessage(message, capacity, "");
            return VEILCV_OK;
        } catch (const Failure &failure) {
            writeMessage(message, capacity, failure.what());
            return failure.status;
        } catch (const cv::Exception &error) {
            writeMessage(message, capacity, std::string(operation) + ": OpenCV error: " + error.what());
            return VEILCV_OPENCV_ERROR;
        } catch (const std::bad_alloc &) {
            writeMessage(message, capacity, std::string(operation) + ": out of memory");
            return VEILCV_INTERNAL_ERROR;
        } catch (const std::exception &error) {
            writeMessage(message, capacity, std::string(operation) + ": " + error.what());
            return VEILCV_INTERNAL_ERROR;
        } catch (...) {
            writeMessage(message, capacity, std::string(operation) + ": unknown C++ exception");
            return VEILCV_INTERNAL_ERROR;
        }
    } catch (...) {  // building a message string can itself throw bad_alloc
        return VEILCV_INTERNAL_ERROR;
    }
}

inline void require(bool condition, const std::string &what) {
    if (!condition) throw Failure(VEILCV_INVALID_ARGUMENT, what);
}

/// Wraps a caller's plane without copying. OpenCV's Mat has no const-data constructor;
/// read-only planes are never written through the returned header.
inline cv::Mat wrap(const veilcv_plane &plane) {
    require(plane.data != nullptr && plane.width > 0 && plane.height > 0 && plane.stride >= plane.width,
            "invalid plane geometry");
    return cv::Mat(plane.height, plane.width, CV_8UC1, const_cast<uint8_t *>(plane.data), size_t(plane.stride));
}

inline cv::Mat wrap(const veilcv_mutable_plane &plane) {
    require(plane.data != nullptr && plane.width > 0 && plane.height > 0 && plane.stride >= plane.width,
            "invalid plane geometry");
    return cv::Mat(plane.height, plane.width, CV_8UC1, plane.data, size_t(plane.stride));
}

}  // namespace veilcv
