#include "batch/slurm_submitter.h"

#include <map>
#include <sstream>

#include "core/text.h"

namespace exengine {

namespace {

std::string one_line(const std::string& text) {
  std::string out;
  std::istringstream lines(text);
  std::string line;
  while (std::getline(lines, line)) {
    while (!line.empty() && (line.back() == '\r' || line.back() == ' ')) line.pop_back();
    if (line.empty()) continue;
    out += (out.empty() ? "" : "; ") + line;
  }
  return escape_for_terminal(out);
}

TaskPhase phase_of(const std::string& state) {
  if (state == "COMPLETED") return TaskPhase::done;
  if (state == "RUNNING" || state == "COMPLETING" || state == "SIGNALING" || state == "STAGE_OUT")
    return TaskPhase::running;
  if (state == "FAILED" || state == "CANCELLED" || state == "TIMEOUT" || state == "NODE_FAIL" ||
      state == "OUT_OF_MEMORY" || state == "BOOT_FAIL" || state == "DEADLINE" || state == "SPECIAL_EXIT" ||
      state == "REVOKED")
    return TaskPhase::failed;
  return TaskPhase::pending;  // PENDING, CONFIGURING, REQUEUED, REQUEUE_HOLD, PREEMPTED, SUSPENDED, ...
}

// "1", "2-4", "1,3,5-7", "2-4%2" -> the numbers.
std::vector<int> expand_tasks(std::string text) {
  std::vector<int> out;
  if (auto pct = text.find('%'); pct != std::string::npos) text.resize(pct);
  std::istringstream parts(text);
  std::string part;
  while (std::getline(parts, part, ',')) {
    try {
      const auto dash = part.find('-');
      if (dash == std::string::npos) {
        out.push_back(std::stoi(part));
      } else {
        const int a = std::stoi(part.substr(0, dash)), b = std::stoi(part.substr(dash + 1));
        for (int k = a; k <= b && k - a < 1000000; ++k) out.push_back(k);
      }
    } catch (const std::exception&) {
    }
  }
  return out;
}

}  // namespace

std::vector<std::string> SlurmSubmitter::sbatch_args(const JobRequest& r) {
  std::vector<std::string> a{"--parsable", "--job-name=" + r.name, "--chdir=" + r.workdir.string(),
                             "--output=" + r.log, "--cpus-per-task=" + std::to_string(r.cpus > 0 ? r.cpus : 1)};
  if (r.array_size > 0) a.push_back("--array=1-" + std::to_string(r.array_size));
  if (!r.partition.empty()) a.push_back("--partition=" + r.partition);
  if (!r.time_limit.empty()) a.push_back("--time=" + r.time_limit);
  if (!r.after_ok.empty()) {
    a.push_back("--dependency=afterok:" + r.after_ok);
    a.push_back("--kill-on-invalid-dep=yes");
  }
  if (r.requeue) {
    a.push_back("--requeue");
    a.push_back("--open-mode=append");
  }
  a.push_back(r.script.string());
  return a;
}

std::string SlurmSubmitter::submit(const JobRequest& request) {
  std::vector<std::string> argv{"sbatch"};
  for (auto& a : sbatch_args(request)) argv.push_back(std::move(a));
  CommandResult r = commands_.run(argv);
  if (!r.started && r.not_found)
    throw JobEngineError("sbatch is not on PATH: install Slurm's client (Debian package slurm-client)");
  if (!r.started) throw JobEngineError("cannot run sbatch: " + r.error);
  if (r.exit_code != 0) {
    std::string msg = one_line(r.err);
    if (msg.empty()) msg = one_line(r.out);
    throw JobEngineError("sbatch refused the job: " + (msg.empty() ? "exit " + std::to_string(r.exit_code) : msg));
  }
  // --parsable prints "ID" or "ID;CLUSTER".
  std::string id = r.out.substr(0, r.out.find_first_of(";\n"));
  if (id.empty() || id.find_first_not_of("0123456789") != std::string::npos)
    throw JobEngineError("sbatch printed no job id: " + one_line(r.out + "\n" + r.err));
  return id;
}

std::vector<TaskState> SlurmSubmitter::parse_scontrol(const std::string& text) {
  std::vector<TaskState> out;
  std::istringstream lines(text);
  std::string line;
  while (std::getline(lines, line)) {
    std::map<std::string, std::string> f;
    std::istringstream words(line);
    std::string word;
    while (words >> word) {
      const auto eq = word.find('=');
      if (eq != std::string::npos && !f.count(word.substr(0, eq))) f[word.substr(0, eq)] = word.substr(eq + 1);
    }
    if (!f.count("JobId") || !f.count("JobState")) continue;
    TaskState t;
    t.state = f["JobState"];
    t.phase = phase_of(t.state);
    t.exit_code = f.count("ExitCode") ? f["ExitCode"] : "";
    t.reason = f.count("Reason") ? f["Reason"] : "";
    try {
      t.restarts = f.count("Restarts") ? std::stoi(f["Restarts"]) : 0;
    } catch (const std::exception&) {
    }
    if (f.count("ArrayTaskId") && f["ArrayTaskId"] != "N/A") {
      for (int k : expand_tasks(f["ArrayTaskId"])) {
        t.task = k;
        out.push_back(t);
      }
    } else {
      out.push_back(t);
    }
  }
  return out;
}

std::vector<TaskState> SlurmSubmitter::tasks(const std::string& job_id) {
  CommandResult r = commands_.run({"scontrol", "-o", "show", "job", job_id});
  if (!r.started && r.not_found)
    throw JobEngineError("scontrol is not on PATH: install Slurm's client (Debian package slurm-client)");
  if (!r.started) throw JobEngineError("cannot run scontrol: " + r.error);
  if (r.exit_code != 0) {
    if (r.err.find("Invalid job id") != std::string::npos) return {};
    throw JobEngineError("scontrol show job " + job_id + " failed: " + one_line(r.err));
  }
  return parse_scontrol(r.out);
}

std::vector<std::string> SlurmSubmitter::follow_commands(const std::vector<std::string>& ids) const {
  std::string list;
  for (const auto& id : ids) list += (list.empty() ? "" : ",") + id;
  return {"squeue -j " + list, "sacct -j " + list + " --format=JobID,JobName,State,ExitCode,Elapsed,NodeList"};
}

}  // namespace exengine
