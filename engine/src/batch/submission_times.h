// SubmissionTimes: when each student submitted, from a CSV the LMS exports (`--submission-times FILE`),
// for the late policy of an assignment; without it the batch takes each file's (or archive's)
// modification time.
//
// The file: a header naming the columns `student` and `submitted` (others are ignored, any order),
// then one row per student; `submitted` is an RFC 3339 date-time with its offset
// (2026-03-14T23:59:00Z). Fields may be quoted ("a, b", "" for a quote).
//
// Contract: read_submission_times throws SubmissionTimesError with one line pointing at the input,
// `FILE:LINE:COLUMN: cannot read the submission time 'yesterday' (write ... like 2026-03-14T23:59:00Z)`;
// also for a missing column, a row with too few fields, and a student listed twice. Strings from
// the file are escaped for a terminal.
#pragma once

#include <cstdint>
#include <filesystem>
#include <map>
#include <stdexcept>
#include <string>
#include <string_view>

namespace exengine {

class SubmissionTimesError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// student -> seconds since the epoch.
using SubmissionTimes = std::map<std::string, std::int64_t>;

SubmissionTimes parse_submission_times(std::string_view text, const std::string& display);
SubmissionTimes read_submission_times(const std::filesystem::path& file);

}  // namespace exengine
