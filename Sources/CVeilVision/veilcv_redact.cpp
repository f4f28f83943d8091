// Redaction in place on YUV 4:2:0 planes. Only pixels inside a mask are ever written.
#include "veilcv_guard.hpp"

#include <opencv2/imgproc.hpp>

#include <algorithm>
#include <cmath>
#include <vector>

namespace veilcv {
namespace {

/// The style resolved for one plane region: blur kernel, block size or fill value.
struct PlaneStyle {
    veilcv_style_kind kind;
    int amount;  // kernel (odd) for blur, block for pixelate, value for solid
};

int oddAtLeast3(int k) { return std::max(3, k | 1); }

PlaneStyle lumaStyle(veilcv_style style, cv::Size region) {
    switch (style.kind) {
    case VEILCV_STYLE_BLUR: {
        // The box's half-width is `amount` percent of the smaller side (50 → a box as wide as
        // that side), capped at twice the larger side, beyond which nothing changes.
        require(style.amount >= 1, "blur strength must be at least 1");
        const double side = std::min(region.width, region.height) * style.amount / 50.0;
        return {style.kind, oddAtLeast3(int(std::lround(std::min(side, 2.0 * std::max(region.width, region.height)))))};
    }
    case VEILCV_STYLE_SOLID:
        require(style.amount >= 0 && style.amount <= 255, "solid luma must be 0...255");
        return {style.kind, style.amount};
    case VEILCV_STYLE_PIXELATE:
        require(style.amount >= 1, "pixelate block must be at least 1");
        return {style.kind, style.amount};
    }
    throw Failure(VEILCV_INVALID_ARGUMENT, "unknown redaction style");
}

PlaneStyle chromaStyle(PlaneStyle luma) {
    switch (luma.kind) {
    // Blur removes colour: a skin-coloured smudge under visible hair is still found by face
    // detectors (measured with YuNet), and skin tone is itself personal data.
    case VEILCV_STYLE_BLUR: return {VEILCV_STYLE_SOLID, 128};
    case VEILCV_STYLE_SOLID: return {luma.kind, 128};
    case VEILCV_STYLE_PIXELATE: return {luma.kind, std::max(1, luma.amount / 2)};
    }
    return luma;
}

/// `floor(a / b)` for b > 0.
int floorDiv(int a, int b) { return a >= 0 ? a / b : -((-a + b - 1) / b); }

/// The blur input along one axis of `size` pixels: `[start - pad, end + pad)` clamped to the
/// axis, grown to a whole multiple of `factor` (towards the middle of the axis where it meets
/// an edge), so that the shrink is a plain block mean and not OpenCV's fractional INTER_AREA
/// (weights per source pixel). Growing only adds blur input. Where the axis is shorter than
/// the multiple, the span starts at 0 and ends up to factor - 1 pixels beyond the axis; the
/// caller repeats the last pixels there.
cv::Range paddedSpan(int start, int end, int pad, int size, int factor) {
    const int lo = std::max(0, start - pad), hi = std::min(size, end + pad);
    const int length = (hi - lo + factor - 1) / factor * factor;
    const int first = length > size ? 0 : std::max(0, std::min(lo - (length - (hi - lo)) / 2, size - length));
    return {first, first + length};
}

/// Two passes of a box blur (a triangle kernel of width ~2k). The first pass reads up to k/2
/// pixels beyond `region` (never writes them), so the edge of the region is blurred as
/// strongly as its middle. Kernels of 32 px and more run on a copy shrunk by a factor f, the
/// largest power of two up to k/16 (block means, themselves a box average), with kernel k/f,
/// and enlarged back bilinearly: the same smoothness for less than half the cost (5 regions of
/// 200×300 at 720p: 3.2 ms at full size, 1.4 ms shrunk with the old factor k/16).
/// The shrunk copy covers the padded area rounded up to whole multiples of f, and only the
/// cells under `region`, plus the neighbours bilinear interpolation reads, are enlarged: the
/// padding is blur input and never written back.
cv::Mat blurred(const cv::Mat &plane, cv::Rect region, int k) {
    const int pad = k / 2;
    // A power of two: the shrink is repeated halving, OpenCV's vectorised 2×2 mean; its block
    // mean for other integer factors is scalar and cost 4-5× as much per source pixel here.
    int factor = 1;
    while (factor * 2 <= k / 16) factor *= 2;
    if (factor == 1) {
        const cv::Rect outer = cv::Rect(region.x - pad, region.y - pad, region.width + 2 * pad, region.height + 2 * pad) &
                               cv::Rect(0, 0, plane.cols, plane.rows);
        cv::Mat first, second;
        cv::blur(plane(outer), first, cv::Size(k, k), cv::Point(-1, -1), cv::BORDER_REPLICATE);
        cv::blur(first, second, cv::Size(k, k), cv::Point(-1, -1), cv::BORDER_REPLICATE);
        return second(region - outer.tl());
    }
    const cv::Range cols = paddedSpan(region.x, region.x + region.width, pad, plane.cols, factor);
    const cv::Range rows = paddedSpan(region.y, region.y + region.height, pad, plane.rows, factor);
    const cv::Rect outer(cols.start, rows.start, cols.size(), rows.size());
    const cv::Rect inside = outer & cv::Rect(0, 0, plane.cols, plane.rows);
    cv::Mat source = plane(inside), padded, small, first, second;
    if (inside != outer) {  // the axis is shorter than the multiple: repeat its last pixels
        cv::copyMakeBorder(source, padded, 0, outer.height - inside.height, 0, outer.width - inside.width,
                           cv::BORDER_REPLICATE | cv::BORDER_ISOLATED);
        source = padded;
    }
    const cv::Size size(outer.width / factor, outer.height / factor);
    small = source;
    for (int step = factor; step > 1; step /= 2) {
        cv::Mat half;
        cv::resize(small, half, cv::Size(small.cols / 2, small.rows / 2), 0, 0, cv::INTER_AREA);
        small = half;
    }
    const int kernel = oddAtLeast3(k / factor);
    cv::blur(small, first, cv::Size(kernel, kernel), cv::Point(-1, -1), cv::BORDER_REPLICATE);
    cv::blur(first, second, cv::Size(kernel, kernel), cv::Point(-1, -1), cv::BORDER_REPLICATE);
    // Enlarging all of `second` by `factor` would give output pixel x the shrunk position
    // (x + 0.5) / factor - 0.5; enlarging a crop that starts at cell c gives its pixels the same
    // positions less c, hence the same bytes. So only the cells the region's pixels interpolate
    // between are enlarged, not the padding that is never written back.
    const cv::Rect inOuter = region - outer.tl();
    const auto cells = [factor](int start, int length, int count) {
        const int begin = std::max(0, floorDiv(2 * start + 1 - factor, 2 * factor));
        const int end = std::min(count, floorDiv(2 * (start + length - 1) + 1 - factor, 2 * factor) + 2);
        return cv::Range(begin, end);
    };
    const cv::Range cellCols = cells(inOuter.x, inOuter.width, size.width);
    const cv::Range cellRows = cells(inOuter.y, inOuter.height, size.height);
    cv::Mat large;
    cv::resize(second(cellRows, cellCols), large, cv::Size(cellCols.size() * factor, cellRows.size() * factor), 0, 0,
               cv::INTER_LINEAR);
    return large(inOuter - cv::Point(cellCols.start * factor, cellRows.start * factor));
}

/// Blocks of `block` pixels anchored at the region's origin, each set to the mean of its pixels.
/// Whole blocks go through INTER_AREA (an exact block mean for an integer factor) and back
/// with INTER_NEAREST; the partial blocks along the right and bottom edges are done one by one.
void pixelateInto(const cv::Mat &source, cv::Mat &target, int block) {
    const int cols = source.cols / block, rows = source.rows / block;
    const cv::Rect whole(0, 0, cols * block, rows * block);
    if (!whole.empty()) {
        cv::Mat means, inner = target(whole);
        cv::resize(source(whole), means, cv::Size(cols, rows), 0, 0, cv::INTER_AREA);
        cv::resize(means, inner, whole.size(), 0, 0, cv::INTER_NEAREST);
    }
    for (int y = 0; y < source.rows; y += block) {
        for (int x = (y < whole.height ? whole.width : 0); x < source.cols; x += block) {
            const cv::Rect cell(x, y, std::min(block, source.cols - x), std::min(block, source.rows - y));
            target(cell).setTo(cv::mean(source(cell)));
        }
    }
}

/// Hides `region` of `plane`; with a mask (same size as region), only where the mask is non-zero.
void hide(cv::Mat &plane, cv::Rect region, PlaneStyle style, const cv::Mat *mask) {
    region &= cv::Rect(0, 0, plane.cols, plane.rows);
    if (region.empty()) return;
    cv::Mat target = plane(region);
    if (style.kind == VEILCV_STYLE_SOLID) {  // also the chroma of every blur: no scratch image needed
        if (mask) target.setTo(cv::Scalar(style.amount), *mask); else target.setTo(cv::Scalar(style.amount));
        return;
    }
    cv::Mat hidden;
    switch (style.kind) {
    case VEILCV_STYLE_BLUR: hidden = blurred(plane, region, style.amount); break;
    case VEILCV_STYLE_SOLID: break;
    case VEILCV_STYLE_PIXELATE:
        hidden.create(region.size(), CV_8UC1);
        pixelateInto(target, hidden, style.amount);
        break;
    }
    if (mask) hidden.copyTo(target, *mask); else hidden.copyTo(target);
}

/// Blurs a group of overlapping luma rectangles once: one blur over their bounding box with the
/// largest kernel any member gets on its own, copied back only inside the members. Pixels of the
/// box that no member covers are read (as blur input, like the margin around a lone region)
/// but never written. Each covered pixel is blurred once, at least as strongly as its strongest
/// covering member alone would blur it, instead of once per member covering it.
void blurGroup(cv::Mat &plane, const std::vector<cv::Rect> &members, veilcv_style style) {
    cv::Rect bounds = members.front();
    int kernel = 0;
    for (const cv::Rect &member : members) {
        bounds |= member;
        kernel = std::max(kernel, lumaStyle(style, member.size()).amount);
    }
    const cv::Mat hidden = blurred(plane, bounds, kernel);
    for (const cv::Rect &member : members) {
        cv::Mat target = plane(member);
        hidden(member - bounds.tl()).copyTo(target);
    }
}

/// The chroma samples any of whose 2×2 luma pixels lie in `luma` (floor of start, ceiling of end).
cv::Rect chromaFootprint(cv::Rect luma) {
    const int x0 = luma.x / 2, y0 = luma.y / 2;
    const int x1 = (luma.x + luma.width + 1) / 2, y1 = (luma.y + luma.height + 1) / 2;
    return {x0, y0, x1 - x0, y1 - y0};
}

/// A chroma mask that is set wherever any of the 2×2 luma pixels under a sample is set.
cv::Mat chromaMask(const cv::Mat &lumaMask, cv::Rect luma, cv::Rect chroma) {
    cv::Mat out(chroma.size(), CV_8UC1, cv::Scalar(0));
    for (int y = 0; y < lumaMask.rows; ++y) {
        const uint8_t *row = lumaMask.ptr<uint8_t>(y);
        uint8_t *dst = out.ptr<uint8_t>((luma.y + y) / 2 - chroma.y);
        for (int x = 0; x < lumaMask.cols; ++x) {
            if (row[x]) dst[(luma.x + x) / 2 - chroma.x] = 255;
        }
    }
    return out;
}

void checkPlanes(const cv::Mat &y, const cv::Mat &u, const cv::Mat &v) {
    require(u.cols == (y.cols + 1) / 2 && u.rows == (y.rows + 1) / 2 && v.size() == u.size(),
            "chroma planes must be half the luma size (4:2:0)");
}

}  // namespace
}  // namespace veilcv

