// Command: one `exengine` subcommand. Each lives in its own cmd_<name>.cc and exposes one
// `add_<name>_command` function; the table of all of them is in cli.cc.
//
// Contract
// - add_<name>_command creates the CLI11 subcommand on `app`, declares its options, and sets a
//   callback that does the work and stores the exit code in ctx.exit_code.
// - Commands load plugins through ctx.catalog() (lazily, once) and report problems through
//   ctx.warn()/ctx.error(): one line each, on stderr.
// - Exit codes (the TA guide's table): 0 success; `check` (for learners and scripts) 1 when
//   something graded failed; `grade` and `merge` (for job engines) 0 whenever grading completed and
//   the reports were written, whatever the students scored. Non-zero otherwise, one code per
//   cause: ExitCode below.
#pragma once

#include <filesystem>
#include <memory>
#include <string>
#include <vector>

namespace CLI {
class App;
}

namespace exengine {

class Catalog;
struct Exercise;
class ProcessRunner;
struct EnginePaths;

enum ExitCode : int {
  kExitOk = 0,
  kExitSomeFailed = 1,  // check: a graded submission did not pass
  kExitUsage = 2,       // usage or input error (unknown id, missing file, bad option, existing journal)
  kExitOutput = 3,      // the output folder, journal or reports cannot be written
  kExitShardSet = 4,    // merge: a missing, duplicate, unfinished or mismatched shard
  kExitCluster = 5,     // --slurm: sbatch missing or refused, a shard or the merge job failed
};

struct CliContext {
  // Global options.
  std::vector<std::filesystem::path> plugin_dirs;  // --plugins (repeatable)
  bool no_default_plugins = false;                 // --no-default-plugins
  std::string color = "auto";                      // --color auto|always|never
  std::string tier = "auto";                       // --tier auto|A|B
  bool quiet = false;

  int exit_code = 0;

  // Loads the catalog on first use; warnings about broken plugins go to stderr once.
  const Catalog& catalog();
  ProcessRunner& runner();
  bool use_color() const;  // colour only on a terminal (or --color always)
  // One line on stderr, escaped for the terminal (a student's names may hold ESC sequences).
  void warn(const std::string& line) const;   // "exengine: warning: ..."
  void error(const std::string& line);        // "exengine: error: ...", sets exit_code = 2
  void fail(const std::string& line, ExitCode code);  // the same line, with another exit code
  // A message of the engine's own that spans lines (a failed shard and its log's tail): each line
  // escaped, the line breaks kept.
  void fail_lines(const std::string& text, ExitCode code);
  // The catalog's exercise with this id; null after error("unknown exercise ...") when none.
  const Exercise* exercise_or_error(const std::string& id);

  CliContext();
  ~CliContext();

 private:
  std::unique_ptr<Catalog> catalog_;
  std::unique_ptr<ProcessRunner> runner_;
};


using AddCommandFn = void (*)(CLI::App& app, CliContext& ctx);

// "unknown exercise 'threads/squres' (did you mean 'threads/squares'? see exengine list)".
std::string unknown_exercise_message(const Catalog& catalog, const std::string& id);

// The exercise id a learner typed, without a file extension: "threads/simple-thread.py" and
// "threads/simple-thread" both give "threads/simple-thread".
std::string exercise_id_of(std::string typed);

}  // namespace exengine
