// ShardStamp: OUT/shard.json, who a `grade` output is. Every grade run writes one (an unsharded
// run is shard 1 of 1) before it grades anything, so `merge` can tell a complete, consistent set of
// shards from an incomplete or mixed one, and `--resume` cannot continue another run's journal.
//
//   { "format": "exengine-shard", "version": 1, "shard": K, "shards": N,
//     "engine": "0.1.0", "class_hash": sha256 of the sorted student list,
//     "students": [every student of the class, sorted], "exercises": [ids, sorted],
//     "options": { "students": [the --student filter], "trials", "stress", "timeout", "memory", "tier" } }
//
// Contract
// - same_run() compares everything but K and returns what differs first, named for a message
//   ("shard counts", "classes (student lists)", "engine versions", "exercises", "grading
//   options": "... differ"), or "" when the two stamps belong to one run.
// - shard_students() are the students this shard grades: the roster's, after the --student filter,
//   whose index in the whole roster falls in shard K (class_roster.h).
// - read_shard_stamp throws ShardStampError with one line naming the file.
#pragma once

#include <filesystem>
#include <stdexcept>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace exengine {

class ShardStampError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

struct ShardStamp {
  int k = 1, n = 1;
  std::string engine;
  std::string class_hash;
  std::vector<std::string> students;   // the whole class, sorted
  std::vector<std::string> exercises;  // sorted
  nlohmann::json options = nlohmann::json::object();  // includes "students": the filter

  std::string same_run(const ShardStamp& other) const;
  // The grading options that differ from `other`'s, named for a message, in key order:
  // "trials 5 (was not given), stress true (was false)"; empty when they are the same.
  std::string option_differences(const ShardStamp& other) const;
  std::vector<std::string> shard_students() const;
  nlohmann::json to_json() const;
};

inline constexpr const char* kShardStampFile = "shard.json";

// The hash of a sorted student list (each name length-prefixed).
std::string class_hash(const std::vector<std::string>& sorted_students);

ShardStamp read_shard_stamp(const std::filesystem::path& file);
void write_shard_stamp(const std::filesystem::path& file, const ShardStamp& stamp);

}  // namespace exengine
