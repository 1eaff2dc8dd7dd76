#include "checking/diagnosis.h"

#include <array>

#include "behaviour/probe_record.h"
#include "core/text.h"

namespace exengine {
namespace {

struct Pattern {
  std::string_view needle;
  std::string_view hint;
};

constexpr std::array kPatterns{
    Pattern{"An attempt has been made to start a new process before the",
            "the Pool or Process was started at import time: put the code that starts processes under "
            "`if __name__ == \"__main__\":` (the spawn start method re-imports your file in every child)"},
    Pattern{"Can't pickle", "only module-level functions can be sent to a process or a Pool: lambdas and "
                            "nested functions cannot be pickled"},
    Pattern{"cannot join thread before it is started", "call start() on a thread before join()"},
    Pattern{"threads can only be started once", "a Thread object runs once: create a new Thread for each run"},
    Pattern{"cannot start a process twice", "a Process object runs once: create a new Process for each run"},
    Pattern{"Pool not running", "the Pool was used after its `with` block closed it: keep map() inside the block"},
    Pattern{"RuntimeError: release unlocked lock", "release() was called on a lock that was not held"},
    Pattern{"positional argument but", "check the args tuple: a single argument needs a trailing comma, args=(x,)"},
    Pattern{"positional arguments but", "check the args tuple: a single argument needs a trailing comma, args=(x,)"},
};

// The search for message_slow: the table itself, then every nested table and array.
std::string find_timing_message(const Value& v) {
  if (v.is_table()) {
    const Value* name = v.find("name");
    const Value* slow = v.find("message_slow");
    if (name && name->is_string() && name->as_string() == "timing" && slow && slow->is_string())
      return slow->as_string();
    for (const auto& [key, child] : v.as_table())
      if (std::string m = find_timing_message(child); !m.empty()) return m;
  } else if (v.is_array()) {
    for (const Value& child : v.as_array())
      if (std::string m = find_timing_message(child); !m.empty()) return m;
  }
  return {};
}

// The variable an UnboundLocalError names: "cannot access local variable 'count' where ..."
// (Python 3.11+) or "local variable 'count' referenced before assignment" (before). Empty if none.
std::string unbound_name(std::string_view err) {
  const std::size_t at = err.rfind("UnboundLocalError: ");
  if (at == std::string_view::npos) return {};
  const std::size_t eol = err.find('\n', at);
  const std::string_view line = err.substr(at, eol == std::string_view::npos ? std::string_view::npos : eol - at);
  const std::size_t open = line.find('\'');
  if (open == std::string_view::npos) return {};
  const std::size_t close = line.find('\'', open + 1);
  if (close == std::string_view::npos || close == open + 1 || close - open > 80) return {};
  const std::string_view name = line.substr(open + 1, close - open - 1);
  for (char c : name)
    if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_')) return {};
  return std::string(name);
}

std::string unbound_hint(const std::string& name) {
  return "the function assigns to `" + name + "`, so Python makes `" + name +
         "` local to it and the read before the assignment fails: add `global " + name +
         "` as the function's first line";
}

// The last line of err that starts with `prefix` (escaped, at most 200 bytes), or empty.
std::string last_line_starting(std::string_view err, std::string_view prefix) {
  const std::size_t at = err.rfind(prefix);
  if (at == std::string_view::npos) return {};
  const std::size_t eol = err.find('\n', at);
  std::string_view line = err.substr(at, eol == std::string_view::npos ? std::string_view::npos : eol - at);
  while (!line.empty() && (line.back() == '\r' || line.back() == ' ')) line.remove_suffix(1);
  return escape_for_terminal(line.substr(0, 200));
}

}  // namespace

std::string leading_worker_error(std::string_view err) {
  if (err.find("Traceback (most recent call last)") == std::string_view::npos) return {};
  const std::string name = unbound_name(err);
  if (name.empty()) return {};
  const bool thread = err.find("Exception in thread") != std::string_view::npos;
  return std::string(thread ? "a thread raised " : "your program raised ") +
         last_line_starting(err, "UnboundLocalError: ") + ": " + unbound_hint(name);
}

std::string diagnose_record(const ProbeRecord& record) {
  if (!record.available || record.damaged) return {};
  const std::int64_t distinct = record.value("distinct_locks");
  if (distinct >= 2 && distinct == record.value("locks_acquired") && record.value("threads_started") >= 2)
    return record.probe == "native"
               ? "each thread took its own new mutex, so nothing was shared: create one std::mutex outside the function"
               : "each thread took its own new Lock, so nothing was shared: create one Lock at module level";
  return {};
}

std::string name_thread_target(std::string message, std::string_view source) {
  static constexpr std::string_view kGeneric = "`target=f`, not its result `f()`";
  const std::size_t at = message.find(kGeneric);
  if (at == std::string::npos) return message;
  // Every `target=NAME(` of the source; only one distinct NAME is named.
  auto word = [](char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_'; };
  std::string found;
  for (std::size_t i = source.find("target"); i != std::string_view::npos; i = source.find("target", i + 6)) {
    if (i > 0 && word(source[i - 1])) continue;
    std::size_t j = i + 6;
    while (j < source.size() && source[j] == ' ') ++j;
    if (j >= source.size() || source[j] != '=' || (j + 1 < source.size() && source[j + 1] == '=')) continue;
    ++j;
    while (j < source.size() && source[j] == ' ') ++j;
    const std::size_t name_at = j;
    while (j < source.size() && (word(source[j]) || source[j] == '.') && j - name_at < 64) ++j;
    if (j == name_at || (source[name_at] >= '0' && source[name_at] <= '9')) continue;
    while (j < source.size() && source[j] == ' ') ++j;
    if (j >= source.size() || source[j] != '(') continue;
    const std::string name(source.substr(name_at, std::min(j, source.find_first_of(" (", name_at)) - name_at));
    if (!found.empty() && found != name) return message;  // two candidates: keep the generic words
    found = name;
  }
  if (found.empty()) return message;
  return message.replace(at, kGeneric.size(), "`target=" + found + "`, not its result `" + found + "()`");
}

std::string timeout_hint(const GraderSpec& grader) {
  if (grader.name == "timing")
    if (const Value* slow = grader.options.find("message_slow"); slow && slow->is_string()) return slow->as_string();
  return find_timing_message(grader.options.root());
}

std::string diagnose_worker_errors(std::string_view err) {
  const bool thread = err.find("Exception in thread") != std::string_view::npos;
  const bool traceback = err.find("Traceback (most recent call last)") != std::string_view::npos;
  if (!thread && !traceback) return {};
  std::string why = diagnose_stderr(err, "python");
  if (why.empty()) return {};
  return std::string(thread ? "a thread raised an exception: " : "an exception was raised: ") + why;
}

std::string diagnose_stderr(std::string_view err, std::string_view language) {
  (void)language;
  std::string_view last;
  std::size_t end = err.size();
  while (end > 0) {
    std::size_t start = err.rfind('\n', end - 1);
    start = (start == std::string_view::npos) ? 0 : start + 1;
    std::string_view line = err.substr(start, end - start);
    while (!line.empty() && (line.back() == '\r' || line.back() == ' ')) line.remove_suffix(1);
    if (!line.empty()) {
      last = line;
      break;
    }
    if (start == 0) break;
    end = start - 1;
  }
  std::string out = escape_for_terminal(last.substr(0, 200));
  if (std::string hint = known_mistake_hint(err); !hint.empty()) out += (out.empty() ? "" : "; ") + hint;
  return out;
}

std::string known_mistake_hint(std::string_view err) {
  if (const std::string name = unbound_name(err); !name.empty()) return unbound_hint(name);
  for (const Pattern& p : kPatterns)
    if (err.find(p.needle) != std::string_view::npos) return std::string(p.hint);
  return {};
}

std::string learner_paths(std::string_view text, std::string_view run_root, std::string_view sandbox_name,
                          std::string_view learner_file) {
  if (run_root.empty()) return std::string(text);
  std::string prefix(run_root);
  if (prefix.back() != '/') prefix += '/';
  prefix += "run-";
  const std::size_t slash = learner_file.rfind('/');
  const std::string_view learner_dir = slash == std::string_view::npos ? std::string_view() : learner_file.substr(0, slash + 1);
  std::string out;
  std::size_t i = 0;
  while (true) {
    const std::size_t at = text.find(prefix, i);
    if (at == std::string_view::npos) break;
    std::size_t end = at + prefix.size();
    while (end < text.size() && text[end] != '/' && text[end] != '"' && text[end] != '\'' && text[end] != '\n' &&
           text[end] != ' ')
      ++end;
    out.append(text.substr(i, at - i));
    if (end >= text.size() || text[end] != '/') {  // the run directory itself
      out.append(learner_dir.empty() ? std::string_view(".") : learner_dir.substr(0, learner_dir.size() - 1));
      i = end;
      continue;
    }
    ++end;  // past the '/'
    const std::string_view rest = text.substr(end);
    if (rest.starts_with(sandbox_name) &&
        (rest.size() == sandbox_name.size() || std::string_view("\"' \n:,)").find(rest[sandbox_name.size()]) != std::string_view::npos)) {
      out.append(learner_file);
      i = end + sandbox_name.size();
    } else {
      out.append(learner_dir);
      i = end;
    }
  }
  out.append(text.substr(i));
  return out;
}

}  // namespace exengine
