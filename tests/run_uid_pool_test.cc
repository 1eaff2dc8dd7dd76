// RunUidPool: blocks of run uids leased under flock, so two engines never hand out the same uid
// (issue 14, Must 6). Real lease files in a temporary folder, real processes holding them.
#include <signal.h>
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
  CHECK(a.blocks() == std::vector<unsigned>{0});
  CHECK(b.blocks() == std::vector<unsigned>{1});
  CHECK(*from_a.begin() == block_base(0));
  CHECK(*from_b.begin() == block_base(1));

  // All of a's uids are held: the next run needs one more block, the first free one.
  CHECK(a.acquire() == block_base(2));
  CHECK(a.blocks() == std::vector<unsigned>{0, 2});
  CHECK(test::read_file(tmp / "uids" / "block-0.lease") == std::to_string(::getpid()) + "\n");
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
  const pid_t engine = hold_in_child([&] {
    static RunUidPool held(dir);  // lives until the child is killed
    if (held.acquire() != block_base(0)) ::_exit(1);
  });
  {
    RunUidPool other(dir);
    CHECK(other.acquire() == block_base(1));  // block 0 is held by the live engine
  }
  kill_and_reap(engine);
  RunUidPool after(dir);
  CHECK(after.acquire() == block_base(0));  // the dead engine's lock went with it
}

TEST_CASE("a block with a live process under one of its uids is not leased", "[uid_pool]") {
  if (::geteuid() != 0) {
    WARN("not root: cannot start a process under a run uid; skipped");
    return;
  }
  test::TempDir tmp;
  const pid_t orphan = hold_in_child([] {
    if (::setgid(block_base(0) + 7) != 0 || ::setuid(block_base(0) + 7) != 0) ::_exit(1);
  });
  RunUidPool pool(tmp / "uids");
  CHECK(pool.acquire() == block_base(1));
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
