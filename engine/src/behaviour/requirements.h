// Requirements: checks an exercise's behaviour requirements (manifest `requires`, e.g.
// threads_started >= 3, pool_used = true) against what the probe recorded.
//
// The checker, after the grader passed a trial:
//   RequirementsCheck rc = check_requirements(exercise.requires_, record);
//   if (rc.failed()) { verdict = Verdict::wrong_output; message = rc.message(); }
//   else if (!rc.unchecked_note().empty()) { /* passed; say what could not be checked */ }
// A failed requirement gives a teaching sentence ("your program printed the right lines but
// started 1 thread; the exercise asks for 3. ..."). When the probe was unavailable (it could not
// attach: a static binary), every requirement is unchecked, never failed; when the record is
// damaged (probe_record.h), every requirement fails with "the behaviour record was damaged (why),
// so ... count as not met", never unchecked.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "manifest/manifest.h"
#include "behaviour/probe_record.h"

namespace exengine {

enum class RequirementStatus { met, failed, unchecked };

struct RequirementResult {
  Requirement requirement;
  RequirementStatus status = RequirementStatus::unchecked;
  std::int64_t actual = 0;  // the recorded value (0 when unchecked for lack of a record)
  std::string message;      // failed: the teaching sentence; unchecked: why
};

struct RequirementsCheck {
  std::vector<RequirementResult> results;  // one per requirement, in manifest order

  bool failed() const;
  // The teaching sentences of the failed requirements, joined by a space (one line).
  std::string message() const;
  // "probe unavailable: 2 behaviour requirements were not checked (threads_started >= 3,
  // threads_joined >= 3)", or empty when every requirement was checked.
  std::string unchecked_note() const;
};

RequirementsCheck check_requirements(const std::vector<Requirement>& requirements,
                                     const ProbeRecord& record);

// The requirement as written in a manifest: "threads_started >= 3", "pool_used = true".
std::string describe(const Requirement& requirement);

}  // namespace exengine