using namespace veilcv;

extern "C" int veilcv_redact_rects(veilcv_mutable_plane y, veilcv_mutable_plane u, veilcv_mutable_plane v,
                                   const veilcv_rect *rects, int rect_count, const int *group_sizes,
                                   int group_count, veilcv_style style, char *message, size_t capacity) {
    return guarded("redact rectangles", message, capacity, [&] {
        require(rect_count >= 0 && (rect_count == 0 || rects != nullptr), "rectangles are required");
        require(group_count >= 0 && (group_count == 0 || group_sizes != nullptr), "group sizes are required");
        cv::Mat yMat = wrap(y), uMat = wrap(u), vMat = wrap(v);
        checkPlanes(yMat, uMat, vMat);
        std::vector<cv::Rect> members;
        int next = 0;
        for (int g = 0; g < group_count; ++g) {
            require(group_sizes[g] >= 1 && group_sizes[g] <= rect_count - next,
                    "group sizes must be at least 1 and add up to the rectangle count");
            members.clear();
            for (int i = next; i < next + group_sizes[g]; ++i) {
                const cv::Rect luma = cv::Rect(rects[i].x, rects[i].y, rects[i].width, rects[i].height) &
                                      cv::Rect(0, 0, yMat.cols, yMat.rows);
                if (!luma.empty()) members.push_back(luma);
            }
            next += group_sizes[g];
            if (members.empty()) continue;
            if (style.kind == VEILCV_STYLE_BLUR) blurGroup(yMat, members, style);
            for (const cv::Rect &luma : members) {
                const PlaneStyle lumaPlane = lumaStyle(style, luma.size());
                if (style.kind != VEILCV_STYLE_BLUR) hide(yMat, luma, lumaPlane, nullptr);
                const cv::Rect chroma = chromaFootprint(luma);
                hide(uMat, chroma, chromaStyle(lumaPlane), nullptr);
                hide(vMat, chroma, chromaStyle(lumaPlane), nullptr);
            }
        }
        require(next == rect_count, "group sizes must add up to the rectangle count");
    });
}

