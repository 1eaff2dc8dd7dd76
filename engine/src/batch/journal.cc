#include "batch/journal.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <optional>

#include <nlohmann/json.hpp>

#include "report/result_json.h"

namespace exengine {
namespace fs = std::filesystem;

namespace {

std::string errno_text() { return std::strerror(errno); }

}  // namespace

JournalIndex scan_journal(const fs::path& path,
                          const std::function<void(ExerciseResult&&, std::uint64_t)>& on_result) {
  JournalIndex out;
  std::error_code ec;
  if (!fs::exists(path, ec)) return out;
  std::ifstream in(path, std::ios::binary);
  if (!in) throw JournalError("cannot read " + path.string() + ": " + errno_text());
  std::string line;
  std::uint64_t pos = 0;
  int line_no = 0;
  while (std::getline(in, line)) {
    ++line_no;
    const bool complete = !in.eof();  // getline stopped at a newline, not at the end of the file
    const std::uint64_t next = pos + line.size() + (complete ? 1 : 0);
    const bool last = in.peek() == std::char_traits<char>::eof();
    bool ok = false;
    if (complete && !line.empty()) {
      std::optional<ExerciseResult> parsed;
      try {
        parsed = result_from_json(nlohmann::json::parse(line));
      } catch (const std::exception&) {
      }
      if (parsed) {
        on_result(std::move(*parsed), pos);
        ok = true;
      }
    }
    if (ok) {
      out.valid_bytes = next;
    } else if (complete && line.empty()) {
      out.valid_bytes = next;  // a blank line is harmless
    } else if (last) {
      out.torn = true;
    } else {
      out.bad_lines.push_back(line_no);
      out.valid_bytes = next;  // keep it: it is not at the end, so later appends cannot extend it
    }
    pos = next;
  }
  if (in.bad()) throw JournalError("cannot read " + path.string() + ": " + errno_text());
  return out;
}

JournalContents read_journal(const fs::path& path) {
  JournalContents out;
  JournalIndex scan = scan_journal(path, [&](ExerciseResult&& r, std::uint64_t) { out.results.push_back(std::move(r)); });
  out.torn = scan.torn;
  out.bad_lines = std::move(scan.bad_lines);
  out.valid_bytes = scan.valid_bytes;
  return out;
}

JournalIndex index_journal(const fs::path& path) {
  std::vector<ResultFacts> facts;
  JournalIndex out = scan_journal(path, [&](ExerciseResult&& r, std::uint64_t offset) {
    facts.push_back(ResultFacts::of(r, offset));
  });
  out.facts = std::move(facts);
  return out;
}

ClassResults class_results_from_journal(const fs::path& path, std::vector<std::string> absent) {
  JournalIndex index = index_journal(path);
  return ClassResults(std::move(index.facts), std::make_shared<JournalFile>(path), std::move(absent));
}

ExerciseResult JournalFile::load(std::uint64_t offset) const {
  std::lock_guard lock(mutex_);
  if (!in_.is_open()) {
    in_.open(path_, std::ios::binary);
    if (!in_) throw JournalError("cannot read " + path_.string() + ": " + errno_text());
  }
  in_.clear();
  in_.seekg(static_cast<std::streamoff>(offset));
  std::string line;
  if (!in_ || !std::getline(in_, line) || in_.eof())
    throw JournalError(path_.string() + ": no whole result at byte " + std::to_string(offset) +
                       " (the journal changed while the reports were written)");
  try {
    return result_from_json(nlohmann::json::parse(line));
  } catch (const std::exception&) {
    throw JournalError(path_.string() + ": unreadable result at byte " + std::to_string(offset) +
                       " (the journal changed while the reports were written)");
  }
}

Journal::~Journal() {
  try {
    close();
  } catch (const JournalError&) {  // a destructor cannot report it; close() did, when called
  }
}

JournalIndex Journal::open(const fs::path& path, bool resume) {
  std::lock_guard lock(mutex_);
  if (fd_ >= 0) ::close(fd_);
  fd_ = -1;
  path_ = path;
  JournalIndex contents;
  int flags = O_WRONLY | O_CREAT | O_APPEND | O_NOFOLLOW | O_CLOEXEC;
  if (resume) {
    contents = index_journal(path);
  } else {
    flags |= O_TRUNC;
  }
  fd_ = ::open(path.c_str(), flags, 0600);
  if (fd_ < 0) throw JournalError("cannot open " + path.string() + ": " + errno_text());
  // It holds every student's output: for the engine's user only (runs of other uids cannot read it).
  if (::fchmod(fd_, 0600) != 0) throw JournalError("cannot make " + path.string() + " private: " + errno_text());
  if (resume && contents.torn) {
    if (::ftruncate(fd_, static_cast<off_t>(contents.valid_bytes)) != 0 || ::fsync(fd_) != 0)
      throw JournalError("cannot cut the torn last line of " + path.string() + ": " + errno_text());
  }
  // The directory entry must be durable too, or a crash could lose the whole file.
  int dir = ::open(path.parent_path().empty() ? "." : path.parent_path().c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (dir >= 0) {
    ::fsync(dir);
    ::close(dir);
  }
  return contents;
}

void Journal::append(const ExerciseResult& result, bool sync) {
  const std::string line = result_to_json(result).dump() + "\n";
  std::lock_guard lock(mutex_);
  if (fd_ < 0) throw JournalError("journal is not open");
  std::size_t done = 0;
  while (done < line.size()) {
    ssize_t n = ::write(fd_, line.data() + done, line.size() - done);
    if (n < 0) {
      if (errno == EINTR) continue;
      throw JournalError("cannot append to " + path_.string() + ": " + errno_text());
    }
    done += static_cast<std::size_t>(n);
  }
  if (!sync) {
    unsynced_ = true;
    return;
  }
  if (::fsync(fd_) != 0) throw JournalError("cannot sync " + path_.string() + ": " + errno_text());
  unsynced_ = false;
}

void Journal::close() {
  std::lock_guard lock(mutex_);
  if (fd_ >= 0) {
    const bool failed = unsynced_ && ::fsync(fd_) != 0;
    const std::string why = failed ? errno_text() : "";
    ::close(fd_);
    fd_ = -1;
    unsynced_ = false;
    if (failed) throw JournalError("cannot sync " + path_.string() + ": " + why);
  }
}

}  // namespace exengine
