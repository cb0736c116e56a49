/*
 * ragexfaiss: a small C API over FAISS (Debian 12 libfaiss-dev 1.7.3) for Ragex's vector index.
 *
 * An index is an IndexIDMap2 over either IndexFlatIP (exact) or IndexHNSWFlat with METRIC_INNER_PRODUCT
 * (approximate), or an IVF index with 4- or 8-bit scalar codes (IndexIVFScalarQuantizer, inner product,
 * approximate) that keeps the ids itself in its lists; callers always add vectors with their own
 * 64-bit ids and always get those ids back.
 *
 * Contract:
 *  - Every function returns an rfx_status (0 = ok). No C++ exception ever crosses this boundary.
 *  - On a non-zero status, rfx_last_error() returns that failure's message (kept per thread); the pointer stays valid
 *    until the next failing rfx_* call on that thread. It is never NULL ("" before any failure).
 *  - Out-parameters are written only on success.
 *  - Thread-safety is FAISS's: concurrent searches on one index are safe; add/remove/set_ef_search/free must not run
 *    concurrently with anything else on that index.
 *  - HNSW indexes cannot remove vectors (FAISS's IndexHNSW has no remove_ids): rfx_remove_ids returns
 *    RFX_E_UNSUPPORTED for them. Rebuild the index instead.
 *  - IVF indexes must be trained (rfx_train, on a sample of the vectors to come) before the first add. They keep
 *    no id map (FAISS's hash table cost 40 bytes a vector): removing ids scans every list, and an add refuses an id
 *    repeated within its batch but cannot see one already in the index, so callers remove an id before adding it
 *    again.
 */
#ifndef RAGEXFAISS_H
#define RAGEXFAISS_H

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#if defined(_WIN32)
#define RFX_API __declspec(dllexport)
#else
#define RFX_API __attribute__((visibility("default")))
#endif

typedef void* rfx_index;

typedef enum rfx_status {
    RFX_OK = 0,
    RFX_E_INVALID_ARGUMENT = 1, /* null pointer, non-positive size, bad dimension, ... */
    RFX_E_FAISS = 2,            /* faiss::FaissException (includes I/O failures in write/read) */
    RFX_E_UNSUPPORTED = 3,      /* operation not supported by this index kind (remove on HNSW) */
    RFX_E_OUT_OF_MEMORY = 4,    /* std::bad_alloc */
    RFX_E_UNKNOWN = 5,          /* any other C++ exception */
    RFX_E_IO = 6                /* operating-system I/O error outside FAISS (rfx_fsync_path) */
} rfx_status;

typedef enum rfx_index_kind {
    RFX_KIND_FLAT = 1, /* IndexIDMap2(IndexFlatIP) */
    RFX_KIND_HNSW = 2, /* IndexIDMap2(IndexHNSWFlat, METRIC_INNER_PRODUCT) */
    RFX_KIND_IVF_SQ = 3 /* IndexIVFScalarQuantizer(IndexFlatIP quantizer, QT_8bit or QT_4bit, METRIC_INNER_PRODUCT), no direct map */
} rfx_index_kind;

/* Message of the last failed call on this thread ("" if none). Owned by the library; do not free. */
RFX_API const char* rfx_last_error(void);

/* Exact inner-product index of dimension d. */
RFX_API int rfx_create_flat(int32_t d, rfx_index* out);

/* HNSW inner-product index: d dimensions, m links per node, ef_construction build beam (FAISS default 40). */
RFX_API int rfx_create_hnsw(int32_t d, int32_t m, int32_t ef_construction, rfx_index* out);

/* IVF inner-product index of d dimensions with nlist inverted lists and scalar codes of bits (4 or 8) per dimension;
 * untrained (rfx_train before adding). */
RFX_API int rfx_create_ivf_sq(int32_t d, int32_t nlist, int32_t bits, rfx_index* out);

/* Trains an IVF index (k-means for its lists, ranges for its scalar codes) on n sample vectors; only while empty.
 * iterations: k-means rounds, 0 for FAISS's default (25). RFX_E_UNSUPPORTED on flat and HNSW indexes, which need no
 * training. */
RFX_API int rfx_train(rfx_index index, int64_t n, const float* x, int32_t iterations);

/* *out = 1 when vectors can be added (always for flat and HNSW), 0 otherwise. */
RFX_API int rfx_is_trained(rfx_index index, int32_t* out);

/* Lists an IVF search visits (FAISS default 1); saved with the index. RFX_E_UNSUPPORTED on other kinds. */
RFX_API int rfx_set_nprobe(rfx_index index, int32_t nprobe);
RFX_API int rfx_get_nprobe(rfx_index index, int32_t* out);
RFX_API int rfx_nlist(rfx_index index, int32_t* out);

/* Search beam of an HNSW index (FAISS default 16). RFX_E_UNSUPPORTED on a flat index. Saved with the index. */
RFX_API int rfx_set_ef_search(rfx_index index, int32_t ef_search);
RFX_API int rfx_get_ef_search(rfx_index index, int32_t* out);

/* Add n vectors (row-major n x d floats) with their ids (RFX_E_INVALID_ARGUMENT on an untrained IVF). Ids must be new: an id repeated
 * within the batch, or already in a flat or HNSW index, gives RFX_E_INVALID_ARGUMENT and nothing is added (an IVF
 * index cannot tell an id it already holds, see above). */
RFX_API int rfx_add_with_ids(rfx_index index, int64_t n, const float* x, const int64_t* ids);

/* Remove the vectors with these ids; *removed = how many were present. RFX_E_UNSUPPORTED on HNSW. */
RFX_API int rfx_remove_ids(rfx_index index, int64_t n, const int64_t* ids, int64_t* removed);

/* k nearest by inner product for n queries; distances/labels are n x k, best first; missing results have label -1. */
RFX_API int rfx_search(rfx_index index, int64_t n, const float* x, int64_t k, float* distances, int64_t* labels);

/* Give back the spare capacity an IVF index's inverted lists gained while growing one add at a time (a list's
 * buffer doubles when full); a no-op for the other kinds. */
RFX_API int rfx_compact(rfx_index index);

/* Whether an IVF index with 4-bit codes scans its lists with the shim's AVX2 scanner (on by default; the same distances
 * as FAISS's generic scanner, about ten times sooner). *active = 1 when that scanner is in use, which also needs a CPU
 * with AVX2 and FMA; 0 for the other kinds. */
RFX_API int rfx_set_fast_scan(rfx_index index, int32_t enabled, int32_t* active);

RFX_API int rfx_ntotal(rfx_index index, int64_t* out);
RFX_API int rfx_dimension(rfx_index index, int32_t* out);
RFX_API int rfx_kind(rfx_index index, int32_t* out);

/* faiss::write_index / faiss::read_index. read_index rejects files that are not one of the three kinds above. */
RFX_API int rfx_write_index(rfx_index index, const char* path);
RFX_API int rfx_read_index(const char* path, rfx_index* out);

/* fsync a file or directory by path (used to make a rename durable). */
RFX_API int rfx_fsync_path(const char* path);

/* Free an index; NULL is a no-op. */
RFX_API int rfx_free(rfx_index index);

#ifdef __cplusplus
}
#endif

#endif /* RAGEXFAISS_H */
