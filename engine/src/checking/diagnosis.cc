#include "checking/diagnosis.h"

#include <array>

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

}  // namespace

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
