// SubmissionMatcher: which of a student's files is the submission of each exercise, for the messy
// layouts students hand in, and which files matched nothing.
//
// Rules, in this order, each taking a file at most once:
// 1. exact: `<topic>/<name>.<ext>` (the workspace layout; python: .py, cpp: .cpp .cc .cxx). A
//    symbolic link counts (it is refused when opened, as before). With files in two of the
//    exercise's languages, the first language's is graded; neither is unmatched.
// 2. flat: `<name>.<ext>` at the top, when no other exercise being graded has that name.
// 3. near miss: a file whose path (or, at the top, whose name) is a plausible typo of the expected
//    one (core/suggest.h: `threads/multiple_threads.py` for `threads/multiple-threads.py`). It is
//    taken only with `accept_near_names`; otherwise it is reported (`near_miss`) and the exercise is
//    missing.
// Everything else that is a file (hidden files and `__MACOSX/` aside) is `unmatched`.
//
// The walk never follows a symbolic link (a linked folder is listed, not entered); names are the
// student's bytes (escape them for a terminal). Stateless.
#pragma once

#include <filesystem>
#include <map>
#include <string>
#include <vector>

namespace exengine {

struct Exercise;

struct ExerciseMatch {
  std::filesystem::path relative;  // the file to grade, relative to the root; empty: none
  enum class How { none, exact, flat, near } how = How::none;
  std::string near_miss;           // How::none: a close file that was not taken ("" if none)
};

struct SubmissionMatch {
  std::map<std::string, ExerciseMatch> by_exercise;  // exercise id -> match
  std::vector<std::string> unmatched;                // relative paths, sorted; at most kMaxUnmatched
  std::size_t unmatched_total = 0;                   // all of them (a student may hand in thousands)
  static constexpr std::size_t kMaxUnmatched = 100;
  std::size_t files = 0;                             // every file found (0: an empty submission)
  // The expected path of an exercise for a file name ("threads/multiple-threads.py").
  static std::string expected_path(const Exercise& exercise);
};

SubmissionMatch match_submission(const std::filesystem::path& root, const std::vector<const Exercise*>& exercises,
                                 bool accept_near_names);

// The file extensions of a language: python .py; cpp .cpp .cc .cxx; else none.
std::vector<std::string> extensions_for(const std::string& language);

}  // namespace exengine
