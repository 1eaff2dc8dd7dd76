#include "runner/run_uid_pool.h"

#include <dirent.h>
#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <stdexcept>
#include <string>
#include <system_error>

#include <fmt/format.h>

namespace exengine {

namespace fs = std::filesystem;

namespace {

// Whether a live process runs under a uid of `block` (its /proc entry's owner).
bool block_in_use(unsigned block) {
  const uid_t lo = RunUidPool::kRunUidBase + block * RunUidPool::kBlockSize;
  const uid_t hi = lo + RunUidPool::kBlockSize;
  DIR* proc = ::opendir("/proc");
  if (!proc) return false;
  bool used = false;
  while (dirent* e = ::readdir(proc)) {
    if (e->d_name[0] < '1' || e->d_name[0] > '9') continue;
    struct stat st {};
    if (::fstatat(::dirfd(proc), e->d_name, &st, 0) == 0 && st.st_uid >= lo && st.st_uid < hi) {
      used = true;
      break;
    }
  }
  ::closedir(proc);
  return used;
}

// Makes `dir` (and its parents) and checks that only this user can write it.
void make_lease_dir(const fs::path& dir) {
  std::error_code ec;
  fs::create_directories(dir, ec);
  struct stat st {};
  if (::lstat(dir.c_str(), &st) != 0)
    throw std::runtime_error(fmt::format("cannot make the run uid lease folder {}: {}", dir.string(),
                                         ec ? ec.message() : std::strerror(errno)));
  if (!S_ISDIR(st.st_mode) || st.st_uid != ::geteuid() || (st.st_mode & 022) != 0)
    throw std::runtime_error(fmt::format(
        "the run uid lease folder {} is not a folder that only this user (uid {}) can write", dir.string(),
        ::geteuid()));
}

}  // namespace

RunUidPool::RunUidPool(fs::path lease_dir) : dir_(std::move(lease_dir)) {}

RunUidPool::~RunUidPool() {
  for (const auto& [block, fd] : leases_) ::close(fd);  // closing drops the flock
}

fs::path RunUidPool::default_lease_dir() {
  if (::access("/run", W_OK) == 0) return "/run/exengine/uids";
  return "/var/lib/exengine/uids";
}

RunUidPool& RunUidPool::shared() {
  static RunUidPool pool(default_lease_dir());
  return pool;
}

void RunUidPool::lease_block_locked() {
  make_lease_dir(dir_);
  for (unsigned block = 0; block < kBlocks; ++block) {
    bool mine = false;
    for (const auto& lease : leases_) mine |= lease.first == block;
    if (mine) continue;
    const fs::path file = dir_ / fmt::format("block-{}.lease", block);
    const int fd = ::open(file.c_str(), O_RDWR | O_CREAT | O_NOFOLLOW | O_CLOEXEC, 0644);
    if (fd < 0)
      throw std::runtime_error(fmt::format("cannot open the run uid lease {}: {}", file.string(), std::strerror(errno)));
    if (::flock(fd, LOCK_EX | LOCK_NB) != 0 || block_in_use(block)) {
      ::close(fd);
      continue;
    }
    const std::string holder = fmt::format("{}\n", ::getpid());
    if (::ftruncate(fd, 0) != 0 || ::pwrite(fd, holder.data(), holder.size(), 0) < 0) {
      // Only a note for people; the lock is what counts.
    }
    leases_.emplace_back(block, fd);
    const uid_t base = kRunUidBase + block * kBlockSize;
    for (unsigned i = 0; i < kBlockSize; ++i) free_.push_back(base + i);
    return;
  }
  throw std::runtime_error(fmt::format(
      "every block of run uids ({}-{}) is leased by another engine or still in use (see {})", kRunUidBase,
      kRunUidBase + kBlocks * kBlockSize - 1, dir_.string()));
}

uid_t RunUidPool::acquire() {
  std::lock_guard<std::mutex> lock(mutex_);
  if (free_.empty()) lease_block_locked();
  const uid_t uid = free_.front();
  free_.pop_front();
  return uid;
}

void RunUidPool::release(uid_t uid) {
  std::lock_guard<std::mutex> lock(mutex_);
  free_.push_back(uid);
}

std::vector<unsigned> RunUidPool::blocks() const {
  std::lock_guard<std::mutex> lock(mutex_);
  std::vector<unsigned> out;
  for (const auto& lease : leases_) out.push_back(lease.first);
  return out;
}

RunUid::RunUid(bool change_uid)
    : uid_(change_uid ? RunUidPool::shared().acquire() : ::getuid()), leased_(change_uid) {}

RunUid::~RunUid() {
  if (leased_) RunUidPool::shared().release(uid_);
}

}  // namespace exengine
