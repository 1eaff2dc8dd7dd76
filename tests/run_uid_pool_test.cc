// RunUidPool: blocks of run uids leased under flock, so two engines never hand out the same uid
// (issue 14, Must 6). Real lease files in a temporary folder, real processes holding them.
#include <signal.h>
#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <set>
#include <string>

#include <catch2/catch.hpp>

#include "runner/run_uid_pool.h"
#include "support/run_command.h"

using namespace exengine;
namespace fs = std::filesystem;

namespace {

// Forks a child that runs `body` and then waits for SIGKILL; returns once `body` is done.
template <class Body>
pid_t hold_in_child(Body body) {
  int p[2];
  REQUIRE(::pipe(p) == 0);
  const pid_t pid = ::fork();
  if (pid == 0) {
    ::close(p[0]);
    body();
    char ok = 'k';
    if (::write(p[1], &ok, 1) != 1) ::_exit(1);
    for (;;) ::pause();
  }
  ::close(p[1]);
  char c = 0;
  REQUIRE(::read(p[0], &c, 1) == 1);
  ::close(p[0]);
  return pid;
}

void kill_and_reap(pid_t pid) {
  ::kill(pid, SIGKILL);
  int st = 0;
  ::waitpid(pid, &st, 0);
}

uid_t block_base(unsigned block) { return RunUidPool::kRunUidBase + block * RunUidPool::kBlockSize; }

}  // namespace

// Which block a uid is in.
unsigned block_of(uid_t uid) { return (uid - RunUidPool::kRunUidBase) / RunUidPool::kBlockSize; }

// Whether `file` can be locked now (no live process holds its lease).
bool lockable(const fs::path& file) {
  const int fd = ::open(file.c_str(), O_RDWR | O_CLOEXEC);
  if (fd < 0) return false;
  const bool ok = ::flock(fd, LOCK_EX | LOCK_NB) == 0;
  ::close(fd);
  return ok;
}

// Block numbers are not asserted: on a shared machine, other engines' runs may hold uids of any
// block, and a pool skips those (see the last case).
TEST_CASE("two pools on one lease folder lease different blocks and hand out disjoint uids", "[uid_pool]") {
  test::TempDir tmp;
  RunUidPool a(tmp / "uids"), b(tmp / "uids");
  std::set<uid_t> from_a, from_b;
  for (unsigned i = 0; i < RunUidPool::kBlockSize; ++i) {
    from_a.insert(a.acquire());
    from_b.insert(b.acquire());
  }
  CHECK(from_a.size() == RunUidPool::kBlockSize);
  CHECK(from_b.size() == RunUidPool::kBlockSize);
  std::vector<uid_t> both;
  std::set_intersection(from_a.begin(), from_a.end(), from_b.begin(), from_b.end(), std::back_inserter(both));
  CHECK(both.empty());
  REQUIRE(a.blocks().size() == 1);
  REQUIRE(b.blocks().size() == 1);
  CHECK(a.blocks() != b.blocks());
  CHECK(*from_a.begin() == block_base(a.blocks()[0]));
  CHECK(*from_a.rbegin() == block_base(a.blocks()[0]) + RunUidPool::kBlockSize - 1);
  CHECK(*from_b.begin() == block_base(b.blocks()[0]));

  // All of a's uids are held: the next run needs one more block, not b's.
  const uid_t next = a.acquire();
  REQUIRE(a.blocks().size() == 2);
  CHECK(block_of(next) == a.blocks()[1]);
  CHECK(a.blocks()[1] != b.blocks()[0]);
  CHECK(a.blocks()[1] != a.blocks()[0]);
  CHECK(test::read_file(tmp / "uids" / ("block-" + std::to_string(a.blocks()[0]) + ".lease")) ==
        std::to_string(::getpid()) + "\n");
}

TEST_CASE("a released uid is handed out again only after every other free one", "[uid_pool]") {
  test::TempDir tmp;
  RunUidPool pool(tmp / "uids");
  const uid_t first = pool.acquire();
  const uid_t second = pool.acquire();
  CHECK(second == first + 1);
  pool.release(first);
  std::set<uid_t> seen;
  for (unsigned i = 0; i + 2 < RunUidPool::kBlockSize; ++i) seen.insert(pool.acquire());
  CHECK_FALSE(seen.count(first));
  CHECK(pool.acquire() == first);
  CHECK(pool.blocks().size() == 1);
}

TEST_CASE("the lease of a dead engine is reclaimed; a live engine's is not", "[uid_pool]") {
  test::TempDir tmp;
  const fs::path dir = tmp / "uids";
  int p[2];
  REQUIRE(::pipe(p) == 0);
  const pid_t engine = hold_in_child([&] {
    static RunUidPool held(dir);  // lives until the child is killed
    const unsigned block = block_of(held.acquire());
    if (::write(p[1], &block, sizeof block) != sizeof block) ::_exit(1);
  });
  unsigned held_block = 0;
  REQUIRE(::read(p[0], &held_block, sizeof held_block) == sizeof held_block);
  ::close(p[0]);
  ::close(p[1]);
  const fs::path lease = dir / ("block-" + std::to_string(held_block) + ".lease");
  CHECK_FALSE(lockable(lease));
  {
    RunUidPool other(dir);
    CHECK(block_of(other.acquire()) != held_block);  // held by the live engine
  }
  kill_and_reap(engine);
  CHECK(lockable(lease));  // the dead engine's lock went with it: the next pool may take the block
}

TEST_CASE("a block with a live process under one of its uids is not leased", "[uid_pool]") {
  if (::geteuid() != 0) {
    WARN("not root: cannot start a process under a run uid; skipped");
    return;
  }
  test::TempDir tmp;
  // The block a fresh pool would take now; then a process (an orphaned run) starts under it.
  RunUidPool probe(tmp / "first");
  const unsigned block = block_of(probe.acquire());
  const pid_t orphan = hold_in_child([block] {
    if (::setgid(block_base(block) + 7) != 0 || ::setuid(block_base(block) + 7) != 0) ::_exit(1);
  });
  RunUidPool pool(tmp / "second");  // another lease folder: only the process keeps it off the block
  CHECK(block_of(pool.acquire()) != block);
  kill_and_reap(orphan);
}

TEST_CASE("a lease folder others can write is refused with one line", "[uid_pool]") {
  test::TempDir tmp;
  fs::create_directories(tmp / "uids");
  ::chmod((tmp / "uids").c_str(), 0777);
  RunUidPool pool(tmp / "uids");
  CHECK_THROWS_WITH(pool.acquire(), "the run uid lease folder " + (tmp / "uids").string() +
                                        " is not a folder that only this user (uid " + std::to_string(::geteuid()) +
                                        ") can write");
}
