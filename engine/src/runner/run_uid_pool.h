// RunUidPool: the uids a root engine gives its runs, so that no two runs on the machine ever share
// an identity: not two runs of one engine, nor of two engines (two shards, two TAs, CI) at once.
//
// Policy
// - The range kRunUidBase .. kRunUidBase + kBlocks * kBlockSize - 1 (600000-609999) is cut into
//   blocks. An engine leases a block by holding flock(LOCK_EX) on `<lease_dir>/block-<n>.lease`
//   (the file also says which pid holds it); every engine honours these locks. The lock goes
//   with the engine's process: released by the destructor, or by the kernel when the engine dies,
//   so a dead engine's block is reclaimed by the next engine that asks, without a clean-up step.
// - A block is leased only when no live process runs under one of its uids (an orphan of a
//   crashed engine keeps its block out of use until it is gone).
// - Within the engine, acquire() hands out a uid no other run of this engine holds, leasing one
//   more block when all of its blocks' uids are held; release() puts it back at the end of the
//   queue (a released uid is reused last).
//
// Contract
// - Thread-safe. Errors (the lease folder cannot be made or is not root's, every block leased)
//   throw std::runtime_error with one line naming the folder.
// - shared() is the engine's pool, on default_lease_dir(); tests make their own on a folder.
#pragma once

#include <sys/types.h>

#include <deque>
#include <filesystem>
#include <mutex>
#include <vector>

namespace exengine {

class RunUidPool {
 public:
  static constexpr uid_t kRunUidBase = 600000;
  static constexpr unsigned kBlockSize = 100;
  static constexpr unsigned kBlocks = 100;

  explicit RunUidPool(std::filesystem::path lease_dir);
  ~RunUidPool();
  RunUidPool(const RunUidPool&) = delete;
  RunUidPool& operator=(const RunUidPool&) = delete;

  uid_t acquire();
  void release(uid_t uid);

  // The blocks this pool holds (block n: uids kRunUidBase + n * kBlockSize ...), in lease order.
  std::vector<unsigned> blocks() const;

  // $EXENGINE_UID_LEASE_DIR, else /run/exengine/uids (a tmpfs: empty after a reboot), else
  // /var/lib/exengine/uids when /run cannot be written.
  static std::filesystem::path default_lease_dir();
  static RunUidPool& shared();

 private:
  void lease_block_locked();

  std::filesystem::path dir_;
  mutable std::mutex mutex_;
  std::vector<std::pair<unsigned, int>> leases_;  // (block, fd holding its flock)
  std::deque<uid_t> free_;
};

// One run's uid: with `change_uid`, a uid of RunUidPool::shared() held until this object goes;
// without, the engine's own uid. Converts to uid_t.
class RunUid {
 public:
  explicit RunUid(bool change_uid);
  ~RunUid();
  RunUid(const RunUid&) = delete;
  RunUid& operator=(const RunUid&) = delete;
  operator uid_t() const { return uid_; }

 private:
  uid_t uid_;
  bool leased_;
};

}  // namespace exengine
