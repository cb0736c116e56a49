// ragexfaiss: C shim over FAISS 1.7.3. See ragexfaiss.h for the contract.
// Every exported function runs its body through guard(), which turns any C++ exception into a status code plus a
// thread-local message, so nothing but ints and plain memory crosses into .NET.

#include "ragexfaiss.h"
#include "fast_ivf_sq.h"

#include <faiss/IndexFlat.h>
#include <faiss/IndexHNSW.h>
#include <faiss/IndexIDMap.h>
#include <faiss/IndexIVF.h>
#include <faiss/IndexScalarQuantizer.h>
#include <faiss/invlists/InvertedLists.h>
#include <faiss/impl/FaissException.h>
#include <faiss/impl/IDSelector.h>
#include <faiss/index_io.h>
#include <faiss/utils/distances.h>

#include <fcntl.h>
#include <omp.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <limits>
#include <memory>
#include <mutex>
#include <new>
#include <stdexcept>
#include <string>
#include <unordered_set>
#include <vector>

namespace {

thread_local std::string g_last_error;

// An error we raise ourselves, carrying its status code.
struct RfxError : std::runtime_error {
    int status;
    RfxError(int s, const std::string& msg) : std::runtime_error(msg), status(s) {}
};

[[noreturn]] void fail(int status, const std::string& msg) {
    throw RfxError(status, msg);
}

void require(bool ok, const char* msg) {
    if (!ok) {
        fail(RFX_E_INVALID_ARGUMENT, msg);
    }
}

template <typename F>
int guard(F&& body) noexcept {
    try {
        body();
        return RFX_OK;
    } catch (const RfxError& e) {
        g_last_error = e.what();
        return e.status;
    } catch (const faiss::FaissException& e) {
        g_last_error = e.what();
        return RFX_E_FAISS;
    } catch (const std::bad_alloc&) {
        g_last_error = "out of memory";
        return RFX_E_OUT_OF_MEMORY;
    } catch (const std::exception& e) {
        g_last_error = e.what();
        return RFX_E_UNKNOWN;
    } catch (...) {
        g_last_error = "unknown C++ exception";
        return RFX_E_UNKNOWN;
    }
}

// Caps OpenMP threads for the calling thread at n while alive (the setting is per thread, so concurrent callers do
// not interfere). IndexHNSW::search opens a full OpenMP team even for one query, and every team member allocates
// and clears an ntotal-sized visited table; for the usual one-query search that makes it slower, not faster, and
// spinning idle workers steal the CPU that other searches and the embedder need.
class OmpThreadCap {
public:
    explicit OmpThreadCap(int64_t n) : previous_(omp_get_max_threads()) {
        if (n < previous_) {
            omp_set_num_threads(static_cast<int>(std::max<int64_t>(n, 1)));
        }
    }
    ~OmpThreadCap() { omp_set_num_threads(previous_); }
    OmpThreadCap(const OmpThreadCap&) = delete;
    OmpThreadCap& operator=(const OmpThreadCap&) = delete;

private:
    int previous_;
};

using IdMap = faiss::IndexIDMap2;

// A handle is a faiss::Index*: an IndexIDMap2 over a flat or HNSW index, or an IVF index with 4- or 8-bit scalar codes that keeps the caller's ids itself in its lists.
// The IVF index has no direct map: removing ids scans every list's ids (a few milliseconds for the kernel's 1.6M, on
// both cores), where FAISS's hash-table map cost 61 MiB there, held for the index's life.
faiss::Index* as_index(rfx_index index) {
    require(index != nullptr, "index handle is null");
    return static_cast<faiss::Index*>(index);
}

IdMap* as_map(faiss::Index* index) {
    return dynamic_cast<IdMap*>(index);
}

faiss::IndexHNSW* as_hnsw(faiss::Index* index) {
    auto* map = as_map(index);
    return map == nullptr ? nullptr : dynamic_cast<faiss::IndexHNSW*>(map->index);
}

faiss::IndexIVF* as_ivf(faiss::Index* index) {
    return dynamic_cast<faiss::IndexIVF*>(index);
}

// FAISS's inverted lists are std::vectors that double when full, so adding the kernel's 1.6M vectors left up to half
// of the codes' memory unused at the peak of a first index. The batch is assigned to its lists first, and a list too
// small for what it receives grows by a quarter (or to what it needs), then FAISS adds with that assignment.
void add_with_bounded_growth(faiss::IndexIVF* ivf, int64_t n, const float* x, const int64_t* ids) {
    std::vector<faiss::Index::idx_t> assigned(static_cast<size_t>(n));
    ivf->quantizer->assign(n, x, assigned.data());
    if (auto* lists = dynamic_cast<faiss::ArrayInvertedLists*>(ivf->invlists); lists != nullptr) {
        std::vector<size_t> incoming(lists->nlist, 0);
        for (auto list : assigned) {
            if (list >= 0) {
                incoming[static_cast<size_t>(list)]++;
            }
        }
        for (size_t list = 0; list < lists->nlist; list++) {
            auto& list_ids = lists->ids[list];
            size_t needed = list_ids.size() + incoming[list];
            if (needed > list_ids.capacity()) {
                size_t capacity = std::max(needed, list_ids.capacity() + list_ids.capacity() / 4);
                list_ids.reserve(capacity);
                lists->codes[list].reserve(capacity * lists->code_size);
            }
        }
    }
    ivf->add_core(n, x, ids, assigned.data());
}

// A query visits its probed lists on every core (FAISS's parallel mode 1) rather than one query per core (mode 0):
// the daemon searches one query at a time, which mode 0 leaves on a single core. Not saved with the index.
void scan_lists_in_parallel(faiss::IndexIVF* ivf) {
    ivf->parallel_mode = 1;
}

// Owns its quantizer, scans lists on both cores and keeps no direct map (a snapshot written with FAISS's hash-table
// map, as earlier versions did, drops it when loaded).
faiss::IndexIVF* prepared(faiss::IndexIVF* ivf) {
    ivf->own_fields = true;
    ivf->set_direct_map_type(faiss::DirectMap::NoMap);
    scan_lists_in_parallel(ivf);
    return ivf;
}

// FAISS compares fewer than 20 queries with a flat index's vectors one vector at a time, in generic code in Debian's
// build; OpenBLAS picks the CPU's own kernels at run time. The daemon searches one query at a time, and an IVF search
// starts with such a comparison against every centroid: 0.87 -> 0.18 ms for the kernel's 4,096. Set on the first
// search rather than when the library loads, which must have no side effects.
void compare_single_queries_through_blas() {
    static std::once_flag once;
    std::call_once(once, [] { faiss::distance_compute_blas_threshold = 1; });
}

// Wraps a freshly built sub-index; the map owns it.
rfx_index wrap(std::unique_ptr<faiss::Index> inner) {
    auto map = std::make_unique<IdMap>(inner.get());
    inner.release();
    map->own_fields = true;
    return static_cast<faiss::Index*>(map.release());
}

bool is_ragex_index(faiss::Index* index) {
    if (index->metric_type != faiss::METRIC_INNER_PRODUCT) {
        return false;
    }
    if (auto* map = as_map(index)) {
        return dynamic_cast<faiss::IndexFlat*>(map->index) != nullptr ||
                dynamic_cast<faiss::IndexHNSWFlat*>(map->index) != nullptr;
    }
    auto* ivf = as_ivf(index);
    if (ivf == nullptr || ivf->direct_map.type == faiss::DirectMap::Array) {
        return false;
    }
    auto* sq = dynamic_cast<faiss::IndexIVFScalarQuantizer*>(ivf);
    return sq != nullptr && (sq->sq.qtype == faiss::ScalarQuantizer::QT_8bit || sq->sq.qtype == faiss::ScalarQuantizer::QT_4bit);
}

} // namespace

