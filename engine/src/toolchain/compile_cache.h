// CompileCache: a content-addressed store of build products (binaries, precompiled headers), shared
// by every thread of this engine and by other engine processes using the same directory.
//
// Layout: <dir>/<kind>/<key> (a file or a directory), <dir>/locks/<key>.lock, <dir>/tmp/. Keys are
// hex digests (see CppBuilder for what goes into them), so an entry never changes once written:
// it is built under a temporary name in <dir>/tmp and renamed into place (atomic on one file
// system). Entries are made readable and executable by everyone: when the engine runs as root,
// tier A runs submissions (and compilers) under other uids.
//
// Bounded: one entry holds at most max_entry_bytes (insert() refuses a bigger one); after each
// insertion, least-recently-used entries (by modification time, which find() refreshes) are removed
// until the total size is within max_bytes: first those not used in the last minute, then, if the
// total is still past the bound, recent ones too, all but the entry just inserted. An entry in use
// by a tier A run or compile survives its removal (the run's root binds the file itself).
//
// Thread-safe. Locking (lock()) is an flock on a per-key file: it excludes other threads of this
// process as well as other processes, so no two of them build the same key at once.
#pragma once

#include <cstdint>
#include <filesystem>
#include <mutex>
#include <string>

namespace exengine {

class CompileCache {
 public:
  // Throws std::runtime_error (one line, naming the directory) when `dir` cannot be created.
  explicit CompileCache(std::filesystem::path dir, std::uint64_t max_bytes = kDefaultMaxBytes,
                        std::uint64_t max_entry_bytes = kDefaultMaxEntryBytes);

  static constexpr std::uint64_t kDefaultMaxBytes = 512ull << 20;
  // A precompiled header of the default headers is ~70 MiB with g++.
  static constexpr std::uint64_t kDefaultMaxEntryBytes = 128ull << 20;

  // $EXENGINE_CACHE_DIR; else $XDG_CACHE_HOME/exengine; else, for root, /var/cache/exengine (root's
  // home is closed to the uids tier A runs submissions under); else ~/.cache/exengine.
  static std::filesystem::path default_dir();

  const std::filesystem::path& dir() const { return dir_; }

  // The entry's path when present (its use time refreshed), else empty.
  std::filesystem::path find(const std::string& kind, const std::string& key) const;

  // Exclusive hold of `key` until destroyed. Waits for another holder.
  class Lock {
   public:
    explicit Lock(int fd) : fd_(fd) {}
    Lock(Lock&& other) noexcept : fd_(other.fd_) { other.fd_ = -1; }
    Lock(const Lock&) = delete;
    Lock& operator=(const Lock&) = delete;
    ~Lock();

   private:
    int fd_;
  };
  Lock lock(const std::string& key) const;

  // A fresh path in <dir>/tmp (nothing exists there yet) for building an entry.
  std::filesystem::path temp_path(const std::string& key) const;

  // Moves `built` (a file or directory, normally from temp_path) into place as the entry and
  // returns its path; if the entry appeared meanwhile, `built` is removed and the existing entry
  // kept. Then evicts. Throws std::runtime_error when the rename fails or `built` is bigger than
  // max_entry_bytes (then removed).
  std::filesystem::path insert(const std::string& kind, const std::string& key,
                               const std::filesystem::path& built);

  // Removes least-recently-used entries until the cache holds at most max_bytes.
  void evict(const std::filesystem::path& keep = {});
  // Total bytes of all entries.
  std::uint64_t size() const;

 private:
  std::filesystem::path dir_;
  std::uint64_t max_bytes_;
  std::uint64_t max_entry_bytes_;
  std::mutex evict_mutex_;
};

}  // namespace exengine
