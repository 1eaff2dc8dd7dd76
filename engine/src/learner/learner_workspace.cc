#include "learner/learner_workspace.h"

#include <algorithm>
#include <system_error>

#include <fmt/format.h>

#include "learner/content_hash.h"
#include "plugin_host/catalog.h"

namespace exengine {
namespace fs = std::filesystem;

namespace {

// The order the day's lesson teaches its topics in (the seed's examples: threads, locks,
// processes and pools, queues, daemons).
const std::vector<std::string> kLessonOrder = {"threads", "locks", "pools", "queues", "daemons"};

bool supports(const Exercise& ex, const std::string& language) {
  return std::find(ex.languages.begin(), ex.languages.end(), language) != ex.languages.end();
}

}  // namespace

LearnerState infer_state(const Catalog& catalog, const fs::path& root) {
  LearnerState s;
  std::size_t py = 0, cpp = 0;
  std::error_code ec;
  for (const std::string& topic : lesson_topics(catalog)) {
    if (!fs::is_directory(root / topic, ec)) continue;
    s.topics.push_back(topic);
    for (const auto& entry : fs::directory_iterator(root / topic, ec)) {
      if (!catalog.exercise(topic + "/" + entry.path().stem().string())) continue;
      py += entry.path().extension() == ".py";
      cpp += entry.path().extension() == ".cpp";
    }
  }
  s.language = cpp > py ? "cpp" : "python";
  return s;
}

std::vector<std::string> lesson_topics(const Catalog& catalog) {
  std::vector<std::string> topics;
  for (const std::string& t : kLessonOrder)
    if (catalog.plugin(t)) topics.push_back(t);
  std::vector<std::string> others;
  for (const auto& p : catalog.plugins())
    if (std::find(topics.begin(), topics.end(), p.manifest.plugin.name) == topics.end())
      others.push_back(p.manifest.plugin.name);
  std::sort(others.begin(), others.end());
  topics.insert(topics.end(), others.begin(), others.end());
  return topics;
}

std::string extension_for(const std::string& language) { return language == "cpp" ? ".cpp" : ".py"; }

fs::path LearnerWorkspace::find_root(const Catalog& catalog, const fs::path& start) {
  std::error_code ec;
  fs::path dir = fs::absolute(start, ec).lexically_normal();
  if (!dir.has_filename()) dir = dir.parent_path();
  for (fs::path d = dir;; d = d.parent_path()) {
    if (fs::exists(state_file(d), ec)) return d;
    if (d == d.parent_path()) break;
  }
  // A folder of the engine's own sources (plugins/, exercises/) has topic folders too, but is no
  // workspace: never write a state file there.
  const fs::path data = catalog.paths().data_dir.lexically_normal();
  const auto [end, _] = std::mismatch(data.begin(), data.end(), dir.begin(), dir.end());
  const bool in_engine = !data.empty() && end == data.end();
  for (const std::string& topic : lesson_topics(catalog))
    if (!in_engine && fs::is_directory(dir / topic, ec)) return dir;
  throw WorkspaceError(fmt::format(
      "{}: not an exengine workspace (no {} here or above): create one with `exengine init DIR`",
      start.string(), kStateFileName));
}

LearnerWorkspace::LearnerWorkspace(const Catalog& catalog, const fs::path& root_in)
    : catalog_(catalog), root_(fs::absolute(root_in).lexically_normal()) {
  if (!root_.has_filename()) root_ = root_.parent_path();
  std::error_code ec;
  if (!fs::is_directory(root_, ec)) throw WorkspaceError(fmt::format("{}: no such folder", root_in.string()));
  std::optional<LearnerState> loaded;
  try {
    loaded = load_state(root_);
    if (!loaded) note_ = fmt::format("{} was missing: rebuilt it from the files", kStateFileName);
  } catch (const StateError& e) {
    note_ = fmt::format("{} was unreadable ({}): rebuilt it from the files", kStateFileName, e.what());
  }
  if (loaded) {
    state_ = std::move(*loaded);
  } else {
    state_ = infer_state(catalog, root_);
    if (state_.topics.empty())
      throw WorkspaceError(fmt::format("{}: not an exengine workspace (no topic folder such as threads/): create one with `exengine init DIR`",
                                       root_in.string()));
  }
  refresh_items();
  if (!loaded) {
    try {
      save();
    } catch (const StateError&) {
      // A read-only workspace still shows its progress; nothing is remembered.
    }
  }
}

void LearnerWorkspace::refresh_items() {
  items_.clear();
  const std::string ext = extension_for(state_.language);
  std::error_code ec;
  for (const std::string& topic : lesson_topics(catalog_)) {
    if (std::find(state_.topics.begin(), state_.topics.end(), topic) == state_.topics.end()) continue;
    const LoadedPlugin* plugin = catalog_.plugin(topic);
    for (const Exercise& ex : plugin->manifest.exercises) {
      if (catalog_.exercise(ex.id) != &ex || !supports(ex, state_.language)) continue;
      WorkspaceItem item{&ex, ex.topic + "/" + ex.name + ext};
      if (!fs::exists(root_ / item.rel, ec) && !fs::exists(catalog_.starter(ex, ext), ec)) continue;
      items_.push_back(item);
    }
  }
}

const WorkspaceItem* LearnerWorkspace::item(const std::string& id) const {
  for (const auto& it : items_)
    if (it.exercise->id == id) return &it;
  return nullptr;
}

const WorkspaceItem* LearnerWorkspace::item_for_path(const fs::path& path) const {
  fs::path abs = path.is_absolute() ? path.lexically_normal() : (root_ / path).lexically_normal();
  for (const auto& it : items_)
    if (abs == root_ / it.rel) return &it;
  return nullptr;
}

std::optional<std::string> LearnerWorkspace::starter_hash(const WorkspaceItem& item) const {
  auto [it, inserted] = starter_hashes_.try_emplace(item.exercise->id);
  if (inserted) it->second = file_content_hash(catalog_.starter(*item.exercise, extension_for(state_.language)));
  return it->second;
}

CheckRequest LearnerWorkspace::request(const WorkspaceItem& item) const {
  CheckRequest req;
  req.exercise = item.exercise;
  req.file = path_of(item);
  req.language = state_.language;
  req.display_name = item.rel;
  return req;
}

ItemStatus LearnerWorkspace::status(const WorkspaceItem& item) const {
  std::optional<std::string> hash = file_content_hash(path_of(item));
  if (!hash) return ItemStatus::no_file;
  if (hash == starter_hash(item)) return ItemStatus::not_started;
  auto it = state_.exercises.find(item.exercise->id);
  if (it != state_.exercises.end() && it->second.verdict && it->second.hash == *hash)
    return *it->second.verdict == Verdict::passed ? ItemStatus::passed : ItemStatus::failed;
  return ItemStatus::unchecked;
}

std::optional<Verdict> LearnerWorkspace::last_verdict(const WorkspaceItem& item) const {
  auto it = state_.exercises.find(item.exercise->id);
  return it == state_.exercises.end() ? std::nullopt : it->second.verdict;
}

std::size_t LearnerWorkspace::index_of(const WorkspaceItem& item) const {
  return static_cast<std::size_t>(&item - items_.data());
}

const WorkspaceItem* LearnerWorkspace::next_unfinished(std::size_t from) const {
  for (std::size_t k = 0; k < items_.size(); ++k) {
    const WorkspaceItem& it = items_[(from + k) % items_.size()];
    ItemStatus s = status(it);
    if (s != ItemStatus::passed && s != ItemStatus::no_file) return &it;
  }
  return nullptr;
}

void LearnerWorkspace::record(const WorkspaceItem& item, const ExerciseResult& result, const std::string& hash) {
  ExerciseState& e = state_.exercises[item.exercise->id];
  e.file = item.rel;
  e.verdict = result.verdict;
  e.hash = hash;
  e.checked_at = now_seconds();
}

int LearnerWorkspace::hints_revealed(const Exercise& exercise) const {
  auto it = state_.exercises.find(exercise.id);
  return it == state_.exercises.end() ? 0 : std::min<int>(it->second.hints_revealed, exercise.hints.size());
}

void LearnerWorkspace::reveal_hint(const Exercise& exercise) {
  ExerciseState& e = state_.exercises[exercise.id];
  if (e.file.empty()) e.file = exercise.topic + "/" + exercise.name + extension_for(state_.language);
  e.hints_revealed = std::min<int>(e.hints_revealed + 1, exercise.hints.size());
}

void LearnerWorkspace::save() { save_state(root_, state_); }

}  // namespace exengine
