#include "behaviour/probe_setup.h"

#include <sys/random.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <stdexcept>
#include <fstream>
#include <map>
#include <mutex>
#include <random>
#include <sstream>
#include <system_error>

#include <fmt/format.h>

#include "toolchain/compile_cache.h"
#include "core/sha256.h"

namespace exengine {
namespace fs = std::filesystem;

namespace {

bool is_file(const fs::path& p) {
  std::error_code ec;
  return !p.empty() && fs::is_regular_file(p, ec);
}

// Whether a process of another, unprivileged uid can read `file`: the file and its folder readable
// by others (Python lists the folders on its path), and, unless the run's root makes the folders
// above (tier A), every folder above searchable.
bool readable_by_others(const fs::path& file, bool ancestors) {
  struct stat st {};
  if (::stat(file.c_str(), &st) != 0 || !(st.st_mode & S_IROTH)) return false;
  const fs::path parent = file.parent_path();
  if (::stat(parent.c_str(), &st) != 0 || !(st.st_mode & S_IROTH) || !(st.st_mode & S_IXOTH)) return false;
  if (!ancestors) return true;
  for (fs::path dir = parent;; dir = dir.parent_path()) {
    if (::stat(dir.c_str(), &st) != 0 || !(st.st_mode & S_IXOTH)) return false;
    if (dir == dir.parent_path()) return true;
  }
}

// A copy of `file` in the compile cache (<cache>/probes/<hash>/<name>, stored like a compiled
// program: atomically, readable by everyone, shared by every engine process; the "probes" kind is
// outside the cache's eviction). Empty when it cannot be made or the runs still cannot read it.
fs::path cached_copy(const fs::path& file) {
  try {
    std::ifstream in(file, std::ios::binary);
    std::ostringstream bytes;
    bytes << in.rdbuf();
    if (!in) return {};
    const std::string text = std::move(bytes).str();
    CompileCache cache(CompileCache::default_dir());
    const std::string key = Sha256().update(text).hex().substr(0, 24);
    fs::path entry = cache.find("probes", key);
    if (entry.empty()) {
      const fs::path built = cache.temp_path(key);
      fs::create_directories(built);
      fs::create_directories(cache.dir() / "probes");
      if (!(std::ofstream(built / file.filename(), std::ios::binary) << text)) return {};
      entry = cache.insert("probes", key, built);
    }
    const fs::path copy = entry / file.filename();
    return readable_by_others(copy, true) ? copy : fs::path();
  } catch (const std::exception&) {
    return {};
  }
}

// The probe file the runs can read: `file` itself, or, for an engine running as root (runs switch
// to unprivileged uids) from a folder those uids cannot enter (a checkout in /root), a cached
// copy. Resolved once per file and process, not per run; empty when neither works.
fs::path probe_for_runs(const fs::path& file, bool tier_a) {
  static std::mutex mutex;
  static std::map<std::pair<fs::path, bool>, fs::path> resolved;
  std::lock_guard<std::mutex> hold(mutex);
  if (auto it = resolved.find({file, tier_a}); it != resolved.end()) return it->second;
  const fs::path usable = ::geteuid() != 0 || readable_by_others(file, !tier_a) ? file : cached_copy(file);
  resolved.emplace(std::make_pair(file, tier_a), usable);
  return usable;
}

}  // namespace

fs::path python_probe_file(const EnginePaths& paths) {
  std::vector<fs::path> candidates;
  if (!paths.build_root.empty())
    candidates.push_back(paths.build_root / "engine/probes/python/sitecustomize.pyc");
  if (!paths.data_dir.empty()) {
    candidates.push_back(paths.data_dir / "probes/python/sitecustomize.pyc");
    candidates.push_back(paths.data_dir / "engine/probes/python/sitecustomize.py");
  }
  for (const auto& c : candidates)
    if (is_file(c)) return fs::weakly_canonical(fs::absolute(c));
  return {};
}

fs::path native_probe_library(const EnginePaths& paths) {
  std::vector<fs::path> candidates;
  if (!paths.build_root.empty())
    candidates.push_back(paths.build_root / "engine/probes/libexengine_probe.so");
  if (!paths.data_dir.empty())
    candidates.push_back(paths.data_dir / "../../lib/exengine/libexengine_probe.so");
  for (const auto& c : candidates)
    if (is_file(c)) return fs::weakly_canonical(fs::absolute(c));
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
  // Python: sitecustomize, its folder on PYTHONPATH; native: the library, in LD_PRELOAD.
  const fs::path found = python ? python_probe_file(paths) : native_probe_library(paths);
  if (found.empty()) {
    plan.missing = fmt::format("probe unavailable: {} not found under {}",
                               python ? "sitecustomize.py" : "libexengine_probe.so",
                               (paths.build_root.empty() ? paths.data_dir : paths.build_root).string());
    return plan;
  }
  const fs::path usable = probe_for_runs(found, options.tier == "A");
  if (usable.empty()) {
    plan.missing = fmt::format("probe unavailable: {} cannot be read by the runs' unprivileged users, nor "
                               "copied for them into {}", found.string(), CompileCache::default_dir().string());
    return plan;
  }
  plan.env.emplace_back(python ? "PYTHONPATH" : "LD_PRELOAD", (python ? usable.parent_path() : usable).string());
  plan.readable.push_back(python ? usable.parent_path() : usable);
  if (probe) {
    plan.token = new_probe_token();
    plan.env.emplace_back("EXENGINE_PROBE", std::to_string(kProbeRecordFd));
    plan.env.emplace_back("EXENGINE_PROBE_TOKEN", std::to_string(kProbeTokenFd));
    plan.channels.push_back({kProbeRecordFd, /*from_run=*/true, {}});
    plan.channels.push_back({kProbeTokenFd, /*from_run=*/false, plan.token});
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

std::string new_probe_token() {
  unsigned char bytes[16];
  std::size_t got = 0;
  while (got < sizeof bytes) {
    const ssize_t n = ::getrandom(bytes + got, sizeof bytes - got, 0);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) throw std::runtime_error(fmt::format("getrandom: {}", std::strerror(errno)));
    got += static_cast<std::size_t>(n);
  }
  std::string hex;
  for (unsigned char b : bytes) hex += fmt::format("{:02x}", b);
  return hex;
}

std::uint64_t new_stress_seed() {
  std::random_device rd;
  std::uint64_t seed = 0;
  while (seed == 0) seed = (std::uint64_t(rd()) << 32) ^ rd();
  return seed;
}

}  // namespace exengine
