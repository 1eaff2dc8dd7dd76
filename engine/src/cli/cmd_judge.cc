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
  // Per call of run_cli (the callback owns them), so the CLI can run twice in one process.
  struct Args {
    std::string id;
    std::string output_file;
    bool json = false;
  };
  auto args = std::make_shared<Args>();
  cmd->add_option("--exercise,-e", args->id, "Exercise id")->required();
  cmd->add_option("--output,-o", args->output_file, "File holding the program's output ('-' for stdin)")->required();
  cmd->add_flag("--json", args->json, "Machine-readable output");
  cmd->callback([&ctx, args] {
    std::string& id = args->id;
    std::string& output_file = args->output_file;
    bool& json = args->json;
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