extern "C" int veilcv_redact_polygon(veilcv_mutable_plane y, veilcv_mutable_plane u, veilcv_mutable_plane v,
                                     const float *xy, int point_count, veilcv_style style, char *message,
                                     size_t capacity) {
    return guarded("redact polygon", message, capacity, [&] {
        require(point_count >= 3 && xy != nullptr, "a polygon needs at least 3 points");
        cv::Mat yMat = wrap(y), uMat = wrap(u), vMat = wrap(v);
        checkPlanes(yMat, uMat, vMat);
        std::vector<cv::Point2f> points;
        for (int i = 0; i < point_count; ++i) points.emplace_back(xy[2 * i], xy[2 * i + 1]);
        const cv::Rect luma = cv::boundingRect(points) & cv::Rect(0, 0, yMat.cols, yMat.rows);
        if (luma.empty()) return;
        // Fill with 4 bits of sub-pixel precision, relative to the bounding rectangle.
        constexpr int shift = 4;
        std::vector<cv::Point> fixed;
        for (const auto &p : points) {
            fixed.emplace_back(int(std::lround((p.x - luma.x) * (1 << shift))),
                               int(std::lround((p.y - luma.y) * (1 << shift))));
        }
        cv::Mat mask(luma.size(), CV_8UC1, cv::Scalar(0));
        cv::fillPoly(mask, std::vector<std::vector<cv::Point>>{fixed}, cv::Scalar(255), cv::LINE_8, shift);
        const PlaneStyle lumaPlane = lumaStyle(style, luma.size());
        const cv::Rect chroma = chromaFootprint(luma);
        const cv::Mat maskC = chromaMask(mask, luma, chroma);
        hide(yMat, luma, lumaPlane, &mask);
        hide(uMat, chroma, chromaStyle(lumaPlane), &maskC);
        hide(vMat, chroma, chromaStyle(lumaPlane), &maskC);
    });
}

