#include "cli/check_options.h"

#include <CLI/CLI.hpp>

#include "toolchain/toolchain_config.h"

namespace exengine {

void add_run_options(CLI::App& cmd, RunOptions& o) {
  cmd.add_option_function<int>("--trials", [&o](int n) { o.overrides.trials = n; },
                               "Runs per exercise; all must pass (default: the exercise's)")
      ->check(CLI::Range(1, 1000));
  cmd.add_flag_function("--stress,!--no-stress", [&o](std::int64_t n) { o.overrides.stress = n > 0; },
                        "Schedule noise that makes races show (default: the exercise's)");
  cmd.add_option_function<std::uint64_t>("--seed", [&o](std::uint64_t s) { o.overrides.seed = s; },
                                         "Replay a stressed run with this seed");
  cmd.add_option_function<double>("--timeout", [&o](double s) { o.overrides.limits.wall_s = s; },
                                  "Wall-clock limit per run, in seconds")
      ->check(CLI::PositiveNumber);
  cmd.add_option_function<std::int64_t>("--memory", [&o](std::int64_t mb) { o.overrides.limits.memory_mb = mb; },
                                        "Memory limit per run, in MiB")
      ->check(CLI::PositiveNumber);
  cmd.add_option_function<std::int64_t>("--disk", [&o](std::int64_t mb) { o.overrides.limits.disk_mb = mb; },
                                        "Size of each run's directory (tier A: a tmpfs), in MiB (default 64)")
      ->check(CLI::PositiveNumber);
  cmd.add_option_function<std::int64_t>("--disk-files", [&o](std::int64_t n) { o.overrides.limits.disk_files = n; },
                                        "Files and folders each run may make in its directory (default 4096)")
      ->check(CLI::PositiveNumber);
  cmd.add_option("--jobs,-j", o.jobs, "Runs at once (default: one per core)");
  cmd.add_flag_function("--race,!--no-race", [&o](std::int64_t n) { o.overrides.race = n > 0; },
                        "C++: build with ThreadSanitizer and fail on a data race (default: the exercise's)");
  // Checked as they are read, so a bad file or setting stops the command before anything runs.
  cmd.add_option_function<std::string>(
         "--toolchains",
         [&o](const std::string& file) {
           try {
             ToolchainConfig().add_file(file);
           } catch (const ToolchainError& e) {
             throw CLI::ValidationError(e.what());
           }
           o.overrides.toolchains_file = file;
         },
         "A toolchains.toml whose keys override the engine's (and the plugins')")
      ->type_name("FILE");
  cmd.add_option_function<std::vector<std::string>>(
         "--toolchain",
         [&o](const std::vector<std::string>& settings) {
           for (const auto& s : settings) {
             try {
               ToolchainConfig().add_setting(s);
             } catch (const ToolchainError& e) {
               throw CLI::ValidationError(e.what());
             }
             o.overrides.toolchain_settings.push_back(s);
           }
         },
         "Override one toolchain key, e.g. cpp.compiler=clang++ (repeatable)")
      ->type_name("LANG.KEY=VALUE")
      ->allow_extra_args(false);
}

}  // namespace exengine
