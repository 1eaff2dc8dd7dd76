// Journal: DIR/journal.jsonl, the batch's durable record. One ExerciseResult per line in the JSON
// form of report/result_json.h; a result counts as done only once its line is on disk.
//
// Contract
// - append() writes the whole line with one write(2), then fsync(2)s before returning, so after a
//   crash (SIGKILL, power loss) the file holds every appended line, plus at most one torn line at
//   the end (append(r, false): every line but the unsynced ones since the last sync). Thread-safe: several workers append concurrently; lines never interleave.
// - scan_journal() reads the file line by line (one line in memory at a time) and hands every
//   complete, parsable line to its callback with the line's byte offset; a torn last line (no
//   final newline, or not parsable) is ignored and reported in `torn`; an unparsable line
//   elsewhere is skipped and reported in `bad_lines` (1-based line numbers). read_journal() (every
//   result in memory) and index_journal() (the few facts of each, ResultFacts with `where` = the
//   offset) are built on it.
// - class_results_from_journal() is the index of a journal over a JournalFile: the reports of a
//   class streamed from disk, one student at a time, in memory that does not grow with the results.
// - open(..., resume = true) keeps the existing lines and cuts a torn tail off first, so the next
//   append starts on a fresh line; resume = false starts an empty journal.
// - The file is mode 0600 (it holds every student's output) and never opened through a link.
// - Errors (cannot open, write or sync) throw JournalError with one line naming the file.
#pragma once

#include <filesystem>
#include <fstream>
#include <functional>
#include <mutex>
#include <stdexcept>
#include <string>
#include <vector>

#include "core/result.h"
#include "report/class_results.h"

namespace exengine {

class JournalError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

struct JournalContents {
  std::vector<ExerciseResult> results;  // in file order (later lines win for the same pair)
  bool torn = false;                    // a torn last line was ignored
  std::vector<int> bad_lines;           // unparsable complete lines that were skipped
  std::uintmax_t valid_bytes = 0;       // length of the prefix that ends after the last good line
};

struct JournalIndex {
  std::vector<ResultFacts> facts;  // in file order; `where` is the line's byte offset
  bool torn = false;
  std::vector<int> bad_lines;
  std::uintmax_t valid_bytes = 0;
};

// A missing file reads as empty. Each throws JournalError when the file cannot be read.
JournalIndex scan_journal(const std::filesystem::path& path,
                          const std::function<void(ExerciseResult&& result, std::uint64_t offset)>& on_result);
JournalContents read_journal(const std::filesystem::path& path);
JournalIndex index_journal(const std::filesystem::path& path);
ClassResults class_results_from_journal(const std::filesystem::path& path, std::vector<std::string> absent = {});

// The results of a journal on disk, read back by the offset of their line.
class JournalFile : public ResultSource {
 public:
  explicit JournalFile(std::filesystem::path path) : path_(std::move(path)) {}
  ExerciseResult load(std::uint64_t offset) const override;

 private:
  std::filesystem::path path_;
  mutable std::mutex mutex_;
  mutable std::ifstream in_;
};

class Journal {
 public:
  Journal() = default;
  ~Journal();
  Journal(const Journal&) = delete;
  Journal& operator=(const Journal&) = delete;

  // Opens (creating) the journal for appending; see the contract for `resume`. Returns the facts
  // of what was already in it (empty when not resuming).
  JournalIndex open(const std::filesystem::path& path, bool resume);
  // sync = false: the line is written but not fsync'ed on its own (a result that is free to grade
  // again, such as `missing`: losing it in a crash costs nothing); the next synced append or
  // close() syncs it. A class of 10,000 empty folders is then not 10,000 waits for the disk.
  void append(const ExerciseResult& result, bool sync = true);
  void close();
  const std::filesystem::path& path() const { return path_; }

 private:
  std::mutex mutex_;
  std::filesystem::path path_;
  int fd_ = -1;
  bool unsynced_ = false;
};

}  // namespace exengine
