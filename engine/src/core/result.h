// ExerciseResult: the verdict for one submission file of one exercise, with everything the
// reports need. One vocabulary (exengine/verdict.h) for every consumer.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/isolation.h"
#include "exengine/grader.h"
#include "exengine/verdict.h"

namespace exengine {

// One run of the submission (an exercise may declare several trials).
struct TrialResult {
  Verdict verdict = Verdict::internal_error;
  std::string message;
  std::string diff;
  int exit_code = -1;
  int signal = 0;               // 0 when the program exited normally
  double wall_ms = 0;
  double cpu_ms = 0;
  std::int64_t peak_rss_kb = 0;
  std::string stdout_text;      // capped (see kStoredOutputCap)
  std::vector<OutputChunk> stdout_timeline;  // when stdout_text's bytes arrived (not in JSON)
  std::string stderr_text;      // capped
  std::string probe_json;       // behaviour record (JSON text), empty if none
  std::uint64_t seed = 0;       // stress-mode random seed, 0 when not stressed
};

struct ExerciseResult {
  std::string exercise;         // "threads/simple-thread"
  std::string language;         // "python", "cpp"
  std::string file;             // the submission, as the user named it
  std::string student;          // batch grading only
  Verdict verdict = Verdict::internal_error;
  double score = 0;             // points earned
  double max_score = 0;
  std::string message;          // why (empty when passed)
  std::string diff;
  // Figures of the trial that decided the verdict (the first failing one, else the last).
  int exit_code = -1;
  int signal = 0;
  double wall_ms = 0;
  double cpu_ms = 0;
  std::int64_t peak_rss_kb = 0;
  std::string stdout_text;
  std::vector<OutputChunk> stdout_timeline;  // when stdout_text's bytes arrived (not in JSON)
  std::string stderr_text;
  std::string probe_json;
  std::vector<TrialResult> trials;
  int trials_passed = 0;
  std::string tier;             // sandbox tier the runs had
  Isolation isolation;          // what the runs actually got (the least of them); see core/isolation.h
  bool compiled = false;        // a compile step ran (C++)
  bool cache_hit = false;       // the compile step was served from the cache
  // Batch grading under an assignment (manifest/assignment.h); defaults otherwise, and then absent
  // from the JSON form.
  std::string visibility;       // Gradescope visibility of this test; empty: visible
  std::string due;              // the due date (UTC, RFC 3339); empty: no due date
  int late_days = 0;            // whole days after the due date (rounded up); 0: on time
  double late_penalty = 0;      // points deducted for lateness (`score` is after the deduction)
  std::vector<std::string> unmatched;  // the student's files that matched no exercise (relative paths)
  std::string source_hash;      // SHA-256 (hex) of the file graded (batch: of the archive); empty: none
};

inline constexpr std::size_t kStoredOutputCap = 64 * 1024;  // bytes of stdout kept in a result

}  // namespace exengine
