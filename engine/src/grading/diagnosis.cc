#include "grading/diagnosis.h"

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
};

}  // namespace

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
  for (const Pattern& p : kPatterns) {
    if (err.find(p.needle) != std::string_view::npos) {
      out += out.empty() ? "" : "; ";
      out += p.hint;
      break;
    }
  }
  return out;
}

}  // namespace exengine
