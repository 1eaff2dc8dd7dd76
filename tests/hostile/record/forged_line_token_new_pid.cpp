// A program with no thread scans the probe library's writable memory for the run's token (it
// shares the address space) and writes a start and an exit line for a process that never existed.
// expect: wrong-output
// message: the behaviour record was damaged (a line from pid 3, which the run never had)
// tier: A
#include <link.h>
#include <unistd.h>
#include <cstdio>
#include <cstring>
#include <string>

static std::string token;

static int scan(dl_phdr_info* info, size_t, void*) {
  if (!std::strstr(info->dlpi_name, "exengine_probe")) return 0;
  for (int i = 0; i < info->dlpi_phnum; i++) {
    const ElfW(Phdr)& ph = info->dlpi_phdr[i];
    if (ph.p_type != PT_LOAD || !(ph.p_flags & PF_W)) continue;
    const char* p = reinterpret_cast<const char*>(info->dlpi_addr + ph.p_vaddr);
    for (size_t at = 0; at + 33 <= ph.p_memsz; at++) {
      size_t n = 0;
      while (n < 32 && std::strchr("0123456789abcdef", p[at + n]) && p[at + n]) n++;
      if (n == 32 && p[at + 32] == 0) {
        token.assign(p + at, 32);
        return 1;
      }
    }
  }
  return 0;
}

int main() {
  dl_iterate_phdr(scan, nullptr);
  if (token.empty()) return 3;
  const int pid = getpid() + 1;
  std::string a = "{\"v\":1,\"token\":\"" + token + "\",\"pid\":" + std::to_string(pid) +
                  ",\"seq\":0,\"kind\":\"start\",\"probe\":\"native\",\"ppid\":2,\"exe\":\"x\"}\n";
  std::string b = "{\"v\":1,\"token\":\"" + token + "\",\"pid\":" + std::to_string(pid) +
                  ",\"seq\":1,\"kind\":\"exit\",\"probe\":\"native\",\"exit\":\"exit\",\"partial\":false,"
                  "\"threads_started\":3,\"threads_joined\":3,\"max_concurrent_threads\":3}\n";
  if (write(1021, a.data(), a.size()) < 0 || write(1021, b.data(), b.size()) < 0) return 4;
  for (int i = 0; i < 3; i++) std::printf("Task %d running\n", i);
}
