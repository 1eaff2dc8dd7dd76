// SubmissionOpener on real files: links, hard links, FIFOs and devices are refused, both with
// openat2 and with the per-component walk used where the kernel lacks it (issue 14, Must 4).
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include <catch2/catch.hpp>

#include "batch/class_roster.h"
#include "batch/submission_opener.h"

using namespace exengine;
namespace fs = std::filesystem;

namespace {

struct Scratch {
  fs::path path;
  Scratch() : path(fs::temp_directory_path() / ("exengine-opener-" + std::to_string(::getpid()))) {
    fs::remove_all(path);
    fs::create_directories(path);
  }
  ~Scratch() { fs::remove_all(path); }
};

void write(const fs::path& p, const std::string& text) {
  fs::create_directories(p.parent_path());
  std::ofstream(p, std::ios::binary) << text;
}

std::string slurp(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

using Status = SubmissionOpener::Status;

}  // namespace

TEST_CASE("SubmissionOpener reads only plain files beneath the student's folder", "[opener]") {
  const auto mode = GENERATE(SubmissionOpener::Mode::automatic, SubmissionOpener::Mode::per_component);
  INFO((mode == SubmissionOpener::Mode::automatic ? "openat2" : "per component"));
  Scratch s;
  const fs::path alice = s.path / "alice", mallory = s.path / "mallory";
  write(alice / "threads" / "a.py", "print('alice')\n");
  write(s.path / "secret.txt", "the answers\n");
  write(mallory / "threads" / "own.py", "print('mine')\n");
  fs::create_symlink(alice / "threads" / "a.py", mallory / "threads" / "abs.py");
  fs::create_symlink("../../alice/threads/a.py", mallory / "threads" / "rel.py");
  fs::create_symlink("/etc/shadow", mallory / "threads" / "shadow.py");
  fs::create_directories(mallory / "pools");
  fs::create_symlink(alice / "threads", mallory / "locks");
  fs::create_hard_link(s.path / "secret.txt", mallory / "threads" / "hard.py");
  REQUIRE(::mkfifo((mallory / "threads" / "fifo.py").c_str(), 0644) == 0);
  fs::create_directories(mallory / "threads" / "dir.py");

  SubmissionOpener opener(mallory, mode);
  REQUIRE(opener.ok());

  auto own = opener.open("threads/own.py");
  REQUIRE(own.status == Status::ok);
  CHECK(own.st.st_size == 14);
  const fs::path copy = s.path / "copy" / "threads" / "own.py";
  CHECK(SubmissionOpener::copy_to(own, copy, 1024).empty());
  CHECK(slurp(copy) == "print('mine')\n");
  CHECK(SubmissionOpener::copy_to(own, copy, 1024) == "cannot be copied: " + copy.string() + ": File exists");
  CHECK(SubmissionOpener::copy_to(own, s.path / "small.py", 10) == "is larger than 10 bytes");
  CHECK_FALSE(fs::exists(s.path / "small.py"));

  for (const char* link : {"threads/abs.py", "threads/rel.py", "threads/shadow.py"}) {
    INFO(link);
    auto o = opener.open(link);
    CHECK(o.status == Status::refused);
    CHECK(o.why == "is a symbolic link");
    CHECK(o.fd() < 0);
  }
  auto through = opener.open("locks/a.py");
  CHECK(through.status == Status::refused);
  CHECK(through.why == "is under 'locks', a symbolic link");
  auto hard = opener.open("threads/hard.py");
  CHECK(hard.status == Status::refused);
  CHECK(hard.why == "has 2 hard links");
  auto fifo = opener.open("threads/fifo.py");  // returns at once: never opened for reading
  CHECK(fifo.status == Status::refused);
  CHECK(fifo.why == "is a FIFO");
  CHECK(opener.open("threads/dir.py").why == "is a folder");
  CHECK(opener.open("threads/none.py").status == Status::missing);
  CHECK(opener.open("pools/none.py").status == Status::missing);
  CHECK(opener.open("nowhere/none.py").status == Status::missing);
  CHECK(opener.open("../alice/threads/a.py").why == "leaves the student's folder ('..')");
  CHECK(opener.open(alice / "threads" / "a.py").why == "is an absolute path");

  if (::geteuid() == 0) {
    REQUIRE(::mknod((mallory / "threads" / "null.py").c_str(), S_IFCHR | 0644, ::makedev(1, 3)) == 0);
    CHECK(opener.open("threads/null.py").why == "is a device file");
  }

  // The folder itself must not be a link.
  fs::create_symlink(mallory, s.path / "linked");
  SubmissionOpener linked(s.path / "linked", mode);
  CHECK_FALSE(linked.ok());
  CHECK(linked.why() == "is a symbolic link");
  CHECK(linked.open("threads/own.py").why == "is in a student folder that is a symbolic link");
  CHECK(slurp(s.path / "secret.txt") == "the answers\n");
}

TEST_CASE("the class roster never follows a linked student and never reads a hard-linked archive", "[opener]") {
  Scratch s;
  const fs::path cls = s.path / "class";
  write(cls / "alice" / "threads" / "a.py", "x\n");
  write(s.path / "other.tar.gz", "not really an archive\n");
  fs::create_hard_link(s.path / "other.tar.gz", cls / "bob.tar.gz");
  fs::create_symlink(cls / "alice", cls / "carol");
  fs::create_symlink("/etc", cls / "dave");
  const ClassRoster roster = scan_class(cls);
  REQUIRE(roster.students.size() == 4);
  CHECK(roster.students[0].name == "alice");
  CHECK(roster.students[0].refused.empty());
  CHECK(roster.students[1].name == "bob");
  CHECK(roster.students[1].refused == "bob.tar.gz has 2 hard links");
  CHECK(roster.students[2].name == "carol");
  CHECK(roster.students[2].refused == "carol is a symbolic link");
  CHECK(roster.students[2].folder.empty());
  CHECK(roster.students[3].refused == "dave is a symbolic link");
  CHECK(roster.problems.empty());
}
