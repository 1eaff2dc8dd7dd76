#include "batch/shard_stamp.h"

#include <set>

#include "core/utf8_escape.h"

#include <algorithm>
#include <fstream>
#include <sstream>

#include "batch/class_roster.h"
#include "report/report_writer.h"
#include "core/sha256.h"

namespace exengine {
namespace fs = std::filesystem;
using nlohmann::json;

std::string class_hash(const std::vector<std::string>& sorted_students) {
  Sha256 h;
  for (const auto& s : sorted_students) h.field(s);
  return h.hex();
}

std::string ShardStamp::same_run(const ShardStamp& other) const {
  if (n != other.n) return "shard counts";
  if (class_hash != other.class_hash || students != other.students) return "classes (student lists)";
  if (engine != other.engine) return "engine versions";
  if (exercises != other.exercises) return "exercises";
  if (options != other.options) return "grading options";
  return "";
}

std::string ShardStamp::option_differences(const ShardStamp& other) const {
  // `this` is the earlier run, `other` the new one.
  std::set<std::string> keys;
  for (const auto* o : {&options, &other.options})
    if (o->is_object())
      for (const auto& [key, value] : o->items()) keys.insert(key);
  auto shown = [](const json& o, const std::string& key) -> std::string {
    if (!o.is_object() || !o.contains(key)) return "not given";
    const json& v = o.at(key);
    if (v.is_string()) return escape_invalid_utf8(v.get<std::string>());
    return v.dump(-1, ' ', false, json::error_handler_t::replace);
  };
  std::string out;
  for (const auto& key : keys) {
    const std::string was = shown(options, key), now = shown(other.options, key);
    if (was == now) continue;
    out += (out.empty() ? "" : ", ") + key + " " + now + " (was " + was + ")";
  }
  return out;
}

std::vector<std::string> ShardStamp::shard_students() const {
  std::vector<std::string> filter;
  if (options.contains("students") && options["students"].is_array())
    for (const auto& s : options["students"]) filter.push_back(s.get<std::string>());
  std::vector<std::string> out;
  for (std::size_t i = 0; i < students.size(); ++i) {
    if (!filter.empty() && std::find(filter.begin(), filter.end(), students[i]) == filter.end()) continue;
    if (in_shard(i, k, n)) out.push_back(students[i]);
  }
  return out;
}

json ShardStamp::to_json() const {
  return json{{"format", "exengine-shard"}, {"version", 1},          {"shard", k},
              {"shards", n},                {"engine", engine},      {"class_hash", class_hash},
              {"students", students},       {"exercises", exercises}, {"options", options}};
}

ShardStamp read_shard_stamp(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) throw ShardStampError(file.string() + ": cannot read");
  std::stringstream text;
  text << in.rdbuf();
  const json j = json::parse(text.str(), nullptr, false);
  if (j.is_discarded() || !j.is_object() || j.value("format", "") != "exengine-shard")
    throw ShardStampError(file.string() + ": not an exengine shard stamp");
  try {
    ShardStamp s;
    s.k = j.at("shard").get<int>();
    s.n = j.at("shards").get<int>();
    s.engine = j.at("engine").get<std::string>();
    s.class_hash = j.at("class_hash").get<std::string>();
    s.students = j.at("students").get<std::vector<std::string>>();
    s.exercises = j.at("exercises").get<std::vector<std::string>>();
    s.options = j.at("options");
    if (s.n < 1 || s.k < 1 || s.k > s.n || !s.options.is_object()) throw ShardStampError("bad shard numbers");
    return s;
  } catch (const std::exception&) {
    throw ShardStampError(file.string() + ": not an exengine shard stamp (a field is missing or malformed)");
  }
}

void write_shard_stamp(const fs::path& file, const ShardStamp& stamp) {
  try {
    write_file_atomically(file, stamp.to_json().dump(2) + "\n");
  } catch (const ReportError& e) {
    throw ShardStampError(e.what());
  }
}

}  // namespace exengine
