// ShardSet: the outputs of `grade --shard K/N` runs that `merge` combines, checked to be one whole
// run before anything is merged.
//
// Contract
// - read_shard_output(dir): the folder's shard.json (shard_stamp.h) and its results (journal.jsonl,
//   or else report.json). Throws ShardSetError with one line naming the folder.
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
#include <stdexcept>
#include <string>
#include <vector>

#include "batch/shard_stamp.h"
#include "core/result.h"

namespace exengine {

class ShardSetError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

struct ShardOutput {
  std::filesystem::path dir;
  ShardStamp stamp;
  std::vector<ExerciseResult> results;
};

struct ShardSetCheck {
  std::vector<std::string> absent;
  std::vector<std::string> warnings;
};

ShardOutput read_shard_output(const std::filesystem::path& dir);
ShardSetCheck check_shard_set(const std::vector<ShardOutput>& shards, bool partial);

}  // namespace exengine
