// exengine merge OUT SHARD_DIR...: combine the outputs of `grade --shard` runs into one set of
// reports (and one journal) in OUT, after checking they are one whole run (batch/shard_set.h).
#include <algorithm>
#include <iostream>

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include "batch/shard_set.h"
#include "cli/command.h"
#include "report/class_results.h"
#include "report/class_summary.h"
#include "report/report_writer.h"
#include "report/result_json.h"

namespace exengine {
namespace fs = std::filesystem;

namespace {

struct MergeArgs {
  std::string out_dir;
  std::vector<std::string> shards;
  std::string formats = "all";
  bool partial = false;
};

void run_merge(CliContext& ctx, const MergeArgs& args) {
  std::vector<std::string> formats;
  try {
    formats = parse_report_formats(args.formats);
  } catch (const std::exception& e) {
    return ctx.error(e.what());
  }
  std::vector<ShardOutput> shards;
  for (const auto& shard : args.shards) {
    std::error_code same_ec;
    if (fs::equivalent(shard, args.out_dir, same_ec))
      return ctx.error(fmt::format("{}: the output folder cannot also be a shard", shard));
    try {
      shards.push_back(read_shard_output(shard));
    } catch (const ShardSetError& e) {
      return ctx.fail(e.what(), kExitShardSet);
    }
  }
  ShardSetCheck check;
  try {
    check = check_shard_set(shards, args.partial);
  } catch (const ShardSetError& e) {
    return ctx.fail(e.what(), kExitShardSet);
  }
  for (const auto& w : check.warnings) ctx.warn(w);
  // The index of every shard's results over the shards' own files: the merged journal and the
  // reports are streamed from them one student at a time.
  std::vector<ResultFacts> all;
  auto sources = std::make_shared<CombinedResultSource>();
  for (std::size_t i = 0; i < shards.size(); ++i) {
    for (auto& f : shards[i].facts) {
      f.where = CombinedResultSource::handle(i, f.where);
      all.push_back(std::move(f));
    }
    shards[i].facts = {};
    sources->add(shards[i].source);
  }
  ClassResults results(std::move(all), sources, check.absent);
  try {
    std::error_code ec;
    fs::create_directories(args.out_dir, ec);
    write_file_atomically(fs::path(args.out_dir) / "journal.jsonl", [&](std::ostream& out) {
      results.for_each_student([&](const StudentRow&, const std::vector<ExerciseResult>& rs) {
        for (const auto& r : rs) out << result_to_json(r).dump() << "\n";
      });
    });
    for (const auto& w : write_reports(results, args.out_dir, formats)) ctx.warn(w);
  } catch (const std::exception& e) {
    return ctx.fail(e.what(), kExitOutput);
  }
  print_class_summary(std::cout, results, args.out_dir, std::count(formats.begin(), formats.end(), "html") > 0);
  ctx.exit_code = kExitOk;  // the reports are written, whatever the students scored
}

}  // namespace

void add_merge_command(CLI::App& app, CliContext& ctx) {
  auto* cmd = app.add_subcommand("merge", "Combine `grade --shard` outputs into one set of reports");
  // Per call of run_cli (the callback owns them), so the CLI can run twice in one process.
  auto owned = std::make_shared<MergeArgs>();
  MergeArgs& args = *owned;
  cmd->add_option("out", args.out_dir, "Folder for the merged journal and reports")->required()->type_name("OUT");
  cmd->add_option("shards", args.shards, "The shards' --out folders")->required()->type_name("SHARD_DIR...");
  cmd->add_option("--format", args.formats, "Reports: a list of json, csv, junit, gradescope, html (default all)")
      ->type_name("LIST");
  cmd->add_flag("--partial", args.partial,
                "Merge even when shards are missing or unfinished; the reports name the absent students");
  cmd->callback([&ctx, owned] { run_merge(ctx, *owned); });
}

}  // namespace exengine
