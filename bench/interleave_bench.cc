// Judge time and memory of the interleave grader on outputs up to the 1 MiB output cap (issue 15,
// Must 5). One case per process, so that the peak RSS (getrusage) is that case's alone:
//
//     interleave_bench CASE     prints: CASE <verdict> <wall ms> <cpu ms> <RSS before judging, KiB>
//                               <peak RSS, KiB> <message, cut>
//     interleave_bench list     the case names
//
// See bench/README.md ("Interleave grader").
#include <sys/resource.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <functional>
#include <map>
#include <random>
#include <string>
#include <vector>

#include "graders/builtin_graders.h"

using namespace exengine;

namespace {

Value str(std::string s) { return Value(Value::Storage(std::move(s))); }
Value arr(Array a) { return Value(Value::Storage(std::move(a))); }

struct Case {
  Options options;
  std::string output;
};

class NoHost : public GraderHost {
 public:
  std::unique_ptr<Grader> make(std::string_view, const Options&) const override { return nullptr; }
};

std::string repeat(const std::string& s, std::size_t n) {
  std::string out;
  out.reserve(s.size() * n);
  for (std::size_t i = 0; i < n; ++i) out += s;
  return out;
}

Options lines_options(const std::vector<std::string>& lines) {
  Array a;
  for (const auto& l : lines) a.push_back(str(l));
  return Options(Value(Value::Storage(Table{{"lines", arr(std::move(a))}})));
}

// `workers` workers, each printing `lines` lines "w<k> line <i>" (distinct) or "tick" (shared).
Options workers_options(std::size_t workers, std::size_t lines, bool shared) {
  Array ws;
  for (std::size_t w = 0; w < workers; ++w) {
    Array ls;
    for (std::size_t i = 0; i < lines; ++i)
      ls.push_back(str(shared ? std::string("tick") : "w" + std::to_string(w) + " line " + std::to_string(i)));
    ws.push_back(arr(std::move(ls)));
  }
  return Options(Value(Value::Storage(Table{{"workers", arr(std::move(ws))}})));
}

// A legal torn shuffle of those workers: each line is two writes, text and "\n".
// With `swap`, worker 3 prints its lines 100 and 7000 the other way round (illegal).
std::string shuffle(std::size_t workers, std::size_t lines, bool shared, unsigned seed, bool swap = false) {
  std::mt19937 rng(seed);
  std::vector<std::size_t> next(workers, 0);
  std::string out;
  std::vector<std::size_t> open;
  for (;;) {
    open.clear();
    for (std::size_t w = 0; w < workers; ++w)
      if (next[w] < 2 * lines) open.push_back(w);
    if (open.empty()) return out;
    std::size_t w = open[rng() % open.size()];
    std::size_t i = next[w]++;
    std::size_t line = i / 2;
    if (swap && w == 3 && (line == 100 || line == 7000)) line = 7100 - line;
    out += i % 2 ? std::string("\n") : shared ? std::string("tick") : "w" + std::to_string(w) + " line " + std::to_string(line);
  }
}

const std::size_t kCap = 1 << 20;

std::map<std::string, std::function<Case()>> cases() {
  const std::vector<std::string> squares{"1", "4", "9", "16", "25"};
  const std::vector<std::string> tasks{"Task 0", "Task 1", "Task 2"};
  return {
      // The case: a runaway print loop on threads/squares, '1\n' x 524k.
      {"squares-1MiB-ones", [=] { return Case{lines_options(squares), repeat("1\n", kCap / 2)}; }},
      {"squares-1MiB-one-line", [=] { return Case{lines_options(squares), repeat("1", kCap)}; }},
      {"squares-1MiB-random-digits",
       [=] {
         std::mt19937 rng(1);
         std::string out;
         while (out.size() < kCap) out += std::to_string(rng() % 30) + (rng() % 3 ? "\n" : "");
         return Case{lines_options(squares), out};
       }},
      {"tasks-1MiB-torn", [=] { return Case{lines_options(tasks), repeat("TaskTask  01\n\n", kCap / 14)}; }},
      // Legal outputs of 1 MiB: the spec is as large as the output.
      {"10x8000-distinct-legal-1MiB",
       [] { return Case{workers_options(10, 8000, false), shuffle(10, 8000, false, 7)}; }},
      {"8x26000-ticks-legal-1MiB", [] { return Case{workers_options(8, 26000, true), shuffle(8, 26000, true, 8)}; }},
      {"10x8000-distinct-swapped-1MiB",
       [] { return Case{workers_options(10, 8000, false), shuffle(10, 8000, false, 9, true)}; }},
  };
}

}  // namespace

int main(int argc, char** argv) {
  auto all = cases();
  if (argc != 2 || !std::strcmp(argv[1], "list")) {
    for (const auto& [name, make] : all) std::printf("%s\n", name.c_str());
    return argc == 2 ? 0 : 2;
  }
  auto it = all.find(argv[1]);
  if (it == all.end()) {
    std::fprintf(stderr, "interleave_bench: unknown case '%s' (try 'list')\n", argv[1]);
    return 2;
  }
  Case c = it->second();
  NoHost host;
  auto grader = make_interleave_grader(c.options, host);
  GradeInput input;
  input.output = c.output;
  auto cpu_ms = [] {
    rusage u{};
    getrusage(RUSAGE_SELF, &u);
    return (u.ru_utime.tv_sec + u.ru_stime.tv_sec) * 1e3 + (u.ru_utime.tv_usec + u.ru_stime.tv_usec) / 1e3;
  };
  auto rss_kb = [] {
    long kb = 0;
    if (FILE* f = std::fopen("/proc/self/status", "r")) {
      char line[256];
      while (std::fgets(line, sizeof line, f))
        if (!std::strncmp(line, "VmRSS:", 6)) kb = std::atol(line + 6);
      std::fclose(f);
    }
    return kb;
  };
  long rss_before = rss_kb();  // the spec, the grader and the output, before judging
  double cpu_start = cpu_ms();
  auto start = std::chrono::steady_clock::now();
  GradeOutcome outcome = grader->grade(input);
  double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
  double cpu = cpu_ms() - cpu_start;
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  std::string message = outcome.message.substr(0, 100);
  std::printf("%s %s %.1f %.1f %ld %ld %s\n", argv[1], std::string(to_string(outcome.verdict)).c_str(), ms, cpu,
              rss_before, usage.ru_maxrss, message.c_str());
  return 0;
}
