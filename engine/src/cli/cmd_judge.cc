// exengine judge --exercise ID --output FILE: grades a captured output without running anything.
#include <fstream>
#include <iostream>
#include <iterator>
#include <sstream>

#include <CLI/CLI.hpp>
#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "cli/command.h"
#include "report/result_printer.h"
#include "checking/checker.h"
#include "plugin_host/catalog.h"
#include "report/result_json.h"

namespace exengine {

void add_judge_command(CLI::App& app, CliContext& ctx) {
  auto* cmd = app.add_subcommand("judge", "Grade a captured output (no run)");
  static std::string id, output_file;
  static bool json = false;
  cmd->add_option("--exercise,-e", id, "Exercise id")->required();
  cmd->add_option("--output,-o", output_file, "File holding the program's output ('-' for stdin)")->required();
  cmd->add_flag("--json", json, "Machine-readable output");
  cmd->callback([&ctx] {
    const Exercise* ex = ctx.exercise_or_error(id);
    if (!ex) return;
    const Catalog& catalog = ctx.catalog();
    std::string output;
    if (output_file == "-") {
      output.assign(std::istreambuf_iterator<char>(std::cin), {});
    } else {
      std::ifstream in(output_file, std::ios::binary);
      if (!in) {
        ctx.error(fmt::format("{}: cannot read the output file", output_file));
        return;
      }
      output.assign(std::istreambuf_iterator<char>(in), {});
    }
    ExerciseResult r = judge_output(catalog, *ex, output);
    r.file = output_file;
    if (json) {
      std::cout << result_to_json(r).dump(2) << "\n";
    } else {
      ResultPrinter(std::cout, ctx.use_color()).all({r});
    }
    ctx.exit_code = r.verdict == Verdict::passed ? 0 : 1;
  });
}

}  // namespace exengine
