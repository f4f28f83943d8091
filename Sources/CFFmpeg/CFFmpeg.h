#ifndef CFFMPEG_H
#define CFFMPEG_H

#include <libavformat/avformat.h>
#include <libavcodec/avcodec.h>
#include <libavutil/avutil.h>
#include <libavutil/error.h>
#include <libavutil/hwcontext.h>
#include <libavutil/imgutils.h>
#include <libavutil/motion_vector.h>
#include <libavutil/opt.h>
#include <libavutil/pixdesc.h>
#include <libswscale/swscale.h>

// Stand-ins for what Swift cannot import from FFmpeg 5.1: function-like macros
// (AVERROR, av_err2str), FFERRTAG-built constants, and AV_NOPTS_VALUE/AV_TIME_BASE_Q,
// which are defined with casts. Delete each once Swift's importer handles it.

static const int CFFmpegShims_AVERROR_EOF = AVERROR_EOF;
static const int CFFmpegShims_AVERROR_EAGAIN = AVERROR(EAGAIN);
static const int CFFmpegShims_AVERROR_EXIT = AVERROR_EXIT;
static const int CFFmpegShims_AVERROR_INVALIDDATA = AVERROR_INVALIDDATA;
static const int64_t CFFmpegShims_AV_NOPTS_VALUE = AV_NOPTS_VALUE;

static inline int CFFmpegShims_averror(int posixError) { return AVERROR(posixError); }

static inline AVRational CFFmpegShims_timeBaseQ(void) { return AV_TIME_BASE_Q; }

/// Writes FFmpeg's message for `code` into `buffer` (av_err2str is a macro over a compound literal).
static inline void CFFmpegShims_errorString(int code, char *buffer, size_t size) {
    av_strerror(code, buffer, size);
}

/// Plane accessors: AVFrame.data/linesize import as 8-tuples.
static inline uint8_t *CFFmpegShims_framePlane(const AVFrame *frame, int plane) { return frame->data[plane]; }
static inline int CFFmpegShims_frameStride(const AVFrame *frame, int plane) { return frame->linesize[plane]; }

/// AV_LOG_* are macros over plain ints; the level setter itself imports.
static const int CFFmpegShims_AV_LOG_QUIET = AV_LOG_QUIET;

/// A get_format callback that takes VAAPI surfaces when offered and software frames otherwise
/// (FFmpeg also offers software when the hardware cannot decode this stream's profile).
static inline enum AVPixelFormat CFFmpegShims_preferVAAPI(AVCodecContext *context, const enum AVPixelFormat *formats) {
    for (const enum AVPixelFormat *format = formats; *format != AV_PIX_FMT_NONE; format++) {
        if (*format == AV_PIX_FMT_VAAPI) return *format;
    }
    return avcodec_default_get_format(context, formats);
}

static inline void CFFmpegShims_usePreferVAAPI(AVCodecContext *context) { context->get_format = CFFmpegShims_preferVAAPI; }

#endif
