// exengine merge OUT SHARD_DIR...: combine the outputs of `grade --shard` runs into one set of
// reports (and one journal) in OUT.
#include <algorithm>
#include <fstream>
#include <iostream>

#include <CLI/CLI.hpp>
#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "batch/journal.h"
#include "cli/command.h"
#include "report/class_results.h"
#include "report/class_summary.h"
#include "report/json_report.h"
#include "report/report_writer.h"
#include "report/result_json.h"

namespace exengine {
namespace fs = std::filesystem;

namespace {

struct MergeArgs {
  std::string out_dir;
  std::vector<std::string> shards;
  std::string formats = "all";
};

// The results of one shard folder: its journal, or else its report.json. Throws with one line.
std::vector<ExerciseResult> shard_results(const fs::path& dir) {
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) throw std::runtime_error(dir.string() + ": no such folder");
  const fs::path journal = dir / "journal.jsonl";
  if (fs::exists(journal, ec)) return read_journal(journal).results;
  const fs::path report = dir / "report.json";
  if (fs::exists(report, ec)) {
    std::ifstream in(report, std::ios::binary);
    nlohmann::json j = nlohmann::json::parse(in, nullptr, false);
    if (j.is_discarded()) throw std::runtime_error(report.string() + ": not valid JSON");
    return results_from_json_report(j);
  }
  throw std::runtime_error(dir.string() + ": no journal.jsonl or report.json (is it a `grade --out` folder?)");
}

void run_merge(CliContext& ctx, const MergeArgs& args) {
  std::vector<std::string> formats;
  try {
    formats = parse_report_formats(args.formats);
  } catch (const std::exception& e) {
    return ctx.error(e.what());
  }
  std::vector<ExerciseResult> all;
  for (const auto& shard : args.shards) {
    std::error_code same_ec;
    if (fs::equivalent(shard, args.out_dir, same_ec))
      return ctx.error(fmt::format("{}: the output folder cannot also be a shard", shard));
    try {
      for (auto& r : shard_results(shard)) all.push_back(std::move(r));
    } catch (const std::exception& e) {
      return ctx.error(e.what());
    }
  }
  const std::size_t read = all.size();
  ClassResults results(std::move(all));
  if (results.results().size() < read)
    ctx.warn(fmt::format("{} results appeared in more than one shard; the last shard given wins",
                         read - results.results().size()));
  try {
    std::string journal;
    for (const auto& r : results.results()) journal += result_to_json(r).dump() + "\n";
    write_file_atomically(fs::path(args.out_dir) / "journal.jsonl", journal);
    for (const auto& w : write_reports(results, args.out_dir, formats)) ctx.warn(w);
  } catch (const std::exception& e) {
    return ctx.error(e.what());
  }
  print_class_summary(std::cout, results, args.out_dir, std::count(formats.begin(), formats.end(), "html") > 0);
  ctx.exit_code = results.passed() == static_cast<int>(results.results().size()) ? 0 : 1;
}

}  // namespace

void add_merge_command(CLI::App& app, CliContext& ctx) {
  auto* cmd = app.add_subcommand("merge", "Combine `grade --shard` outputs into one set of reports");
  static MergeArgs args;
  cmd->add_option("out", args.out_dir, "Folder for the merged journal and reports")->required()->type_name("OUT");
  cmd->add_option("shards", args.shards, "The shards' --out folders")->required()->type_name("SHARD_DIR...");
  cmd->add_option("--format", args.formats, "Reports: a list of json, csv, junit, gradescope, html (default all)")
      ->type_name("LIST");
  cmd->callback([&ctx] { run_merge(ctx, args); });
}

}  // namespace exengine
