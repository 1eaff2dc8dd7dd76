// Command: one `exengine` subcommand. Each lives in its own cmd_<name>.cc and exposes one
// `add_<name>_command` function; the table of all of them is in cli.cc.
//
// Contract
// - add_<name>_command creates the CLI11 subcommand on `app`, declares its options, and sets a
//   callback that does the work and stores the exit code in ctx.exit_code.
// - Commands load plugins through ctx.catalog() (lazily, once) and report problems through
//   ctx.warn()/ctx.error(): one line each, on stderr.
// - Exit codes: 0 success (for check/grade: everything passed), 1 something graded failed,
//   2 usage or input error (unknown id, missing file, bad manifest of the requested plugin).
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
  // The catalog's exercise with this id; null after error("unknown exercise ...") when none.
  const Exercise* exercise_or_error(const std::string& id);

  CliContext();
  ~CliContext();

 private:
  std::unique_ptr<Catalog> catalog_;
  std::unique_ptr<ProcessRunner> runner_;
};

using AddCommandFn = void (*)(CLI::App& app, CliContext& ctx);

}  // namespace exengine
