// Assignment files (manifest/assignment.h), timestamps (core/timestamp.h) and submission-time CSVs
// (batch/submission_times.h): the parts of issue 18 a unit test can pin down exactly.
#include <catch2/catch.hpp>

#include "batch/submission_times.h"
#include "core/timestamp.h"
#include "manifest/assignment.h"

using namespace exengine;

namespace {
const std::vector<std::string> kKnown{"threads/squares", "threads/simple-thread"};

std::string error_of(const std::string& toml) {
  try {
    parse_assignment(toml, "a.toml", kKnown);
  } catch (const ManifestError& e) {
    return e.what();
  }
  return "no error";
}
}  // namespace

TEST_CASE("timestamps: RFC 3339 with an offset, and back as UTC") {
  CHECK(parse_timestamp("1970-01-01T00:00:00Z") == 0);
  CHECK(parse_timestamp("2026-03-14T23:59:00+01:00") == parse_timestamp("2026-03-14T22:59:00Z"));
  CHECK(parse_timestamp("2024-02-29 12:00:00.250-05:30") == parse_timestamp("2024-02-29T17:30:00Z"));
  CHECK(format_timestamp(*parse_timestamp("2026-03-14T23:59:00+01:00")) == "2026-03-14T22:59:00Z");
  CHECK(format_timestamp(-1) == "1969-12-31T23:59:59Z");
  for (const char* bad : {"2026-03-14T23:59:00", "2026-02-29T00:00:00Z", "2026-13-01T00:00:00Z", "yesterday", "",
                          "2026-03-14T24:00:00Z", "2026-03-14T23:59:00Zjunk", "2026-3-14T23:59:00Z"})
    CHECK_FALSE(parse_timestamp(bad));
}

TEST_CASE("assignment: defaults, overrides and the late policy") {
  const Assignment a = parse_assignment(R"(
due = 2030-01-01T00:00:00Z
visibility = "hidden"
partial_credit = false
[late]
percent_per_day = 15
max_percent = 40
grace_minutes = 10
[exercises."threads/squares"]
points = 2.5
visibility = "after_published"
[exercises."threads/simple-thread"]
partial_credit = true
)", "a.toml", kKnown);
  REQUIRE(a.exercises.size() == 2);
  CHECK(a.exercises[0].id == "threads/squares");  // the file's order
  CHECK(a.exercises[0].points == 2.5);
  CHECK(a.exercises[0].visibility == "after_published");
  CHECK_FALSE(a.exercises[0].partial_credit);
  CHECK_FALSE(a.exercises[1].points);
  CHECK(a.exercises[1].visibility == "hidden");
  CHECK(a.exercises[1].partial_credit);
  const std::int64_t due = *parse_timestamp("2030-01-01T00:00:00Z");
  CHECK(a.due == due);
  CHECK(lateness(a, due + 600).days == 0);  // within the grace period
  CHECK(lateness(a, due + 601).days == 1);
  CHECK(lateness(a, due + 601).percent == 15);
  CHECK(lateness(a, due + 600 + 86400).days == 1);
  CHECK(lateness(a, due + 601 + 86400).percent == 30);
  CHECK(lateness(a, due + 600 + 5 * 86400).percent == 40);  // the cap
  CHECK(lateness(a, due - 86400).days == 0);
}

TEST_CASE("assignment: each mistake is one line at the key or value") {
  CHECK(error_of("") == "a.toml:1:1: the assignment names no exercises (add [exercises.\"topic/name\"] tables)");
  CHECK(error_of("nme = 1\n") == "a.toml:1:1: unknown key 'nme' in the assignment (did you mean 'name'?)");
  CHECK(error_of("[late]\npercent_per_day = 5\n[exercises.\"threads/squares\"]\n") ==
        "a.toml:1:1: [late] needs a 'due' date");
  CHECK(error_of("due = 2030-01-01\n[exercises.\"threads/squares\"]\n") ==
        "a.toml:1:7: 'due' must be a date-time with its offset, like 2026-03-14T23:59:00Z or "
        "2026-03-14T23:59:00+01:00, not a date");
  CHECK(error_of("[exercises]\n\"threads/squares\" = 3\n") ==
        "a.toml:2:21: 'threads/squares' must be a table (points, visibility, partial_credit), not an integer");
  CHECK(error_of("[exercises.\"locks/counter\"]\n") == "a.toml:1:12: unknown exercise 'locks/counter' (see exengine list)");
}

TEST_CASE("submission times: a CSV from the LMS, and one line per bad cell") {
  const SubmissionTimes t = parse_submission_times(
      "\xEF\xBB\xBFid,submitted,student\r\n7,2030-01-01T00:30:00Z,alice\r\n\r\n8,\"2030-01-02T00:00:00+01:00\",\"o,brien\"\r\n",
      "t.csv");
  CHECK(t.size() == 2);
  CHECK(t.at("alice") == *parse_timestamp("2030-01-01T00:30:00Z"));
  CHECK(t.at("o,brien") == *parse_timestamp("2030-01-01T23:00:00Z"));
  auto error = [](const std::string& text) {
    try {
      parse_submission_times(text, "t.csv");
    } catch (const SubmissionTimesError& e) {
      return std::string(e.what());
    }
    return std::string("no error");
  };
  CHECK(error("name,when\n") == "t.csv:1:1: the header must name the columns 'student' and 'submitted'");
  CHECK(error("student,submitted\nbob\n") == "t.csv:2:1: 1 fields, but the header has 2");
  CHECK(error("student,submitted\nbob,2030-01-01T00:00:00Z\nbob,2030-01-01T00:00:00Z\n") ==
        "t.csv:3:1: student 'bob' again (first on line 2)");
  CHECK(error("student,submitted\nbob,\"2030-01-01\n") == "t.csv:2:5: a quoted field is not closed");
}
