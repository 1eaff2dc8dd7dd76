#include "batch/submission_matcher.h"

#include <algorithm>
#include <set>
#include <system_error>

#include "core/suggest.h"
#include "manifest/manifest.h"

namespace exengine {
namespace fs = std::filesystem;

namespace {

std::vector<std::string> languages_of(const Exercise& ex) {
  return ex.languages.empty() ? std::vector<std::string>{"python"} : ex.languages;
}

// Every relative path the exercise may be submitted under, with its topic (`topic/name.ext`).
std::vector<std::string> expected_paths(const Exercise& ex) {
  std::vector<std::string> out;
  for (const auto& language : languages_of(ex))
    for (const auto& ext : extensions_for(language)) out.push_back(ex.topic + "/" + ex.name + ext);
  if (out.empty()) out.push_back(ex.topic + "/" + ex.name + ".py");
  return out;
}

std::string strip_topic(const std::string& path) { return path.substr(path.find('/') + 1); }

bool ignored(const fs::path& relative) {
  for (const auto& part : relative) {
    const std::string s = part.string();
    if (s.empty() || s[0] == '.' || s == "__MACOSX") return true;
  }
  return false;
}

}  // namespace

std::vector<std::string> extensions_for(const std::string& language) {
  if (language == "python") return {".py"};
  if (language == "cpp") return {".cpp", ".cc", ".cxx"};
  return {};
}

std::string SubmissionMatch::expected_path(const Exercise& exercise) { return expected_paths(exercise).front(); }

SubmissionMatch match_submission(const fs::path& root, const std::vector<const Exercise*>& exercises,
                                 bool accept_near_names) {
  SubmissionMatch out;
  std::set<std::string> files;  // generic relative paths
  std::error_code ec;
  for (fs::recursive_directory_iterator it(root, fs::directory_options::none, ec), end; !ec && it != end;
       it.increment(ec)) {
    const fs::path rel = it->path().lexically_relative(root);
    if (ignored(rel)) {
      if (it->is_directory(ec) && !it->is_symlink(ec)) it.disable_recursion_pending();
      continue;
    }
    std::error_code type_ec;
    const auto status = it->symlink_status(type_ec);
    if (fs::is_directory(status)) continue;  // entered (a link to a folder is not: it is a file here)
    files.insert(rel.generic_string());
  }
  out.files = files.size();
  std::set<std::string> claimed;

  // 1. exact
  for (const Exercise* ex : exercises) {
    ExerciseMatch& m = out.by_exercise[ex->id];
    for (const auto& p : expected_paths(*ex))
      if (files.count(p)) {
        if (m.how == ExerciseMatch::How::none) {  // the first language's file is graded
          m.relative = p;
          m.how = ExerciseMatch::How::exact;
        }
        claimed.insert(p);  // the other language's is not stray either (check grades both)
      }
  }
  // 2. flat, when the name is unambiguous among the exercises graded
  std::map<std::string, int> names;
  for (const Exercise* ex : exercises) ++names[ex->name];
  for (const Exercise* ex : exercises) {
    ExerciseMatch& m = out.by_exercise[ex->id];
    if (m.how != ExerciseMatch::How::none || names[ex->name] != 1) continue;
    for (const auto& p : expected_paths(*ex)) {
      const std::string flat = strip_topic(p);
      if (files.count(flat) && !claimed.count(flat)) {
        m.relative = flat;
        m.how = ExerciseMatch::How::flat;
        claimed.insert(flat);
        break;
      }
    }
  }
  // 3. near misses, among the files nothing has claimed
  for (const Exercise* ex : exercises) {
    ExerciseMatch& m = out.by_exercise[ex->id];
    if (m.how != ExerciseMatch::How::none) continue;
    std::vector<std::string> nested, top;
    for (const auto& f : files) {
      if (claimed.count(f)) continue;
      (f.find('/') == std::string::npos ? top : nested).push_back(f);
    }
    std::string found;
    for (const auto& p : expected_paths(*ex)) {
      if (auto close = closest_match(p, nested)) found = *close;
      else if (auto flat = closest_match(strip_topic(p), top); flat && names[ex->name] == 1) found = *flat;
      if (!found.empty()) break;
    }
    if (found.empty()) continue;
    if (accept_near_names) {
      m.relative = found;
      m.how = ExerciseMatch::How::near;
      claimed.insert(found);
    } else {
      m.near_miss = found;
    }
  }
  for (const auto& f : files)
    if (!claimed.count(f) && out.unmatched_total++ < SubmissionMatch::kMaxUnmatched) out.unmatched.push_back(f);
  return out;
}

}  // namespace exengine
