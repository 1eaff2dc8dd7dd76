// ShardSet: the outputs of `grade --shard K/N` runs that `merge` combines, checked to be one whole
// run before anything is merged.
//
// Contract
// - read_shard_output(dir): the folder's shard.json (shard_stamp.h) and the index of its results
//   (journal.jsonl, read back from disk as needed; or else report.json, held in memory). Throws ShardSetError with one line naming the folder.
// - check_shard_set refuses, with one ShardSetError line, a set in which
//     a folder belongs to another run than the first one given (another class, shard count, engine
//     version, exercise list or grading options):
//       `B: not from the same run as A (grading options differ)`
//     a shard number appears twice: `B: shard 2/4 again (also A)`
//     and, unless `partial`, a shard is missing or unfinished:
//       `shard 3 of 4 is missing (add --partial to merge without it)`
//       `shards 2, 3 of 4 are missing (add --partial to merge without them)`
//       `A: shard 2/4 is unfinished: 3 of 12 results missing (finish it with grade --resume, or add --partial)`
// - With `partial`, missing and unfinished shards are allowed; the result names every student of
//   the class (after the --student filter) who lacks a result (`absent`, sorted), and one warning
//   line per missing or unfinished shard.
#pragma once

#include <filesystem>
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

#include "batch/shard_stamp.h"
#include "core/result.h"
#include "report/class_results.h"

namespace exengine {

class ShardSetError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

struct ShardOutput {
  std::filesystem::path dir;
  ShardStamp stamp;
  std::vector<ResultFacts> facts;               // in file order; `where` is the source's handle
  std::shared_ptr<const ResultSource> source;   // the journal (or report.json's results in memory)
};

struct ShardSetCheck {
  std::vector<std::string> absent;
  std::vector<std::string> warnings;
};

ShardOutput read_shard_output(const std::filesystem::path& dir);
ShardSetCheck check_shard_set(const std::vector<ShardOutput>& shards, bool partial);

}  // namespace exengine
