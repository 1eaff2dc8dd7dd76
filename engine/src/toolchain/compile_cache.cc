#include "toolchain/compile_cache.h"

#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <chrono>
#include <cstdlib>
#include <cstring>
#include <stdexcept>
#include <system_error>
#include <thread>
#include <vector>

#include <fmt/format.h>

namespace exengine {
namespace fs = std::filesystem;

namespace {

const char* const kKinds[] = {"bin", "pch"};

void make_dir(const fs::path& p) {
  std::error_code ec;
  fs::create_directories(p, ec);
  if (!fs::is_directory(p, ec))
    throw std::runtime_error(fmt::format("cannot create the compile cache folder {} (set EXENGINE_CACHE_DIR)", p.string()));
  ::chmod(p.c_str(), 0755);
}

// Everyone may read (and execute, for binaries and directories); only the engine writes.
void open_up(const fs::path& p) {
  std::error_code ec;
  if (fs::is_directory(fs::symlink_status(p, ec))) {
    ::chmod(p.c_str(), 0755);
    for (auto it = fs::recursive_directory_iterator(p, ec); !ec && it != fs::recursive_directory_iterator();
         it.increment(ec)) {
      const bool dir = it->is_directory(ec);
      ::chmod(it->path().c_str(), dir ? 0755 : 0644);
    }
  } else {
    struct stat st {};
    const bool exec = ::stat(p.c_str(), &st) == 0 && (st.st_mode & S_IXUSR);
    ::chmod(p.c_str(), exec ? 0755 : 0644);
  }
}

std::uint64_t entry_size(const fs::path& p) {
  std::error_code ec;
  if (!fs::is_directory(fs::symlink_status(p, ec))) {
    const auto n = fs::file_size(p, ec);
    return ec ? 0 : n;
  }
  std::uint64_t total = 0;
  for (auto it = fs::recursive_directory_iterator(p, ec); !ec && it != fs::recursive_directory_iterator();
       it.increment(ec)) {
    if (it->is_regular_file(ec)) {
      const auto n = it->file_size(ec);
      if (!ec) total += n;
    }
  }
  return total;
}

void touch(const fs::path& p) {
  std::error_code ec;
  fs::last_write_time(p, fs::file_time_type::clock::now(), ec);
}

}  // namespace

CompileCache::Lock::~Lock() {
  if (fd_ >= 0) {
    ::flock(fd_, LOCK_UN);
    ::close(fd_);
  }
}

CompileCache::CompileCache(fs::path dir, std::uint64_t max_bytes, std::uint64_t max_entry_bytes)
    : dir_(std::move(dir)), max_bytes_(max_bytes), max_entry_bytes_(max_entry_bytes) {
  dir_ = fs::absolute(dir_).lexically_normal();
  make_dir(dir_);
  for (const char* kind : kKinds) make_dir(dir_ / kind);
  make_dir(dir_ / "locks");
  make_dir(dir_ / "tmp");
}

fs::path CompileCache::default_dir() {
  if (const char* d = std::getenv("EXENGINE_CACHE_DIR"); d && *d) return d;
  if (const char* x = std::getenv("XDG_CACHE_HOME"); x && *x) return fs::path(x) / "exengine";
  if (::geteuid() == 0) return "/var/cache/exengine";
  if (const char* h = std::getenv("HOME"); h && *h) return fs::path(h) / ".cache/exengine";
  return fs::temp_directory_path() / fmt::format("exengine-cache-{}", ::geteuid());
}

fs::path CompileCache::find(const std::string& kind, const std::string& key) const {
  const fs::path p = dir_ / kind / key;
  std::error_code ec;
  if (!fs::exists(p, ec)) return {};
  touch(p);
  return p;
}

CompileCache::Lock CompileCache::lock(const std::string& key) const {
  const fs::path p = dir_ / "locks" / (key + ".lock");
  const int fd = ::open(p.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
  if (fd < 0) throw std::runtime_error(fmt::format("cannot open {}: {}", p.string(), std::strerror(errno)));
  while (::flock(fd, LOCK_EX) != 0) {
    if (errno != EINTR) {
      const int err = errno;
      ::close(fd);
      throw std::runtime_error(fmt::format("cannot lock {}: {}", p.string(), std::strerror(err)));
    }
  }
  return Lock(fd);
}

fs::path CompileCache::temp_path(const std::string& key) const {
  static std::atomic<unsigned> counter{0};
  const auto tid = std::hash<std::thread::id>{}(std::this_thread::get_id());
  return dir_ / "tmp" / fmt::format("{}.{}.{:x}.{}", key.substr(0, 16), ::getpid(), tid % 0xffffff, counter++);
}

fs::path CompileCache::insert(const std::string& kind, const std::string& key, const fs::path& built) {
  const fs::path dest = dir_ / kind / key;
  std::error_code ec;
  if (const std::uint64_t bytes = entry_size(built); bytes > max_entry_bytes_) {
    fs::remove_all(built, ec);
    throw std::runtime_error(fmt::format("cannot store {} in the compile cache: {} bytes, more than its {} MiB per entry",
                                         dest.string(), bytes, max_entry_bytes_ >> 20));
  }
  open_up(built);
  if (fs::exists(dest, ec)) {
    fs::remove_all(built, ec);
  } else {
    fs::rename(built, dest, ec);
    if (ec) {
      const std::string why = ec.message();
      if (!fs::exists(dest)) {
        fs::remove_all(built, ec);
        throw std::runtime_error(fmt::format("cannot store {} in the compile cache: {}", dest.string(), why));
      }
      fs::remove_all(built, ec);  // another process won the race: its entry is as good
    }
  }
  touch(dest);
  evict(dest);
  return dest;
}

std::uint64_t CompileCache::size() const {
  std::uint64_t total = 0;
  std::error_code ec;
  for (const char* kind : kKinds)
    for (auto it = fs::directory_iterator(dir_ / kind, ec); !ec && it != fs::directory_iterator(); it.increment(ec))
      total += entry_size(it->path());
  return total;
}

void CompileCache::evict(const fs::path& keep) {
  std::lock_guard<std::mutex> hold(evict_mutex_);
  struct Entry {
    fs::path path;
    fs::file_time_type used;
    std::uint64_t bytes;
  };
  std::vector<Entry> entries;
  std::uint64_t total = 0;
  std::error_code ec;
  for (const char* kind : kKinds) {
    for (auto it = fs::directory_iterator(dir_ / kind, ec); !ec && it != fs::directory_iterator(); it.increment(ec)) {
      std::error_code e2;
      Entry e{it->path(), fs::last_write_time(it->path(), e2), entry_size(it->path())};
      total += e.bytes;
      entries.push_back(std::move(e));
    }
  }
  if (total <= max_bytes_) return;
  std::sort(entries.begin(), entries.end(), [](const Entry& a, const Entry& b) { return a.used < b.used; });
  // Entries used in the last minute may be in use right now (a compile reading the precompiled
  // header, a run about to start): they stay, even past the bound.
  const auto recent = fs::file_time_type::clock::now() - std::chrono::seconds(60);
  // Old entries first; then, if the bound still does not hold, recent ones (oldest first) too.
  for (const bool take_recent : {false, true}) {
    for (Entry& e : entries) {
      if (total <= max_bytes_) return;
      if (e.path.empty() || e.path == keep || (!take_recent && e.used > recent)) continue;
      std::error_code e2;
      fs::remove_all(e.path, e2);
      if (!e2) total -= e.bytes;
      e.path.clear();
    }
  }
}

}  // namespace exengine
