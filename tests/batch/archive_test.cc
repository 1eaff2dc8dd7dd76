#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include <catch2/catch.hpp>

#include "archive_writer.h"
#include "batch/archive_extractor.h"

using namespace exengine;
using exengine::testing::Entry;
using namespace exengine::testing;
namespace fs = std::filesystem;

namespace {

struct TempDir {
  fs::path path;
  explicit TempDir(const std::string& name)
      : path(fs::temp_directory_path() / ("exengine-archive-" + name + "-" + std::to_string(::getpid()))) {
    fs::remove_all(path);
    fs::create_directories(path);
  }
  ~TempDir() { fs::remove_all(path); }
};

std::string slurp(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

// Extracting must fail with exactly `message` and leave nothing behind, nor anything outside.
void expect_refused(const std::vector<Entry>& entries, const std::string& message, bool zip = false,
                    ArchiveLimits limits = {}) {
  TempDir tmp("refused");
  const fs::path archive = tmp.path / (zip ? "eve.zip" : "eve.tar.gz");
  write_archive(archive, entries, zip);
  const fs::path dest = tmp.path / "out" / "eve";
  CHECK_THROWS_WITH(extract_archive(archive, dest, limits), message);
  CHECK_FALSE(fs::exists(dest));
  CHECK_FALSE(fs::exists(tmp.path / "out" / "escaped.py"));
  CHECK_FALSE(fs::exists(tmp.path / "escaped.py"));
}

}  // namespace

TEST_CASE("archive: a good tar.gz and zip unpack into the student's folder") {
  for (bool zip : {false, true}) {
    TempDir tmp(zip ? "goodzip" : "goodtar");
    const fs::path archive = tmp.path / (zip ? "bob.zip" : "bob.tar.gz");
    write_archive(archive,
                  {folder("threads/"), file("threads/squares.py", "print(1)\n"), file("./threads/quiz.py", "q1: b\n")},
                  zip);
    extract_archive(archive, tmp.path / "bob");
    CHECK(slurp(tmp.path / "bob" / "threads" / "squares.py") == "print(1)\n");
    CHECK(slurp(tmp.path / "bob" / "threads" / "quiz.py") == "q1: b\n");
  }
}

TEST_CASE("archive: names") {
  CHECK(is_student_archive("x/bob.zip"));
  CHECK(is_student_archive("bob.tar.gz"));
  CHECK(is_student_archive("bob.tgz"));
  CHECK_FALSE(is_student_archive("notes.txt"));
  CHECK_FALSE(is_student_archive(".zip"));
  CHECK(archive_student_name("bob.tar.gz") == "bob");
  CHECK(archive_student_name("carol.zip") == "carol");
}

TEST_CASE("archive: '..' is refused") {
  expect_refused({file("threads/ok.py", "x"), file("../escaped.py", "evil")},
                 "eve.tar.gz: entry '../escaped.py' leaves the student's folder ('..')");
  expect_refused({file("threads/../../escaped.py", "evil")},
                 "eve.zip: entry 'threads/../../escaped.py' leaves the student's folder ('..')", true);
}

TEST_CASE("archive: an absolute path is refused") {
  expect_refused({file("/tmp/escaped.py", "evil")}, "eve.tar.gz: entry '/tmp/escaped.py' is an absolute path");
}

TEST_CASE("archive: links and device files are refused") {
  expect_refused({special("threads/link.py", AE_IFLNK, "/etc/passwd")},
                 "eve.tar.gz: entry 'threads/link.py' is a symbolic link");
  expect_refused({file("threads/a.py", "x"), hard_link("threads/b.py", "threads/a.py")},
                 "eve.tar.gz: entry 'threads/b.py' is a hard link");
  expect_refused({special("threads/dev", AE_IFCHR)}, "eve.tar.gz: entry 'threads/dev' is a device file, FIFO or socket");
  expect_refused({special("threads/fifo", AE_IFIFO)},
                 "eve.tar.gz: entry 'threads/fifo' is a device file, FIFO or socket");
}

TEST_CASE("archive: bombs are refused") {
  // 200 MiB of zeros compress to ~200 KiB: caught by the total cap long before it is all written.
  expect_refused({file("threads/zeros.py", "", 200u << 20)},
                 "eve.tar.gz: entry 'threads/zeros.py' is larger than 16777216 bytes (archive bomb?)");
  ArchiveLimits small;
  small.max_file_bytes = 1ull << 40;
  small.max_ratio = 1ull << 20;
  expect_refused({file("threads/zeros.py", "", 200u << 20)},
                 "eve.tar.gz: unpacks to more than 67108864 bytes (archive bomb?)", false, small);
  ArchiveLimits ratio = small;
  ratio.max_total_bytes = 1ull << 40;
  ratio.max_ratio = 100;
  expect_refused({file("threads/zeros.py", "", 8u << 20)},
                 "eve.tar.gz: expands more than 100 times its size (archive bomb?)", false, ratio);
  std::vector<Entry> many;
  for (int i = 0; i < 2001; ++i) many.push_back(file("f" + std::to_string(i), "x"));
  expect_refused(many, "eve.tar.gz: more than 2000 entries (archive bomb?)");
}

TEST_CASE("archive: a file that is not an archive is refused") {
  TempDir tmp("garbage");
  std::ofstream(tmp.path / "eve.zip") << "this is not a zip file";
  CHECK_THROWS_WITH(extract_archive(tmp.path / "eve.zip", tmp.path / "eve"),
                    Catch::Matchers::StartsWith("eve.zip: not a readable archive: "));
  CHECK_FALSE(fs::exists(tmp.path / "eve"));
}
