// Assignment: what a TA grades as one piece of coursework (`exengine grade --assignment FILE`), read
// from a TOML file (docs/assignment.md): its exercises with their points, a due date with a late
// policy, each exercise's Gradescope visibility, and whether a grader's fraction earns partial credit.
//
// Contract
// - parse_assignment checks everything before it returns: an unknown key, an unknown exercise id
//   (against `known_ids`, with "did you mean"), a wrong type, a due date that is not a TOML
//   offset date-time, a visibility Gradescope does not have, negative points or percentages. Each
//   is a ManifestError at the key or value: `FILE:LINE:COLUMN: unknown exercise 'threads/squarez'
//   (did you mean 'threads/squares'?)`.
// - Lateness (lateness()) is whole days after the due date plus the grace period, rounded up; the
//   penalty is percent_per_day per day, capped at max_percent.
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "manifest/manifest.h"

namespace exengine {

struct AssignmentExercise {
  std::string id;                      // "threads/squares"
  std::optional<double> points;        // overrides the lesson's points
  std::string visibility = "visible";  // visible, hidden, after_due_date, after_published
  bool partial_credit = true;          // false: a grader's fraction below 1 earns nothing
  SourcePos pos;
};

struct LatePolicy {
  double percent_per_day = 0;
  double max_percent = 100;
  std::int64_t grace_minutes = 0;
};

struct Assignment {
  std::string name;
  std::optional<std::int64_t> due;  // seconds since the epoch
  LatePolicy late;
  std::vector<AssignmentExercise> exercises;  // in the file's order
  const AssignmentExercise* find(const std::string& id) const;
};

struct Lateness {
  int days = 0;         // 0: on time
  double percent = 0;   // of the earned points deducted
};

// The Gradescope visibilities, in the order docs/assignment.md lists them.
const std::vector<std::string>& gradescope_visibilities();

Assignment parse_assignment(std::string_view text, const std::string& display,
                            const std::vector<std::string>& known_ids);
// Reads and parses `file`; an unreadable file is a ManifestError at the file.
Assignment read_assignment(const std::filesystem::path& file, const std::vector<std::string>& known_ids);

Lateness lateness(const Assignment& assignment, std::int64_t submitted);

}  // namespace exengine
