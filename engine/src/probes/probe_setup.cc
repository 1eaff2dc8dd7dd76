#include "probes/probe_setup.h"

#include <sys/stat.h>
#include <unistd.h>

#include <cstdlib>
#include <fstream>
#include <map>
#include <mutex>
#include <random>
#include <sstream>
#include <system_error>

#include <fmt/format.h>

#include "toolchain/compile_cache.h"
#include "toolchain/sha256.h"

namespace exengine {
namespace fs = std::filesystem;

namespace {

bool is_file(const fs::path& p) {
  std::error_code ec;
  return !p.empty() && fs::is_regular_file(p, ec);
}

// Whether a process of another, unprivileged uid can read `file`: the file and its folder readable
// by others (Python lists the folders on its path), every folder above searchable.
bool readable_by_others(const fs::path& file) {
  struct stat st {};
  if (::stat(file.c_str(), &st) != 0 || !(st.st_mode & S_IROTH)) return false;
  const fs::path parent = file.parent_path();
  if (::stat(parent.c_str(), &st) != 0 || !(st.st_mode & S_IROTH)) return false;
  for (fs::path dir = parent;; dir = dir.parent_path()) {
    if (::stat(dir.c_str(), &st) != 0 || !(st.st_mode & S_IXOTH)) return false;
    if (dir == dir.parent_path()) return true;
  }
}

// A copy of `file` that the runs' unprivileged users can read, for an engine running as root
// from a folder they cannot enter (a checkout in /root): <compile cache>/probes/<hash>/<name>,
// made once, atomically, and shared by every engine process. Empty when it cannot be made.
fs::path readable_copy(const fs::path& file) {
  static std::mutex mutex;
  static std::map<fs::path, fs::path> copies;
  std::lock_guard<std::mutex> hold(mutex);
  if (auto it = copies.find(file); it != copies.end()) return it->second;
  std::ifstream in(file, std::ios::binary);
  std::ostringstream bytes;
  bytes << in.rdbuf();
  if (!in) return {};
  const std::string text = std::move(bytes).str();
  const fs::path dir = CompileCache::default_dir() / "probes" / Sha256().update(text).hex().substr(0, 24);
  const fs::path copy = dir / file.filename();
  std::error_code ec;
  if (!fs::is_regular_file(copy, ec)) {
    fs::create_directories(dir, ec);
    for (fs::path d = dir; d != CompileCache::default_dir().parent_path() && !d.empty(); d = d.parent_path())
      ::chmod(d.c_str(), 0755);
    const fs::path tmp = dir / fmt::format(".{}.{}", file.filename().string(), ::getpid());
    {
      std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
      out << text;
      if (!out.flush()) return {};
    }
    ::chmod(tmp.c_str(), 0644);
    fs::rename(tmp, copy, ec);
    if (ec) return {};
  }
  if (!readable_by_others(copy)) return {};
  copies.emplace(file, copy);
  return copy;
}

}  // namespace

fs::path python_probe_dir(const EnginePaths& paths) {
  std::vector<fs::path> candidates;
  if (!paths.build_root.empty())
    candidates.push_back(paths.build_root / "engine/probes/python/sitecustomize.pyc");
  if (!paths.data_dir.empty()) {
    candidates.push_back(paths.data_dir / "probes/python/sitecustomize.pyc");
    candidates.push_back(paths.data_dir / "engine/probes/python/sitecustomize.py");
  }
  for (const auto& c : candidates)
    if (is_file(c)) return fs::absolute(c).lexically_normal().parent_path();
  return {};
}

fs::path native_probe_library(const EnginePaths& paths) {
  std::vector<fs::path> candidates;
  if (!paths.build_root.empty())
    candidates.push_back(paths.build_root / "engine/probes/libexengine_probe.so");
  if (!paths.data_dir.empty())
    candidates.push_back(paths.data_dir / "../../lib/exengine/libexengine_probe.so");
  for (const auto& c : candidates)
    if (is_file(c)) return fs::absolute(c).lexically_normal();
  return {};
}

ProbePlan probe_setup(const ProbeOptions& options, const EnginePaths& paths) {
  ProbePlan plan;
  const bool python = options.language == "python";
  const bool native = options.language == "cpp";
  if (!python && !native) return plan;
  // EXENGINE_NO_PROBE=1 (hidden; bench/bench.py measures the probe's cost with it): no record.
  const char* no_probe = std::getenv("EXENGINE_NO_PROBE");
  const bool probe = options.probe && !(no_probe && *no_probe && *no_probe != '0');
  if (!probe && !options.stress_seed) return plan;
  // Python: the folder holding sitecustomize, on PYTHONPATH; native: the library, in LD_PRELOAD.
  fs::path found = python ? python_probe_dir(paths) : native_probe_library(paths);
  if (found.empty()) {
    plan.missing = fmt::format("probe unavailable: {} not found under {}",
                               python ? "sitecustomize.py" : "libexengine_probe.so",
                               (paths.build_root.empty() ? paths.data_dir : paths.build_root).string());
    return plan;
  }
  if (options.tier == "A" && in_private_run_folder(found)) {
    plan.missing = fmt::format("probe unavailable: {} is under /tmp, which tier A runs do not see (each gets "
                               "a private /tmp): build or install the engine elsewhere", found.string());
    return plan;
  }
  if (::geteuid() == 0) {
    // Runs switch to an unprivileged uid, which must be able to read the probe.
    fs::path file = found;
    if (python) file = is_file(found / "sitecustomize.pyc") ? found / "sitecustomize.pyc" : found / "sitecustomize.py";
    if (!readable_by_others(file)) {
      const fs::path copy = readable_copy(file);
      if (copy.empty()) {
        plan.missing = fmt::format("probe unavailable: {} cannot be read by the runs' unprivileged users, nor "
                                   "copied for them into {}", file.string(), CompileCache::default_dir().string());
        return plan;
      }
      found = python ? copy.parent_path() : copy;
    }
  }
  plan.env.emplace_back(python ? "PYTHONPATH" : "LD_PRELOAD", found.string());
  if (probe) {
    plan.env.emplace_back("EXENGINE_PROBE", kProbeRecordName);
    plan.collect = kProbeRecordName;
  }
  if (!options.program.empty()) {
    std::error_code ec;
    fs::path canonical = fs::weakly_canonical(options.program, ec);
    plan.program = ec ? options.program : canonical.string();
  }
  if (options.stress_seed) {
    plan.env.emplace_back("EXENGINE_STRESS", std::to_string(*options.stress_seed));
    plan.seed = options.stress_seed;
  }
  return plan;
}

std::uint64_t new_stress_seed() {
  std::random_device rd;
  std::uint64_t seed = 0;
  while (seed == 0) seed = (std::uint64_t(rd()) << 32) ^ rd();
  return seed;
}

}  // namespace exengine