extern "C" int veilcv_redact_full(veilcv_mutable_plane y, veilcv_mutable_plane u, veilcv_mutable_plane v,
                                  veilcv_style style, char *message, size_t capacity) {
    return guarded("redact full frame", message, capacity, [&] {
        cv::Mat yMat = wrap(y), uMat = wrap(u), vMat = wrap(v);
        checkPlanes(yMat, uMat, vMat);
        if (style.kind == VEILCV_STYLE_SOLID) {
            require(style.amount >= 0 && style.amount <= 255, "solid luma must be 0...255");
            yMat.setTo(cv::Scalar(style.amount));
            uMat.setTo(cv::Scalar(128));
            vMat.setTo(cv::Scalar(128));
            return;
        }
        // Coarse blur: the longer side shrinks to 16 samples, then grows back bilinearly.
        for (cv::Mat *plane : {&yMat, &uMat, &vMat}) {
            const double scale = 16.0 / std::max(plane->cols, plane->rows);
            const cv::Size small(std::max(1, int(std::lround(plane->cols * scale))),
                                 std::max(1, int(std::lround(plane->rows * scale))));
            cv::Mat tiny;
            cv::resize(*plane, tiny, small, 0, 0, cv::INTER_AREA);
            cv::resize(tiny, *plane, plane->size(), 0, 0, cv::INTER_LINEAR);
        }
    });
}
