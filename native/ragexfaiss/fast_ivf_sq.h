// FastIvfSq: FAISS's IVF index with scalar codes, whose 4-bit inner-product lists are scanned with AVX2 when the CPU
// has it. Debian's libfaiss.a is built for generic x86-64, so its own scanner decodes one dimension at a time (0.16 µs
// per vector of 256 dimensions here, on both cores); this one takes 32 dimensions per step in 16-bit integer
// arithmetic and returns FAISS's distances to within about 1e-4. It plugs in where FAISS expects it
// (IndexIVF::get_InvertedListScanner), so probing, heaps, threads and serialization stay FAISS's own; an index written
// with it reads back as a plain IndexIVFScalarQuantizer.

#pragma once

#include <faiss/IndexIVF.h>
#include <faiss/IndexScalarQuantizer.h>
#include <faiss/invlists/DirectMap.h>
#include <faiss/utils/Heap.h>

#include <immintrin.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <vector>

namespace ragexfaiss {

// FAISS's QT_4bit code stores dimension i in the low (even i) or high (odd i) nibble of byte i/2 and decodes it as
// vmin[i] + (c + 0.5) / 15 * vdiff[i]. So a query's inner product with a code is
//   sum q[i] vmin[i] + sum w[i] (c[i] + 0.5),  with w[i] = q[i] vdiff[i] / 15,
// a constant per query plus one multiply-add per dimension on the raw nibble.
class Sq4InnerProductScanner final : public faiss::InvertedListScanner {
public:
    Sq4InnerProductScanner(const faiss::IndexIVFScalarQuantizer& ivf, bool store_pairs)
        : faiss::InvertedListScanner(store_pairs, nullptr), ivf_(ivf), weights_(ivf.d) {
        keep_max = true;
        code_size = ivf.code_size;
    }

    static bool supports(const faiss::IndexIVFScalarQuantizer& ivf) {
        return ivf.sq.qtype == faiss::ScalarQuantizer::QT_4bit && ivf.metric_type == faiss::METRIC_INNER_PRODUCT &&
                ivf.d % 32 == 0 && __builtin_cpu_supports("avx2");
    }

    // The weights are laid out per block of 32 dimensions as the nibbles come out of 16 bytes: the 16 even dimensions,
    // then the 16 odd ones. They are scaled to 16-bit integers (the largest to 32767), so that a step multiplies and
    // adds 16 pairs in one instruction: integers of 15 bits against the codes' 4 keep the scores within about 1e-4 of
    // the float ones (a 256-dimensional sum stays far below 2^31), which the re-ranking with the stored vectors absorbs.
    void set_query(const float* query) override {
        const size_t d = ivf_.d;
        const float* vmin = ivf_.sq.trained.data();
        const float* vdiff = vmin + d;
        std::vector<float> weights(d);
        double constant = 0;
        float largest = 0;
        for (size_t i = 0; i < d; i++) {
            const float w = query[i] * vdiff[i] / 15.0f;
            constant += static_cast<double>(query[i]) * vmin[i] + 0.5 * w;
            const size_t within = i % 32;
            weights[i - within + (within % 2) * 16 + within / 2] = w;
            largest = std::max(largest, std::abs(w));
        }
        const float scale = largest > 0 ? 32767.0f / largest : 1.0f;
        for (size_t i = 0; i < d; i++) {
            weights_[i] = static_cast<int16_t>(std::lrint(weights[i] * scale));
        }
        unscale_ = 1.0f / scale;
        query_constant_ = static_cast<float>(constant);
    }

    // With residual codes a list's vectors are stored relative to its centroid, whose inner product with the query
    // is the coarse distance FAISS hands over.
    void set_list(idx_t list, float coarse_distance) override {
        list_no = list;
        list_constant_ = query_constant_ + (ivf_.by_residual ? coarse_distance : 0);
    }

    float distance_to_code(const uint8_t* code) const override {
        return list_constant_ + unscale_ * static_cast<float>(weighted_nibbles(code));
    }

    size_t scan_codes(size_t n, const uint8_t* codes, const idx_t* ids, float* distances, idx_t* labels, size_t k)
            const override {
        size_t updates = 0;
        for (size_t j = 0; j < n; j++, codes += code_size) {
            const float distance = list_constant_ + unscale_ * static_cast<float>(weighted_nibbles(codes));
            if (distance > distances[0]) {
                const idx_t id = store_pairs ? static_cast<idx_t>(faiss::lo_build(list_no, j)) : ids[j];
                faiss::minheap_replace_top(k, distances, labels, distance, id);
                updates++;
            }
        }
        return updates;
    }

private:
    __attribute__((target("avx2"))) int32_t weighted_nibbles(const uint8_t* code) const {
        const __m128i low_nibble = _mm_set1_epi8(0x0f);
        __m256i even_sum = _mm256_setzero_si256(), odd_sum = _mm256_setzero_si256();
        const int16_t* w = weights_.data();
        for (size_t byte = 0; byte < code_size; byte += 16, w += 32) {
            const __m128i bytes = _mm_loadu_si128(reinterpret_cast<const __m128i*>(code + byte));
            const __m256i even = _mm256_cvtepu8_epi16(_mm_and_si128(bytes, low_nibble));
            const __m256i odd = _mm256_cvtepu8_epi16(_mm_and_si128(_mm_srli_epi16(bytes, 4), low_nibble));
            even_sum = _mm256_add_epi32(even_sum, _mm256_madd_epi16(even, _mm256_loadu_si256(reinterpret_cast<const __m256i*>(w))));
            odd_sum = _mm256_add_epi32(odd_sum, _mm256_madd_epi16(odd, _mm256_loadu_si256(reinterpret_cast<const __m256i*>(w + 16))));
        }
        const __m256i sum = _mm256_add_epi32(even_sum, odd_sum);
        __m128i half = _mm_add_epi32(_mm256_castsi256_si128(sum), _mm256_extracti128_si256(sum, 1));
        half = _mm_hadd_epi32(half, half);
        return _mm_cvtsi128_si32(_mm_hadd_epi32(half, half));
    }

    const faiss::IndexIVFScalarQuantizer& ivf_;
    std::vector<int16_t> weights_;
    float unscale_ = 1;
    float query_constant_ = 0;
    float list_constant_ = 0;
};

class FastIvfSq final : public faiss::IndexIVFScalarQuantizer {
public:
    using faiss::IndexIVFScalarQuantizer::IndexIVFScalarQuantizer;

    // Takes over a loaded index's quantizer, lists and training; `from` is left owning nothing.
    explicit FastIvfSq(faiss::IndexIVFScalarQuantizer& from) : faiss::IndexIVFScalarQuantizer(from) {
        from.own_fields = false;
        from.own_invlists = false;
    }

    // Off: FAISS's own scanner (what a CPU without AVX2 gets anyway); for comparing the two.
    bool fast_scan = true;

    bool scans_fast() const {
        return fast_scan && Sq4InnerProductScanner::supports(*this);
    }

    faiss::InvertedListScanner* get_InvertedListScanner(bool store_pairs, const faiss::IDSelector* sel) const override {
        if (sel == nullptr && scans_fast()) {
            return new Sq4InnerProductScanner(*this, store_pairs);
        }
        return faiss::IndexIVFScalarQuantizer::get_InvertedListScanner(store_pairs, sel);
    }
};

} // namespace ragexfaiss
