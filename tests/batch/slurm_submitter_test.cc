// SlurmSubmitter and ClusterGrade behind their interfaces: sbatch's command line, its refusals
// quoted on one line, scontrol's output parsed, and a failed shard reported with its log's tail.
// The real Slurm path is tests/slurm_test.sh.
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include <catch2/catch.hpp>

#include "batch/cluster_grade.h"
#include "batch/slurm_submitter.h"

using namespace exengine;
namespace fs = std::filesystem;

namespace {

// A CommandRunner that answers from a script and records what it was asked.
struct ScriptedCommands : CommandRunner {
  std::vector<std::vector<std::string>> calls;
  std::vector<CommandResult> answers;
  CommandResult run(const std::vector<std::string>& argv) override {
    calls.push_back(argv);
    REQUIRE_FALSE(answers.empty());
    CommandResult r = answers.front();
    answers.erase(answers.begin());
    return r;
  }
};

CommandResult answer(int code, std::string out, std::string err = "") {
  CommandResult r;
  r.started = true;
  r.exit_code = code;
  r.out = std::move(out);
  r.err = std::move(err);
  return r;
}

std::string thrown(const std::function<void()>& f) {
  try {
    f();
  } catch (const JobEngineError& e) {
    return e.what();
  }
  return "(nothing thrown)";
}

// A JobEngine whose tasks follow a script of polls.
struct ScriptedEngine : JobEngine {
  std::vector<std::vector<TaskState>> shard_polls, merge_polls;
  std::size_t poll = 0;
  std::string submit(const JobRequest&) override { return "1"; }
  std::vector<TaskState> tasks(const std::string& id) override {
    auto& polls = id == "10" ? shard_polls : merge_polls;
    const auto& t = polls[std::min(poll, polls.size() - 1)];
    if (id != "10") ++poll;
    return t;
  }
  std::vector<std::string> follow_commands(const std::vector<std::string>&) const override { return {"sacct"}; }
};

TaskState task(int k, TaskPhase phase, std::string state, std::string exit = "0:0") {
  TaskState t;
  t.task = k;
  t.phase = phase;
  t.state = std::move(state);
  t.exit_code = std::move(exit);
  return t;
}

}  // namespace

TEST_CASE("sbatch: an array that is safe to requeue, and a merge that dies with its shards") {
  JobRequest shards;
  shards.name = "exengine-grade";
  shards.script = "/shared/out/slurm/shard.sh";
  shards.workdir = "/shared/out";
  shards.log = "/shared/out/shards/%a.log";
  shards.array_size = 4;
  shards.cpus = 2;
  shards.partition = "grading";
  shards.requeue = true;
  CHECK(SlurmSubmitter::sbatch_args(shards) ==
        std::vector<std::string>{"--parsable", "--job-name=exengine-grade", "--chdir=/shared/out",
                                 "--output=/shared/out/shards/%a.log", "--cpus-per-task=2", "--array=1-4",
                                 "--partition=grading", "--requeue", "--open-mode=append",
                                 "/shared/out/slurm/shard.sh"});
  JobRequest merge;
  merge.name = "exengine-merge";
  merge.script = "/shared/out/slurm/merge.sh";
  merge.workdir = "/shared/out";
  merge.log = "/shared/out/slurm/merge.log";
  merge.after_ok = "41";
  merge.time_limit = "10:00";
  CHECK(SlurmSubmitter::sbatch_args(merge) ==
        std::vector<std::string>{"--parsable", "--job-name=exengine-merge", "--chdir=/shared/out",
                                 "--output=/shared/out/slurm/merge.log", "--cpus-per-task=1", "--time=10:00",
                                 "--dependency=afterok:41", "--kill-on-invalid-dep=yes",
                                 "/shared/out/slurm/merge.sh"});

  ScriptedCommands commands;
  SlurmSubmitter slurm(commands);
  commands.answers = {answer(0, "41\n"), answer(0, "42;cluster\n")};
  CHECK(slurm.submit(shards) == "41");
  CHECK(slurm.submit(merge) == "42");
  CHECK(commands.calls[0].front() == "sbatch");
}

TEST_CASE("sbatch's refusals are its own words on one line; no sbatch names the package") {
  ScriptedCommands commands;
  SlurmSubmitter slurm(commands);
  JobRequest r;
  r.script = "/x.sh";
  commands.answers = {answer(1, "",
                             "sbatch: error: invalid partition specified: nosuch\n"
                             "sbatch: error: Batch job submission failed: Invalid partition name specified\n")};
  CHECK(thrown([&] { slurm.submit(r); }) ==
        "sbatch refused the job: sbatch: error: invalid partition specified: nosuch; sbatch: error: Batch job "
        "submission failed: Invalid partition name specified");
  commands.answers = {answer(1, "", "sbatch: error: \x1b[31mred\n")};
  CHECK(thrown([&] { slurm.submit(r); }) == "sbatch refused the job: sbatch: error: \\x1b[31mred");
  CommandResult missing;
  missing.not_found = true;
  missing.error = "sbatch is not on PATH";
  commands.answers = {missing};
  CHECK(thrown([&] { slurm.submit(r); }) ==
        "sbatch is not on PATH: install Slurm's client (Debian package slurm-client)");
  commands.answers = {answer(0, "Submitted batch job 5\n")};
  CHECK(thrown([&] { slurm.submit(r); }) == "sbatch printed no job id: Submitted batch job 5");
}

