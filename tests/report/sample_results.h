// A fixed, hand-made set of batch results for the report tests: every verdict, hostile student
// names and program output (markup, formula injection, control characters, invalid UTF-8).
#pragma once

#include <csignal>
#include <vector>

#include "core/result.h"

namespace exengine::testing {

inline ExerciseResult make_result(std::string student, std::string exercise, Verdict v, double score,
                                  std::string message = {}, std::string diff = {}) {
  ExerciseResult r;
  r.student = std::move(student);
  r.exercise = std::move(exercise);
  r.language = "python";
  auto slash = r.exercise.find('/');
  r.file = r.student + "/" + r.exercise.substr(0, slash) + "/" + r.exercise.substr(slash + 1) + ".py";
  r.verdict = v;
  r.score = score;
  r.max_score = 10;
  r.message = std::move(message);
  r.diff = std::move(diff);
  r.exit_code = 0;
  r.wall_ms = 40;
  r.cpu_ms = 30;
  r.peak_rss_kb = 9000;
  r.tier = "A";
  r.isolation.namespaces = {"mount", "pid", "net", "ipc", "uts", "cgroup"};
  r.isolation.cgroup = "v1";
  r.isolation.controllers = {"memory", "pids", "cpu"};
  r.isolation.rlimits = {"cpu", "core", "fsize", "nofile", "msgqueue"};
  r.trials_passed = v == Verdict::passed ? 1 : 0;
  TrialResult t;
  t.verdict = v;
  t.message = r.message;
  t.exit_code = 0;
  t.wall_ms = 40;
  r.trials.push_back(t);
  return r;
}

inline std::vector<ExerciseResult> sample_results() {
  std::vector<ExerciseResult> rs;
  // Deliberately out of order: the reports must sort.
  rs.push_back(make_result("bob", "threads/squares", Verdict::wrong_output, 0, "line 2 is wrong",
                           "--- expected\n+++ got\n-4\n+5\n"));
  rs.back().stdout_text = "1\n5\n9\n";
  rs.push_back(make_result("alice", "threads/squares", Verdict::passed, 10));
  rs.back().stdout_text = "1\n4\n9\n";
  rs.back().probe_json = R"({"threads_started":3})";
  rs.push_back(make_result("alice", "threads/simple-thread", Verdict::passed, 10));
  rs.push_back(make_result("bob", "threads/simple-thread", Verdict::timeout, 0, "still running after 5 s"));
  rs.back().exit_code = -1;
  rs.back().signal = SIGKILL;
  rs.push_back(make_result("<script>alert(1)</script>", "threads/simple-thread", Verdict::runtime_error, 0,
                           "killed by SIGSEGV"));
  rs.back().signal = SIGSEGV;
  rs.back().exit_code = -1;
  rs.back().stdout_text = "\x1b[31mred\x1b[0m \xff\xfe <b>bold</b> & \"q\"\n";
  rs.push_back(make_result("<script>alert(1)</script>", "threads/squares", Verdict::missing, 0,
                           "no file threads/squares.py"));
  rs.push_back(make_result("=HYPERLINK(\"http://x\",\"y\")", "threads/simple-thread", Verdict::wrong_output, 2.5,
                           "started 1 thread, expected 2"));
  rs.push_back(make_result("=HYPERLINK(\"http://x\",\"y\")", "threads/squares", Verdict::internal_error, 0,
                           "internal error while grading: boom"));
  rs.push_back(make_result("carol", "threads/simple-thread", Verdict::memory_limit, 0, "used more than 512 MiB"));
  // Tier A without cgroups: not full isolation (the memory and process limits were rlimits only).
  rs.back().isolation.cgroup.clear();
  rs.back().isolation.controllers.clear();
  rs.back().isolation.rlimits = {"cpu", "core", "fsize", "nofile", "as", "nproc", "msgqueue"};
  rs.push_back(make_result("carol", "threads/squares", Verdict::output_limit, 0, "printed more than 1 MiB"));
  rs.push_back(make_result("dave", "threads/simple-thread", Verdict::compile_error, 0, "error: expected ';'"));
  rs.push_back(make_result("dave", "threads/squares", Verdict::wrong_output, 0, "line 2 is wrong"));
  // A duplicate: the later result wins.
  rs.push_back(make_result("carol", "threads/squares", Verdict::passed, 10));
  return rs;
}

}  // namespace exengine::testing
