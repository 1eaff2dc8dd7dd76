#include "learner/learner_state.h"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <fstream>
#include <sstream>
#include <system_error>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

namespace exengine {
namespace fs = std::filesystem;
using nlohmann::json;

namespace {

constexpr const char* kFormat = "exengine-learner-state";
constexpr int kVersion = 1;

json to_json(const LearnerState& s) {
  json exercises = json::object();
  for (const auto& [id, e] : s.exercises) {
    exercises[id] = {{"file", e.file},
                     {"verdict", e.verdict ? json(std::string(to_string(*e.verdict))) : json(nullptr)},
                     {"hash", e.hash},
                     {"hints_revealed", e.hints_revealed},
                     {"checked_at", e.checked_at}};
  }
  return {{"format", kFormat},
          {"version", kVersion},
          {"language", s.language},
          {"topics", s.topics},
          {"exercises", exercises}};
}

LearnerState from_json(const json& j, const std::string& name) {
  auto bad = [&](const std::string& what) { return StateError(fmt::format("{}: {}", name, what)); };
  if (!j.is_object() || j.value("format", "") != kFormat) throw bad("not an exengine state file");
  if (j.value("version", 0) != kVersion) throw bad(fmt::format("unsupported version {}", j.value("version", 0)));
  LearnerState s;
  s.language = j.at("language").get<std::string>();
  if (s.language != "python" && s.language != "cpp") throw bad(fmt::format("unknown language '{}'", s.language));
  s.topics = j.at("topics").get<std::vector<std::string>>();
  for (const auto& [id, e] : j.at("exercises").items()) {
    ExerciseState es;
    es.file = e.at("file").get<std::string>();
    const json& v = e.at("verdict");
    if (!v.is_null()) {
      es.verdict = parse_verdict(v.get<std::string>());
      if (!es.verdict) throw bad(fmt::format("exercise '{}': unknown verdict '{}'", id, v.get<std::string>()));
    }
    es.hash = e.at("hash").get<std::string>();
    es.hints_revealed = std::max(0, e.at("hints_revealed").get<int>());
    es.checked_at = e.at("checked_at").get<double>();
    s.exercises[id] = es;
  }
  return s;
}

std::optional<LearnerState> read_state(const fs::path& path) {
  std::error_code ec;
  if (!fs::exists(path, ec)) return std::nullopt;
  std::ifstream in(path, std::ios::binary);
  if (!in) throw StateError(fmt::format("{}: cannot read", path.string()));
  std::ostringstream text;
  text << in.rdbuf();
  try {
    return from_json(json::parse(text.str()), path.string());
  } catch (const StateError&) {
    throw;
  } catch (const json::exception& e) {
    throw StateError(fmt::format("{}: malformed ({})", path.string(), e.what()));
  }
}

// The folder lock that serialises save_state() between processes; released by the destructor.
class FolderLock {
 public:
  explicit FolderLock(const fs::path& dir) : fd_(::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC)) {
    if (fd_ >= 0) ::flock(fd_, LOCK_EX);
  }
  ~FolderLock() {
    if (fd_ >= 0) ::close(fd_);
  }
  FolderLock(const FolderLock&) = delete;
  FolderLock& operator=(const FolderLock&) = delete;

 private:
  int fd_;
};

void merge_from_disk(LearnerState& state, const LearnerState& disk) {
  for (const std::string& t : disk.topics)
    if (std::find(state.topics.begin(), state.topics.end(), t) == state.topics.end()) state.topics.push_back(t);
  for (const auto& [id, d] : disk.exercises) {
    auto it = state.exercises.find(id);
    if (it == state.exercises.end()) {
      state.exercises[id] = d;
      continue;
    }
    ExerciseState& m = it->second;
    const int hints = std::max(m.hints_revealed, d.hints_revealed);
    if (d.checked_at > m.checked_at) m = d;
    m.hints_revealed = hints;
  }
}

}  // namespace

fs::path state_file(const fs::path& root) { return root / kStateFileName; }

std::optional<LearnerState> load_state(const fs::path& root) { return read_state(state_file(root)); }

void save_state(const fs::path& root, LearnerState& state) {
  FolderLock lock(root);
  const fs::path path = state_file(root);
  try {
    if (auto disk = read_state(path); disk && disk->language == state.language) merge_from_disk(state, *disk);
  } catch (const StateError&) {
    // A corrupt file on disk is replaced by ours.
  }
  const fs::path tmp = root / fmt::format("{}.{}.tmp", kStateFileName, ::getpid());
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    out << to_json(state).dump(2) << "\n";
    if (!out) throw StateError(fmt::format("{}: cannot write", tmp.string()));
  }
  std::error_code ec;
  fs::rename(tmp, path, ec);
  if (ec) {
    fs::remove(tmp, ec);
    throw StateError(fmt::format("{}: cannot write", path.string()));
  }
}

double now_seconds() {
  using namespace std::chrono;
  return duration_cast<duration<double>>(system_clock::now().time_since_epoch()).count();
}

}  // namespace exengine
