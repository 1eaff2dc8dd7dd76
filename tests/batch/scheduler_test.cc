#include <atomic>
#include <chrono>
#include <set>
#include <stdexcept>
#include <thread>

#include <catch2/catch.hpp>

#include "batch/batch_scheduler.h"
#include "batch/progress_meter.h"

using namespace exengine;
using namespace std::chrono;

namespace {

std::vector<GradeTask> tasks(const std::string& exercise, int n) {
  std::vector<GradeTask> out;
  for (int i = 0; i < n; ++i) {
    GradeTask t;
    t.student = "s" + std::to_string(i);
    t.exercise_id = exercise;
    out.push_back(t);
  }
  return out;
}

// A fake check: "runs" for `ms`, reporting a CPU share of `cpu_share`, and records concurrency.
// With `rendezvous` > 0, each run first waits (up to 2 s) until that many run at once, so a test of
// how many the scheduler lets overlap does not depend on how fast a loaded machine starts threads:
// a scheduler that allows the overlap reaches it every time; one that does not shows a lower peak.
struct FakeCheck {
  int ms;
  double cpu_share;
  int rendezvous = 0;
  std::atomic<int> running{0};
  std::atomic<int> peak{0};

  ExerciseResult operator()(const GradeTask& t) {
    int now = ++running;
    int p = peak.load();
    while (now > p && !peak.compare_exchange_weak(p, now)) {
    }
    const auto give_up = steady_clock::now() + seconds(2);
    while (running.load() < rendezvous && steady_clock::now() < give_up) {
      std::this_thread::sleep_for(milliseconds(1));
    }
    std::this_thread::sleep_for(milliseconds(ms));
    --running;
    ExerciseResult r;
    r.exercise = t.exercise_id;
    r.verdict = Verdict::passed;
    r.wall_ms = ms;
    r.cpu_ms = ms * cpu_share;
    return r;
  }
};

}  // namespace

TEST_CASE("scheduler: sleep-bound runs overlap up to the slots") {
  BatchScheduler s({8, 2});
  // Before any run of an exercise finished, it counts as one core: two start at once.
  FakeCheck first{10, 0.02, 2};
  s.run(tasks("daemons/sleepy", 2), std::ref(first), [](const GradeTask&, ExerciseResult&&) {});
  CHECK(first.peak == 2);
  CHECK(s.demand("daemons/sleepy") == Approx(BatchScheduler::kMinDemand));
  // Learned as sleep-bound: all eight slots at once (not one per core).
  FakeCheck fake{10, 0.02, 8};
  std::set<std::string> seen;
  s.run(tasks("daemons/sleepy", 24), std::ref(fake),
        [&](const GradeTask& t, ExerciseResult&& r) { seen.insert(t.student + r.exercise); });
  CHECK(seen.size() == 24);
  CHECK(fake.peak == 8);
  CHECK(s.demand("daemons/sleepy") == Approx(BatchScheduler::kMinDemand));
}

TEST_CASE("scheduler: CPU-bound runs never exceed the CPU budget") {
  FakeCheck fake{30, 1.0, 2};
  BatchScheduler s({8, 2});
  int done = 0;
  s.run(tasks("threads/busy", 12), std::ref(fake), [&](const GradeTask&, ExerciseResult&&) { ++done; });
  CHECK(done == 12);
  CHECK(fake.peak == 2);
  CHECK(s.peak_running() == 2);
}

TEST_CASE("scheduler: a run that needs more than the budget runs alone") {
  BatchScheduler s({8, 2});
  // Before any run of an exercise finished, it counts as one core: two start at once.
  FakeCheck first{20, 3.0, 2};
  s.run(tasks("processes/pool", 2), std::ref(first), [](const GradeTask&, ExerciseResult&&) {});
  CHECK(first.peak == 2);
  CHECK(s.demand("processes/pool") == Approx(3.0));
  FakeCheck fake{20, 3.0};
  s.run(tasks("processes/pool", 6), std::ref(fake), [](const GradeTask&, ExerciseResult&&) {});
  CHECK(fake.peak == 1);
}

TEST_CASE("scheduler: an exception in one check is an internal-error result, the others go on") {
  BatchScheduler s({4, 2});
  std::vector<ExerciseResult> results;
  s.run(
      tasks("threads/x", 6),
      [](const GradeTask& t) -> ExerciseResult {
        if (t.student == "s3") throw std::runtime_error("boom");
        ExerciseResult r;
        r.verdict = Verdict::passed;
        return r;
      },
      [&](const GradeTask&, ExerciseResult&& r) { results.push_back(std::move(r)); });
  REQUIRE(results.size() == 6);
  int errors = 0;
  for (const auto& r : results) {
    CHECK(r.exercise == "threads/x");
    if (r.verdict == Verdict::internal_error) {
      ++errors;
      CHECK(r.student == "s3");
      CHECK(r.message == "internal error while grading: boom");
    }
  }
  CHECK(errors == 1);
}

