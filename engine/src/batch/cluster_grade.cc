#include "batch/cluster_grade.h"

#include <sys/stat.h>

#include <deque>
#include <fstream>
#include <thread>

#include <fmt/format.h>

#include "batch/batch_grader.h"
#include "core/paths.h"
#include "core/text.h"
#include "report/report_writer.h"

namespace exengine {
namespace fs = std::filesystem;

namespace {

constexpr std::size_t kTailLines = 15;

std::string sh_quote(const std::string& s) {
  std::string out = "'";
  for (char c : s) {
    if (c == '\'') out += "'\\''";
    else out += c;
  }
  return out + "'";
}

std::string sh_words(const std::vector<std::string>& words) {
  std::string out;
  for (const auto& w : words) out += " " + sh_quote(w);
  return out;
}

void write_script(const fs::path& path, const std::string& text) {
  try {
    write_file_atomically(path, text);
  } catch (const ReportError& e) {
    throw BatchOutputError(e.what());
  }
  if (::chmod(path.c_str(), 0755) != 0) throw BatchOutputError(path.string() + ": cannot make it executable");
}

std::string shard_script(const ClusterGradeOptions& o) {
  const std::string n = std::to_string(o.shards);
  return "#!/bin/sh\n"
         "# Written by exengine grade --slurm: shard $SLURM_ARRAY_TASK_ID of " + n + ", one per array task.\n"
         "# Safe to requeue: --resume grades only what the shard's journal lacks.\n"
         "k=\"${SLURM_ARRAY_TASK_ID:?not a Slurm array task}\"\n"
         "echo \"exengine: shard $k of " + n + ", job ${SLURM_JOB_ID:-?} on $(hostname), restart ${SLURM_RESTART_COUNT:-0}\"\n"
         "exec" + sh_words({o.exe.string()}) + sh_words(o.engine_args) + " grade" + sh_words({o.class_dir.string()}) +
         " --out " + sh_quote((o.out_dir / "shards").string()) + "/\"$k\" --shard \"$k/" + n +
         "\" --resume --jobs \"${SLURM_CPUS_PER_TASK:-1}\" --quiet --format json" + sh_words(o.grade_args) + "\n";
}

std::string merge_script(const ClusterGradeOptions& o) {
  std::vector<std::string> shards;
  for (int k = 1; k <= o.shards; ++k) shards.push_back((o.out_dir / "shards" / std::to_string(k)).string());
  return "#!/bin/sh\n"
         "# Written by exengine grade --slurm: merges the shards once every one has succeeded.\n" +
         sh_words({o.exe.string()}).substr(1) + sh_words(o.engine_args) + " merge" +
         sh_words({o.out_dir.string()}) + sh_words(shards) + " --format " + sh_quote(o.formats) +
         "\nstatus=$?\necho \"$status\" > " + sh_quote((o.out_dir / "slurm" / "merge.status").string()) +
         "\nexit \"$status\"\n";
}

std::string failure(const std::string& head, const fs::path& log) {
  std::string msg = head + "; the end of " + log.string() + ":";
  const auto tail = log_tail(log, kTailLines);
  if (tail.empty()) msg += " (empty or unreadable)";
  for (const auto& line : tail) msg += "\n  | " + line;
  return msg;
}

}  // namespace

std::vector<std::string> log_tail(const fs::path& file, std::size_t lines) {
  std::ifstream in(file, std::ios::binary);
  std::deque<std::string> last;
  std::string line;
  while (std::getline(in, line)) {
    last.push_back(escape_for_terminal(line));
    if (last.size() > lines) last.pop_front();
  }
  return {last.begin(), last.end()};
}

// /tmp, /var/tmp and /dev/shm are each node's own.
static bool node_local(const fs::path& p) {
  const std::string s = fs::absolute(p).lexically_normal().string() + "/";
  for (const char* dir : {"/tmp/", "/var/tmp/", "/dev/shm/"})
    if (s.rfind(dir, 0) == 0) return true;
  return false;
}

ClusterJobs submit_cluster_grade(JobEngine& engine, const ClusterGradeOptions& o, std::ostream& log) {
  for (const fs::path& p : {o.class_dir, o.out_dir})
    if (node_local(p))
      log << "exengine: warning: " << p.string()
          << " is in a node-local folder: other nodes cannot see it (use a filesystem every node mounts)\n";
  std::error_code ec;
  for (const fs::path& d : {o.out_dir, o.out_dir / "shards", o.out_dir / "slurm"}) {
    fs::create_directories(d, ec);
    if (ec) throw BatchOutputError(d.string() + ": cannot create the output folder: " + ec.message());
  }
  if (!o.resume)
    for (int k = 1; k <= o.shards; ++k) {
      const fs::path journal = o.out_dir / "shards" / std::to_string(k) / "journal.jsonl";
      if (fs::exists(journal, ec) && fs::file_size(journal, ec) > 0)
        throw BatchError(journal.string() +
                         " already holds results: add --resume to continue that run, or choose another --out");
    }
  const fs::path shard_sh = o.out_dir / "slurm" / "shard.sh", merge_sh = o.out_dir / "slurm" / "merge.sh";
  write_script(shard_sh, shard_script(o));
  write_script(merge_sh, merge_script(o));
  fs::remove(o.out_dir / "slurm" / "merge.status", ec);

  ClusterJobs jobs;
  JobRequest shards;
  shards.name = "exengine-grade";
  shards.script = shard_sh;
  shards.workdir = o.out_dir;
  shards.log = (o.out_dir / "shards" / "%a.log").string();
  shards.array_size = o.shards;
  shards.cpus = o.cpus;
  shards.partition = o.partition;
  shards.time_limit = o.time_limit;
  shards.requeue = true;
  jobs.shards = engine.submit(shards);

  JobRequest merge;
  merge.name = "exengine-merge";
  merge.script = merge_sh;
  merge.workdir = o.out_dir;
  merge.log = (o.out_dir / "slurm" / "merge.log").string();
  merge.cpus = 1;
  merge.partition = o.partition;
  merge.time_limit = o.time_limit;
  merge.after_ok = jobs.shards;
  merge.requeue = true;
  jobs.merge = engine.submit(merge);
  return jobs;
}

void follow_cluster_grade(JobEngine& engine, const ClusterJobs& jobs, const ClusterGradeOptions& o,
                          std::ostream& progress, bool tty, std::chrono::milliseconds poll) {
  std::string shown;
  int unknown_polls = 0;
  auto show = [&](const std::string& line, bool last) {
    if (line == shown && !last) return;
    if (tty) progress << "\r\x1b[K" << line << (last ? "\n" : "") << std::flush;
    else if (line != shown) progress << line << "\n" << std::flush;
    shown = line;
  };
  for (;;) {
    const std::vector<TaskState> tasks = engine.tasks(jobs.shards);
    const std::vector<TaskState> merge = engine.tasks(jobs.merge);
    int done = 0, running = 0, pending = 0, restarts = 0;
    const TaskState* failed = nullptr;
    for (const auto& t : tasks) {
      restarts += t.restarts;
      switch (t.phase) {
        case TaskPhase::done: ++done; break;
        case TaskPhase::running: ++running; break;
        case TaskPhase::pending: ++pending; break;
        case TaskPhase::failed:
          if (!failed) failed = &t;
          break;
      }
    }
    std::string merge_word = merge.empty() ? "unknown" : merge.front().state;
    for (auto& c : merge_word) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    std::string line = fmt::format("slurm: shards {}/{} done, {} running, {} pending", done, o.shards, running, pending);
    if (restarts) line += fmt::format(" ({} requeued)", restarts);
    line += "; merge " + merge_word;
    if (failed) {
      show(line, true);
      throw JobEngineError(failure(fmt::format("shard {} of {} failed ({}, exit {})", failed->task, o.shards,
                                               failed->state, failed->exit_code),
                                   o.out_dir / "shards" / (std::to_string(failed->task) + ".log")));
    }
    if (!merge.empty()) {
      const TaskState& m = merge.front();
      if (m.phase == TaskPhase::done) return show(line, true);
      if (m.phase == TaskPhase::failed) {
        show(line, true);
        throw JobEngineError(failure(fmt::format("the merge job {} failed ({}, exit {}{})", jobs.merge, m.state,
                                                 m.exit_code, m.reason == "None" ? "" : ", " + m.reason),
                                     o.out_dir / "slurm" / "merge.log"));
      }
      unknown_polls = 0;
    } else {
      // Slurm forgot the merge job (MinJobAge): its status file tells how it ended.
      std::ifstream status(o.out_dir / "slurm" / "merge.status");
      int code = -1;
      if (status >> code) {
        show(line, true);
        if (code == 0) return;
        throw JobEngineError(failure(fmt::format("the merge job {} failed (exit {})", jobs.merge, code),
                                     o.out_dir / "slurm" / "merge.log"));
      }
      if (++unknown_polls > 30)
        throw JobEngineError(fmt::format("Slurm no longer knows the merge job {} and it left no status; see: {}",
                                         jobs.merge, engine.follow_commands({jobs.shards, jobs.merge}).back()));
    }
    show(line, false);
    std::this_thread::sleep_for(poll);
  }
}

}  // namespace exengine
