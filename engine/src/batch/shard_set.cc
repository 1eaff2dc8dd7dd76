#include "batch/shard_set.h"

#include <fstream>
#include <map>
#include <set>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "batch/journal.h"
#include "report/json_report.h"
#include "core/utf8_escape.h"

namespace exengine {
namespace fs = std::filesystem;

namespace {

void shard_results(const fs::path& dir, ShardOutput& out) {
  std::error_code ec;
  const fs::path journal = dir / "journal.jsonl";
  if (fs::exists(journal, ec)) {
    try {
      out.facts = index_journal(journal).facts;
      out.source = std::make_shared<JournalFile>(journal);
      return;
    } catch (const JournalError& e) {
      throw ShardSetError(e.what());
    }
  }
  const fs::path report = dir / "report.json";
  if (fs::exists(report, ec)) {
    std::ifstream in(report, std::ios::binary);
    nlohmann::json j = nlohmann::json::parse(in, nullptr, false);
    if (j.is_discarded()) throw ShardSetError(report.string() + ": not valid JSON");
    try {
      std::vector<ExerciseResult> results = results_from_json_report(j);
      for (std::size_t i = 0; i < results.size(); ++i) out.facts.push_back(ResultFacts::of(results[i], i));
      out.source = std::make_shared<MemoryResultSource>(std::move(results));
      return;
    } catch (const std::exception& e) {
      throw ShardSetError(report.string() + ": " + e.what());
    }
  }
  throw ShardSetError(dir.string() + ": no journal.jsonl or report.json (is it a `grade --out` folder?)");
}

std::string join_numbers(const std::vector<int>& v) {
  std::string out;
  for (int k : v) out += (out.empty() ? "" : ", ") + std::to_string(k);
  return out;
}

std::string students_absent(std::size_t n) { return fmt::format("{} student{} absent", n, n == 1 ? "" : "s"); }

}  // namespace

ShardOutput read_shard_output(const fs::path& dir) {
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) throw ShardSetError(dir.string() + ": no such folder");
  ShardOutput out;
  out.dir = dir;
  const fs::path stamp = dir / kShardStampFile;
  if (!fs::exists(stamp, ec))
    throw ShardSetError(dir.string() + ": no " + kShardStampFile +
                        " (not the --out folder of exengine grade, or written by an older engine)");
  try {
    out.stamp = read_shard_stamp(stamp);
  } catch (const ShardStampError& e) {
    throw ShardSetError(e.what());
  }
  shard_results(dir, out);
  return out;
}

ShardSetCheck check_shard_set(const std::vector<ShardOutput>& shards, bool partial) {
  ShardSetCheck check;
  if (shards.empty()) throw ShardSetError("no shard folders given");
  const ShardOutput& first = shards.front();
  std::map<int, const ShardOutput*> by_number;
  for (const ShardOutput& s : shards) {
    if (std::string field = first.stamp.same_run(s.stamp); !field.empty())
      throw ShardSetError(fmt::format("{}: not from the same run as {} ({} differ)", s.dir.string(),
                                      first.dir.string(), field));
    auto [it, fresh] = by_number.emplace(s.stamp.k, &s);
    if (!fresh)
      throw ShardSetError(fmt::format("{}: shard {}/{} again (also {})", s.dir.string(), s.stamp.k, s.stamp.n,
                                      it->second->dir.string()));
  }
  const int n = first.stamp.n;
  std::vector<int> missing;
  for (int k = 1; k <= n; ++k)
    if (!by_number.count(k)) missing.push_back(k);
  if (!missing.empty() && !partial) {
    if (missing.size() == 1)
      throw ShardSetError(fmt::format("shard {} of {} is missing (add --partial to merge without it)", missing[0], n));
    throw ShardSetError(
        fmt::format("shards {} of {} are missing (add --partial to merge without them)", join_numbers(missing), n));
  }

  std::set<std::string> absent;
  for (int k = 1; k <= n; ++k) {
    ShardStamp stamp = first.stamp;
    stamp.k = k;
    const std::vector<std::string> students = stamp.shard_students();
    auto found = by_number.find(k);
    if (found == by_number.end()) {
      for (const auto& s : students) absent.insert(s);
      check.warnings.push_back(fmt::format("merging without shard {} of {}: {}", k, n, students_absent(students.size())));
      continue;
    }
    const ShardOutput& shard = *found->second;
    std::set<std::pair<std::string, std::string>> have;
    for (const auto& r : shard.facts) have.emplace(r.student, r.exercise);
    std::size_t lacking = 0;
    std::set<std::string> incomplete;
    for (const auto& s : students)
      for (const auto& e : stamp.exercises)
        if (!have.count({s, e})) {
          ++lacking;
          incomplete.insert(s);
        }
    if (lacking == 0) continue;
    const std::string line = fmt::format("{}: shard {}/{} is unfinished: {} of {} results missing", shard.dir.string(),
                                         k, n, lacking, students.size() * stamp.exercises.size());
    if (!partial) throw ShardSetError(line + " (finish it with grade --resume, or add --partial)");
    check.warnings.push_back(line + ": " + students_absent(incomplete.size()));
    absent.insert(incomplete.begin(), incomplete.end());
  }
  check.absent.assign(absent.begin(), absent.end());
  return check;
}

}  // namespace exengine
