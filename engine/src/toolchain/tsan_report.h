// TsanReport: a ThreadSanitizer report (race mode) turned into one line that names the learner's
// code: "data race: line 12 (count++) in worker() and line 12 in worker() touch `count` without a
// lock".
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace exengine {

struct TsanFrame {
  std::string function;  // as TSan prints it: "worker()", "main", "main::{lambda()#1}::operator()() const"
  std::string file;      // as TSan prints it (the build's path)
  int line = 0;
};

// One access or event of the report ("Read of size 4 at ... by thread T2:" and its stack).
struct TsanStack {
  std::string header;    // the line introducing the stack, trimmed
  std::vector<TsanFrame> frames;
};

struct TsanReport {
  std::string kind;      // "data race", "lock-order-inversion (potential deadlock)", "thread leak", ...
  std::vector<TsanStack> stacks;
  std::string location;  // "global 'count' of size 4 at ...", "heap block of size 4 ...", or empty
};

// The first report in `stderr_text`, if any.
std::optional<TsanReport> parse_tsan_report(std::string_view stderr_text);

// The teaching message for the first report in `stderr_text`, or empty when there is none.
// `source` is the submission (its lines are quoted, trimmed); frames count as the learner's when
// their file name is `file_name` (the name the submission was compiled under).
std::string tsan_message(std::string_view stderr_text, const std::filesystem::path& source,
                         const std::string& file_name);

}  // namespace exengine
