#include "core/isolation.h"

#include <algorithm>

#include <fmt/format.h>
#include <fmt/ranges.h>

namespace exengine {

namespace {

bool has(const std::vector<std::string>& list, const char* name) {
  return std::find(list.begin(), list.end(), name) != list.end();
}

}  // namespace

bool Isolation::full() const { return shortfall().empty(); }

std::string Isolation::shortfall() const {
  std::vector<std::string> missing;
  if (!recorded()) return "not recorded";
  std::vector<std::string> ns;
  for (const char* n : {"mount", "pid", "net"})
    if (!has(namespaces, n)) ns.push_back(n);
  if (ns.size() == 3) missing.push_back("no namespaces");
  else if (!ns.empty()) missing.push_back(fmt::format("no {} namespace", fmt::join(ns, ", ")));
  std::vector<std::string> limits;
  for (const char* c : {"memory", "pids"})
    if (!has(controllers, c)) limits.push_back(c);
  if (!limits.empty())
    missing.push_back(fmt::format("no cgroup {} limit{} (rlimits only)", fmt::join(limits, " and "),
                                  limits.size() > 1 ? "s" : ""));
  return fmt::format("{}", fmt::join(missing, "; "));
}

std::string Isolation::describe() const {
  if (!recorded()) return "unknown";
  std::vector<std::string> parts;
  parts.push_back(namespaces.empty() ? "no namespaces" : fmt::format("namespaces {}", fmt::join(namespaces, ", ")));
  parts.push_back(cgroup.empty() ? "no cgroup"
                                 : fmt::format("cgroup {} ({})", cgroup,
                                               controllers.empty() ? std::string("none")
                                                                   : fmt::format("{}", fmt::join(controllers, ", "))));
  parts.push_back(rlimits.empty() ? "no rlimits" : fmt::format("rlimits {}", fmt::join(rlimits, ", ")));
  return fmt::format("{}", fmt::join(parts, "; "));
}

}  // namespace exengine
