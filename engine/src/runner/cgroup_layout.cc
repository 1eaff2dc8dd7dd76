#include "runner/cgroup_layout.h"

#include <fstream>
#include <iterator>
#include <sstream>
#include <vector>

namespace exengine {

namespace {

std::vector<std::string> split(const std::string& s, char sep) {
  std::vector<std::string> out;
  std::string cur;
  for (char c : s) {
    if (c == sep) {
      out.push_back(cur);
      cur.clear();
    } else {
      cur += c;
    }
  }
  out.push_back(cur);
  return out;
}

// mountinfo escapes spaces, tabs, newlines and backslashes in paths as \ooo.
std::string unescape(const std::string& s) {
  std::string out;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '\\' && i + 3 < s.size()) {
      const std::string oct = s.substr(i + 1, 3);
      if (oct.size() == 3 && oct.find_first_not_of("01234567") == std::string::npos) {
        out += static_cast<char>(std::stoi(oct, nullptr, 8));
        i += 3;
        continue;
      }
    }
    out += s[i];
  }
  return out;
}

}  // namespace

CgroupLayout CgroupLayout::parse(const std::string& mountinfo) {
  CgroupLayout l;
  bool any_v1 = false;
  std::istringstream in(mountinfo);
  std::string line;
  while (std::getline(in, line)) {
    // id parent major:minor root mount-point options [optional fields...] - fstype source super-options
    const auto dash = line.find(" - ");
    if (dash == std::string::npos) continue;
    std::istringstream left(line.substr(0, dash));
    std::string id, parent, dev, root, mount_point;
    if (!(left >> id >> parent >> dev >> root >> mount_point)) continue;
    std::istringstream right(line.substr(dash + 3));
    std::string fstype, source, super_options;
    if (!(right >> fstype >> source >> super_options)) continue;
    mount_point = unescape(mount_point);
    if (fstype == "cgroup2") {
      if (l.unified.empty()) l.unified = mount_point;
    } else if (fstype == "cgroup") {
      any_v1 = true;
      for (const auto& opt : split(super_options, ',')) {
        if (opt == "pids" && l.v1_pids.empty()) l.v1_pids = mount_point;
        if (opt == "memory" && l.v1_memory.empty()) l.v1_memory = mount_point;
      }
    }
  }
  if (any_v1) {
    l.kind = l.unified.empty() ? Kind::v1_only : Kind::hybrid;
  } else if (!l.unified.empty()) {
    l.kind = Kind::pure_v2;
  }
  return l;
}

CgroupLayout CgroupLayout::host() {
  std::ifstream in("/proc/self/mountinfo");
  return parse(std::string(std::istreambuf_iterator<char>(in), {}));
}

const char* CgroupLayout::name(Kind k) {
  switch (k) {
    case Kind::pure_v2: return "pure v2";
    case Kind::hybrid: return "hybrid";
    case Kind::v1_only: return "v1 only";
    default: return "none";
  }
}

}  // namespace exengine
