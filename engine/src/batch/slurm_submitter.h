// SlurmSubmitter: the JobEngine of Slurm, through its real client programs (sbatch to submit,
// scontrol to follow), run as processes by a CommandRunner.
//
// Contract
// - submit() runs `sbatch --parsable` with the request as options: --array=1-N, --cpus-per-task,
//   --partition, --time, --dependency=afterok:ID with --kill-on-invalid-dep=yes (a merge whose
//   shards failed is cancelled, never left pending), --requeue with --open-mode=append (a
//   requeued task appends to its log), --output, --chdir, --job-name.
// - No sbatch on PATH: `sbatch is not on PATH: install Slurm's client (Debian package slurm-client)`.
//   A refused job: `sbatch refused the job: <sbatch's stderr, its lines joined with "; ">`.
// - tasks() parses `scontrol -o show job ID` (no accounting database needed): one line per task,
//   a pending array range (ArrayTaskId=2-4) expanded; "Invalid job id" (the job aged out of
//   slurmctld's memory, MinJobAge) gives an empty list.
#pragma once

#include "batch/command_runner.h"
#include "batch/job_engine.h"

namespace exengine {

class SlurmSubmitter : public JobEngine {
 public:
  explicit SlurmSubmitter(CommandRunner& commands) : commands_(commands) {}
  std::string submit(const JobRequest& request) override;
  std::vector<TaskState> tasks(const std::string& job_id) override;
  std::vector<std::string> follow_commands(const std::vector<std::string>& job_ids) const override;

  // The sbatch command line for `request` (without the program name).
  static std::vector<std::string> sbatch_args(const JobRequest& request);
  // Parses `scontrol -o show job` output.
  static std::vector<TaskState> parse_scontrol(const std::string& text);

 private:
  CommandRunner& commands_;
};

}  // namespace exengine