TEST_CASE("scheduler: a failing done callback stops dispatch and is rethrown") {
  BatchScheduler s({1, 1});
  int calls = 0;
  CHECK_THROWS_WITH(s.run(tasks("threads/x", 5), [](const GradeTask&) { return ExerciseResult{}; },
                          [&](const GradeTask&, ExerciseResult&&) {
                            if (++calls == 2) throw std::runtime_error("disk full");
                          }),
                    "disk full");
  CHECK(calls == 2);
}

TEST_CASE("progress meter: plain lines, rate, ETA and failures") {
  std::ostringstream out;
  auto t0 = steady_clock::time_point{};
  auto now = t0;
  ProgressMeter meter(out, ProgressMeter::Mode::lines, 10, 2, 0, [&] { return now; }, seconds(5));
  now = t0 + seconds(1);
  meter.record(false);
  now = t0 + seconds(2);
  meter.record(true);
  CHECK(out.str().empty());  // nothing before the interval
  now = t0 + seconds(6);
  meter.record(false);
  CHECK(out.str() == "progress: 5/10 done, 0.5/s, ETA 10s, 1 failed\n");
  meter.finish();
  CHECK(meter.status() == "5/10 done, 0.5/s, ETA 10s, 1 failed");
}

TEST_CASE("progress meter: the ETA uses the cost learned per exercise, not the count of tasks") {
  // The cheap exercise's tasks come first: counted, 5 of 10 in 2 s promise 2 s more; but 4 of
  // the 5 left are of the exercise whose one finished task cost 10x the others.
  std::ostringstream out;
  auto t0 = steady_clock::time_point{};
  auto now = t0;
  ProgressMeter meter(out, ProgressMeter::Mode::quiet, 10, 0, 0, [&] { return now; });
  meter.expect("t/cheap", 5);
  meter.expect("t/slow", 5);
  for (int i = 0; i < 4; ++i) meter.record(false, "t/cheap", 100);
  meter.record(true, "t/slow", 1000);
  now = t0 + seconds(2);
  // left: 1 x 100 + 4 x 1000 = 4100 ms of runs; 1400 ms took 2 s: 5.9 s.
  CHECK(meter.status() == "5/10 done, 2.5/s, ETA 6s, 1 failed");
  // An exercise not seen yet costs the mean of what was seen.
  now = t0;
  ProgressMeter fresh(out, ProgressMeter::Mode::quiet, 4, 0, 0, [&] { return now; });
  fresh.expect("t/a", 2);
  fresh.expect("t/b", 2);
  fresh.record(false, "t/a", 300);
  fresh.record(false, "t/a", 100);
  now = t0 + seconds(1);
  // left: 2 x mean 200 = 400 ms; 400 ms took 1 s: 1 s.
  CHECK(fresh.status() == "2/4 done, 2.0/s, ETA 1s, 0 failed");
}

TEST_CASE("progress meter: on --resume, done and failed include the journal's results, the rate only this run's") {
  std::ostringstream out;
  auto t0 = steady_clock::time_point{};
  auto now = t0;
  ProgressMeter meter(out, ProgressMeter::Mode::quiet, 10, 6, 0, [&] { return now; });
  meter.set_resumed_failed(2);
  meter.expect("t/x", 4);
  CHECK(meter.status() == "6/10 done, 2 failed");
  now = t0 + seconds(2);
  meter.record(true, "t/x", 500);
  // 1 graded in 2 s: 0.5/s (not 3.5/s), 3 left of the same cost: 6 s.
  CHECK(meter.status() == "7/10 done, 0.5/s, ETA 6s, 3 failed");
}

TEST_CASE("progress meter: a resumed run counts the failures already in the journal") {
  // Issue 18, Must 8: 23 of the journal's results had failed; this process adds 2 failures.
  std::ostringstream out;
  auto now = steady_clock::time_point{};
  ProgressMeter meter(out, ProgressMeter::Mode::lines, 100, 60, 23, [&] { return now; }, seconds(5));
  now += seconds(1);
  meter.record(true);
  meter.record(false);
  meter.record(true);
  meter.finish();
  CHECK(out.str() == "progress: 63/100 done, 3.0/s, ETA 12s, 25 failed\n");
}

TEST_CASE("progress meter: the bar redraws in place; quiet prints nothing") {
  std::ostringstream bar, quiet;
  auto now = steady_clock::time_point{} + seconds(1);
  ProgressMeter b(bar, ProgressMeter::Mode::bar, 2, 0, 0, [&] { return now; });
  ProgressMeter q(quiet, ProgressMeter::Mode::quiet, 2, 0, 0, [&] { return now; });
  now += seconds(1);
  b.record(false);
  q.record(false);
  now += seconds(1);
  b.record(true);
  b.finish();
  q.finish();
  CHECK(bar.str().find("\r[###############...............] 1/2 done, 1.0/s, ETA 1s, 0 failed") != std::string::npos);
  CHECK(bar.str().find("2/2 done, 1.0/s, 1 failed\x1b[K\n") != std::string::npos);
  CHECK(quiet.str().empty());
}