extern "C" {

const char* rfx_last_error(void) {
    return g_last_error.c_str();
}

int rfx_create_flat(int32_t d, rfx_index* out) {
    return guard([&] {
        require(out != nullptr, "out is null");
        require(d > 0, "dimension must be positive");
        *out = wrap(std::make_unique<faiss::IndexFlatIP>(d));
    });
}

int rfx_create_hnsw(int32_t d, int32_t m, int32_t ef_construction, rfx_index* out) {
    return guard([&] {
        require(out != nullptr, "out is null");
        require(d > 0, "dimension must be positive");
        require(m >= 2, "HNSW M must be at least 2");
        require(ef_construction > 0, "efConstruction must be positive");
        auto inner = std::make_unique<faiss::IndexHNSWFlat>(d, m, faiss::METRIC_INNER_PRODUCT);
        inner->hnsw.efConstruction = ef_construction;
        *out = wrap(std::move(inner));
    });
}

int rfx_create_ivf_sq(int32_t d, int32_t nlist, int32_t bits, rfx_index* out) {
    return guard([&] {
        require(out != nullptr, "out is null");
        require(d > 0, "dimension must be positive");
        require(nlist > 0, "nlist must be positive");
        require(bits == 4 || bits == 8, "scalar codes have 4 or 8 bits");
        auto qtype = bits == 4 ? faiss::ScalarQuantizer::QT_4bit : faiss::ScalarQuantizer::QT_8bit;
        auto quantizer = std::make_unique<faiss::IndexFlatIP>(d);
        auto ivf = std::make_unique<ragexfaiss::FastIvfSq>(quantizer.get(), d, nlist, qtype, faiss::METRIC_INNER_PRODUCT);
        quantizer.release();
        *out = static_cast<faiss::Index*>(prepared(ivf.release()));
    });
}

int rfx_train(rfx_index index, int64_t n, const float* x, int32_t iterations) {
    return guard([&] {
        auto* ivf = as_ivf(as_index(index));
        if (ivf == nullptr) {
            fail(RFX_E_UNSUPPORTED, "only IVF indexes are trained");
        }
        require(n > 0 && x != nullptr, "training needs at least one vector");
        require(ivf->ntotal == 0, "an IVF index is trained before any vector is added");
        require(iterations >= 0, "iterations must not be negative");
        if (iterations > 0) {
            ivf->cp.niter = iterations;
        }
        ivf->train(n, x);
    });
}

int rfx_is_trained(rfx_index index, int32_t* out) {
    return guard([&] {
        require(out != nullptr, "out is null");
        *out = as_index(index)->is_trained ? 1 : 0;
    });
}

int rfx_set_nprobe(rfx_index index, int32_t nprobe) {
    return guard([&] {
        require(nprobe > 0, "nprobe must be positive");
        auto* ivf = as_ivf(as_index(index));
        if (ivf == nullptr) {
            fail(RFX_E_UNSUPPORTED, "nprobe applies only to IVF indexes");
        }
        ivf->nprobe = static_cast<size_t>(nprobe);
    });
}

int rfx_get_nprobe(rfx_index index, int32_t* out) {
    return guard([&] {
        require(out != nullptr, "out is null");
        auto* ivf = as_ivf(as_index(index));
        if (ivf == nullptr) {
            fail(RFX_E_UNSUPPORTED, "nprobe applies only to IVF indexes");
        }
        *out = static_cast<int32_t>(ivf->nprobe);
    });
}

int rfx_nlist(rfx_index index, int32_t* out) {
    return guard([&] {
        require(out != nullptr, "out is null");
        auto* ivf = as_ivf(as_index(index));
        if (ivf == nullptr) {
            fail(RFX_E_UNSUPPORTED, "nlist applies only to IVF indexes");
        }
        *out = static_cast<int32_t>(ivf->nlist);
    });
}

int rfx_set_ef_search(rfx_index index, int32_t ef_search) {
    return guard([&] {
        require(ef_search > 0, "efSearch must be positive");
        auto* hnsw = as_hnsw(as_index(index));
        if (hnsw == nullptr) {
            fail(RFX_E_UNSUPPORTED, "efSearch applies only to HNSW indexes");
        }
        hnsw->hnsw.efSearch = ef_search;
    });
}

int rfx_get_ef_search(rfx_index index, int32_t* out) {
    return guard([&] {
        require(out != nullptr, "out is null");
        auto* hnsw = as_hnsw(as_index(index));
        if (hnsw == nullptr) {
            fail(RFX_E_UNSUPPORTED, "efSearch applies only to HNSW indexes");
        }
        *out = hnsw->hnsw.efSearch;
    });
}

int rfx_add_with_ids(rfx_index index, int64_t n, const float* x, const int64_t* ids) {
    return guard([&] {
        auto* target = as_index(index);
        require(n >= 0, "n must not be negative");
        if (n == 0) {
            return;
        }
        require(x != nullptr && ids != nullptr, "vectors or ids pointer is null");
        require(target->is_trained, "the IVF index is not trained yet");
        // IndexIDMap2 silently accepts duplicate ids and then its reverse map no longer matches; refuse them up front.
        // An IVF index has no map to ask (see the header): only a batch's own duplicates are refused there.
        std::unordered_set<int64_t> batch;
        batch.reserve(static_cast<size_t>(n));
        for (int64_t i = 0; i < n; i++) {
            if (ids[i] < 0) {
                fail(RFX_E_INVALID_ARGUMENT, "id " + std::to_string(ids[i]) + " is negative");
            }
            if (!batch.insert(ids[i]).second) {
                fail(RFX_E_INVALID_ARGUMENT, "id " + std::to_string(ids[i]) + " appears twice in the batch");
            }
            if (auto* map = as_map(target); map != nullptr && map->rev_map.count(ids[i]) != 0) {
                fail(RFX_E_INVALID_ARGUMENT, "id " + std::to_string(ids[i]) + " is already in the index");
            }
        }
        if (auto* ivf = as_ivf(target); ivf != nullptr) {
            add_with_bounded_growth(ivf, n, x, ids);
        } else {
            target->add_with_ids(n, x, ids);
        }
    });
}

int rfx_remove_ids(rfx_index index, int64_t n, const int64_t* ids, int64_t* removed) {
    return guard([&] {
        auto* target = as_index(index);
        require(removed != nullptr, "removed is null");
        require(n >= 0, "n must not be negative");
        if (as_hnsw(target) != nullptr) {
            fail(RFX_E_UNSUPPORTED, "HNSW indexes do not support removing vectors; rebuild the index instead");
        }
        if (n == 0) {
            *removed = 0;
            return;
        }
        require(ids != nullptr, "ids pointer is null");
        faiss::IDSelectorBatch selector(static_cast<size_t>(n), ids);
        *removed = static_cast<int64_t>(target->remove_ids(selector));
    });
}

int rfx_search(rfx_index index, int64_t n, const float* x, int64_t k, float* distances, int64_t* labels) {
    return guard([&] {
        auto* map = as_index(index);
        require(n >= 0, "n must not be negative");
        require(k > 0, "k must be positive");
        if (n == 0) {
            return;
        }
        require(x != nullptr && distances != nullptr && labels != nullptr, "query or result pointer is null");
        if (map->ntotal == 0) {
            // HNSW has no entry point when empty; answer "no results" uniformly for both kinds.
            for (int64_t i = 0; i < n * k; i++) {
                distances[i] = -std::numeric_limits<float>::infinity();
                labels[i] = -1;
            }
            return;
        }
        compare_single_queries_through_blas();
        // An IVF query's lists are shared among the threads (scan_lists_in_parallel); other kinds get one per query.
        OmpThreadCap cap(as_ivf(map) != nullptr ? omp_get_max_threads() : n);
        map->search(n, x, k, distances, labels);
    });
}

int rfx_compact(rfx_index index) {
    return guard([&] {
        auto* ivf = as_ivf(as_index(index));
        auto* lists = ivf == nullptr ? nullptr : dynamic_cast<faiss::ArrayInvertedLists*>(ivf->invlists);
        if (lists == nullptr) {
            return;
        }
        for (size_t list = 0; list < lists->nlist; list++) {
            lists->codes[list].shrink_to_fit();
            lists->ids[list].shrink_to_fit();
        }
    });
}

int rfx_set_fast_scan(rfx_index index, int32_t enabled, int32_t* active) {
    return guard([&] {
        require(active != nullptr, "active is null");
        auto* fast = dynamic_cast<ragexfaiss::FastIvfSq*>(as_index(index));
        if (fast != nullptr) {
            fast->fast_scan = enabled != 0;
        }
        *active = fast != nullptr && fast->scans_fast() ? 1 : 0;
    });
}

int rfx_ntotal(rfx_index index, int64_t* out) {
    return guard([&] {
        auto* map = as_index(index);
        require(out != nullptr, "out is null");
        *out = map->ntotal;
    });
}

int rfx_dimension(rfx_index index, int32_t* out) {
    return guard([&] {
        auto* map = as_index(index);
        require(out != nullptr, "out is null");
        *out = static_cast<int32_t>(map->d);
    });
}

int rfx_kind(rfx_index index, int32_t* out) {
    return guard([&] {
        auto* target = as_index(index);
        require(out != nullptr, "out is null");
        *out = as_hnsw(target) != nullptr ? RFX_KIND_HNSW
                : as_ivf(target) != nullptr ? RFX_KIND_IVF_SQ
                : RFX_KIND_FLAT;
    });
}

int rfx_write_index(rfx_index index, const char* path) {
    return guard([&] {
        auto* map = as_index(index);
        require(path != nullptr && *path != '\0', "path is empty");
        faiss::write_index(map, path);
    });
}

int rfx_read_index(const char* path, rfx_index* out) {
    return guard([&] {
        require(path != nullptr && *path != '\0', "path is empty");
        require(out != nullptr, "out is null");
        std::unique_ptr<faiss::Index> loaded(faiss::read_index(path));
        if (!is_ragex_index(loaded.get())) {
            fail(RFX_E_UNSUPPORTED,
                 std::string(path) +
                         " is not a ragex index (expected IndexIDMap2 over an inner-product flat or HNSW index, or an "
                         "inner-product IVF-SQ index)");
        }
        if (auto* map = as_map(loaded.get())) {
            map->own_fields = true;
            *out = loaded.release();
            return;
        }
        auto* sq = dynamic_cast<faiss::IndexIVFScalarQuantizer*>(loaded.get());
        auto fast = std::make_unique<ragexfaiss::FastIvfSq>(*sq);
        *out = static_cast<faiss::Index*>(prepared(fast.release()));
    });
}

int rfx_fsync_path(const char* path) {
    return guard([&] {
        require(path != nullptr && *path != '\0', "path is empty");
        int fd = ::open(path, O_RDONLY | O_CLOEXEC);
        if (fd < 0) {
            fail(RFX_E_IO, std::string("open ") + path + ": " + std::strerror(errno));
        }
        int rc = ::fsync(fd);
        int err = errno;
        ::close(fd);
        if (rc != 0) {
            fail(RFX_E_IO, std::string("fsync ") + path + ": " + std::strerror(err));
        }
    });
}

int rfx_free(rfx_index index) {
    return guard([&] { delete static_cast<faiss::Index*>(index); });
}

} // extern "C"