TEST_CASE("scontrol -o show job: array tasks, a pending range expanded, restarts; an aged-out job is empty") {
  const std::string text =
      "JobId=43 ArrayJobId=41 ArrayTaskId=2 ArrayTaskThrottle=0 JobName=exengine-grade JobState=RUNNING "
      "Reason=None Dependency=(null) Requeue=1 Restarts=1 BatchFlag=1 ExitCode=0:0 Command=/a b\n"
      "JobId=42 ArrayJobId=41 ArrayTaskId=1 JobName=exengine-grade JobState=COMPLETED Reason=None Restarts=0 "
      "ExitCode=0:0\n"
      "JobId=41 ArrayJobId=41 ArrayTaskId=3-4 JobName=exengine-grade JobState=PENDING Reason=Resources Restarts=0 "
      "ExitCode=0:0\n";
  const auto tasks = SlurmSubmitter::parse_scontrol(text);
  REQUIRE(tasks.size() == 4);
  CHECK(tasks[0].task == 2);
  CHECK(tasks[0].phase == TaskPhase::running);
  CHECK(tasks[0].restarts == 1);
  CHECK(tasks[1].phase == TaskPhase::done);
  CHECK(tasks[2].task == 3);
  CHECK(tasks[3].task == 4);
  CHECK(tasks[3].phase == TaskPhase::pending);
  CHECK(tasks[3].reason == "Resources");
  CHECK(SlurmSubmitter::parse_scontrol("JobId=7 JobName=m JobState=FAILED Reason=NonZeroExitCode ExitCode=4:0\n")
            .front()
            .phase == TaskPhase::failed);

  ScriptedCommands commands;
  SlurmSubmitter slurm(commands);
  commands.answers = {answer(1, "", "slurm_load_jobs error: Invalid job id specified\n")};
  CHECK(slurm.tasks("99").empty());
}

TEST_CASE("follow: a failed shard is named by number, with the tail of its log") {
  const fs::path out = fs::temp_directory_path() / ("exengine-follow-" + std::to_string(::getpid()));
  fs::remove_all(out);
  fs::create_directories(out / "shards");
  {
    std::ofstream log(out / "shards" / "3.log");
    for (int i = 1; i <= 20; ++i) log << "line " << i << "\n";
    log << "exengine: error: \x1b[2Jboom\n";
  }
  ClusterGradeOptions o;
  o.out_dir = out;
  o.shards = 4;
  ClusterJobs jobs{"10", "11"};
  ScriptedEngine engine;
  engine.shard_polls = {{task(1, TaskPhase::running, "RUNNING"), task(2, TaskPhase::pending, "PENDING"),
                         task(3, TaskPhase::pending, "PENDING"), task(4, TaskPhase::pending, "PENDING")},
                        {task(1, TaskPhase::done, "COMPLETED"), task(2, TaskPhase::running, "RUNNING"),
                         task(3, TaskPhase::failed, "FAILED", "2:0"), task(4, TaskPhase::pending, "PENDING")}};
  engine.merge_polls = {{task(0, TaskPhase::pending, "PENDING")}};
  std::ostringstream progress;
  const std::string message =
      thrown([&] { follow_cluster_grade(engine, jobs, o, progress, false, std::chrono::milliseconds(1)); });
  std::string expected = "shard 3 of 4 failed (FAILED, exit 2:0); the end of " + (out / "shards" / "3.log").string() + ":";
  for (int i = 7; i <= 20; ++i) expected += "\n  | line " + std::to_string(i);
  expected += "\n  | exengine: error: \\x1b[2Jboom";
  CHECK(message == expected);
  CHECK(progress.str() ==
        "slurm: shards 0/4 done, 1 running, 3 pending; merge pending\n"
        "slurm: shards 1/4 done, 1 running, 1 pending; merge pending\n");

  // The merge completes: follow returns.
  engine.poll = 0;
  engine.shard_polls = {{task(1, TaskPhase::done, "COMPLETED"), task(2, TaskPhase::done, "COMPLETED"),
                         task(3, TaskPhase::done, "COMPLETED"), task(4, TaskPhase::done, "COMPLETED")}};
  engine.merge_polls = {{task(0, TaskPhase::running, "RUNNING")}, {task(0, TaskPhase::done, "COMPLETED")}};
  std::ostringstream done;
  follow_cluster_grade(engine, jobs, o, done, false, std::chrono::milliseconds(1));
  CHECK(done.str() ==
        "slurm: shards 4/4 done, 0 running, 0 pending; merge running\n"
        "slurm: shards 4/4 done, 0 running, 0 pending; merge completed\n");
  fs::remove_all(out);
}
