#include "runner/sandbox_root.h"

#include <sys/stat.h>
#include <unistd.h>

#include <system_error>

namespace exengine {

namespace fs = std::filesystem;

namespace {

bool is_under(const fs::path& path, const fs::path& dir) {
  auto p = path.begin();
  for (auto d = dir.begin(); d != dir.end(); ++d, ++p) {
    if (d->empty()) continue;  // a trailing separator
    if (p == path.end() || *p != *d) return false;
  }
  return true;
}

}  // namespace

const char* SandboxRoot::keep(std::string s) {
  strings_.push_back(std::move(s));
  return strings_.back().c_str();
}

const char* SandboxRoot::inside(const fs::path& path) { return keep("/newroot" + path.string()); }
const char* SandboxRoot::outside(const fs::path& path) { return keep("/oldroot" + path.string()); }

void SandboxRoot::add(std::int32_t kind, const char* target, const char* source, std::size_t length) {
  RootStep s;
  s.kind = kind;
  s.target = target;
  s.source = source;
  s.length = length;
  steps_.push_back(s);
}

bool SandboxRoot::under_bound(const fs::path& path) const {
  for (const auto& b : bound_)
    if (is_under(path, b)) return true;
  return false;
}

bool SandboxRoot::visible(const fs::path& path) const {
  return under_bound(path) || made_.count(path.lexically_normal()) > 0;
}

void SandboxRoot::dir(const fs::path& path) {
  fs::path p = "/";
  for (const auto& part : path.lexically_normal().relative_path()) {
    if (part.empty()) continue;
    p /= part;
    if (under_bound(p)) return;  // already there, read-only
    if (made_.insert(p).second) add(RootStep::dir, inside(p), nullptr);
  }
}

void SandboxRoot::tmpfs(const fs::path& path, const std::string& options) {
  dir(path);
  add(RootStep::tmpfs, inside(path), keep(options));
}

void SandboxRoot::file(const fs::path& path, std::string contents) {
  dir(path.parent_path());
  made_.insert(path);
  const char* text = keep(std::move(contents));
  add(RootStep::file, inside(path), text, strings_.back().size());
}

void SandboxRoot::symlink(const fs::path& path, const std::string& target) {
  dir(path.parent_path());
  if (!made_.insert(path).second) return;
  add(RootStep::symlink, inside(path), keep(target));
}

void SandboxRoot::bind(const fs::path& host) {
  if (host.empty() || !host.is_absolute()) return;
  bind_resolved(host.lexically_normal(), 0);
}

void SandboxRoot::bind_resolved(const fs::path& host, int depth) {
  if (depth > 16 || under_bound(host)) return;
  // Every symlink on the way becomes the same symlink inside; go on at its target.
  fs::path p = "/";
  for (auto it = host.begin(); it != host.end(); ++it) {
    if (it->empty() || *it == "/") continue;
    p /= *it;
    if (under_bound(p)) return;
    struct stat st {};
    if (::lstat(p.c_str(), &st) != 0) return;  // missing: nothing to bind
    if (S_ISLNK(st.st_mode)) {
      std::error_code ec;
      const fs::path text = fs::read_symlink(p, ec);
      if (ec) return;
      symlink(p, text.string());
      fs::path rest;
      for (auto r = std::next(it); r != host.end(); ++r) rest /= *r;
      const fs::path target = (text.is_absolute() ? text : p.parent_path() / text).lexically_normal();
      bind_resolved((target / rest).lexically_normal(), depth + 1);
      return;
    }
  }
  struct stat st {};
  if (::stat(host.c_str(), &st) != 0) return;
  if (S_ISDIR(st.st_mode)) {
    dir(host);
    bound_.push_back(host);
  } else {
    dir(host.parent_path());
    if (!made_.insert(host).second) return;
    add(RootStep::mountpoint, inside(host), nullptr);
  }
  add(RootStep::bind_ro, inside(host), outside(host));
}

void SandboxRoot::dev(const std::string& shm_options) {
  tmpfs("/dev", "size=64k,nr_inodes=64,mode=0755");
  for (const char* name : {"null", "zero", "full", "random", "urandom"}) {
    const fs::path p = fs::path("/dev") / name;
    made_.insert(p);
    add(RootStep::mountpoint, inside(p), nullptr);
    add(RootStep::bind_dev, inside(p), outside(p));
  }
  symlink("/dev/fd", "/proc/self/fd");
  symlink("/dev/stdin", "/proc/self/fd/0");
  symlink("/dev/stdout", "/proc/self/fd/1");
  symlink("/dev/stderr", "/proc/self/fd/2");
  tmpfs("/dev/shm", shm_options);
}

void SandboxRoot::proc() {
  dir("/proc");
  add(RootStep::proc, inside("/proc"), nullptr);
}

}  // namespace exengine
