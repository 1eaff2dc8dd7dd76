#include "checking/replay_cheat.h"

#include <algorithm>

#include <fmt/format.h>

namespace exengine {

namespace {

bool printable(unsigned char c) { return c >= 0x20 && c < 0x7f; }

constexpr std::size_t kLiteralWidth = 64;  // source bytes per literal before starting a new one

std::string seconds(double ms) { return fmt::format("{:.6f}", std::max(0.0, ms) / 1000.0); }

std::string python_chunks(const std::vector<ReplayChunk>& chunks) {
  std::string s = "CHUNKS = [\n";
  for (const ReplayChunk& c : chunks) s += fmt::format("    ({}, {}),\n", seconds(c.ms), python_bytes_literal(c.bytes));
  return s + "]\n";
}

std::string python_source(const std::vector<ReplayChunk>& chunks) {
  std::string s =
      "# A replay cheat (exengine selftest): prints a reference run's output at the same times,\n"
      "# without threads, processes, pools, locks or queues. It must fail the exercise's requirements.\n"
      "import sys\n"
      "import time\n"
      "\n";
  s += python_chunks(chunks) +
       "\n"
       "start = time.monotonic()\n"
       "out = sys.stdout.buffer\n"
       "for at, data in CHUNKS:\n"
       "    wait = start + at - time.monotonic()\n"
       "    if wait > 0:\n"
       "        time.sleep(wait)\n"
       "    out.write(data)\n"
       "    out.flush()\n";
  return s;
}

std::string cpp_source(const std::vector<ReplayChunk>& chunks) {
  std::string s =
      "// A replay cheat (exengine selftest): prints a reference run's output at the same times,\n"
      "// without threads, processes, pools, locks or queues. It must fail the exercise's requirements.\n"
      "#include <cerrno>\n"
      "#include <cstdio>\n"
      "#include <ctime>\n"
      "\n"
      "#include <unistd.h>\n"
      "\n"
      "namespace {\n"
      "\n"
      "struct Chunk {\n"
      "  long long at_ns;\n"
      "  const char* data;\n"
      "  unsigned long size;\n"
      "};\n"
      "\n"
      "const Chunk kChunks[] = {\n";
  for (const ReplayChunk& c : chunks) {
    const long long ns = static_cast<long long>(std::max(0.0, c.ms) * 1e6);
    s += fmt::format("    {{{}LL, {}, {}UL}},\n", ns, cpp_string_literal(c.bytes), c.bytes.size());
  }
  if (chunks.empty()) s += "    {0LL, \"\", 0UL},\n";
  s += "};\n"
       "\n"
       "long long now_ns() {\n"
       "  timespec t{};\n"
       "  clock_gettime(CLOCK_MONOTONIC, &t);\n"
       "  return t.tv_sec * 1000000000LL + t.tv_nsec;\n"
       "}\n"
       "\n"
       "}  // namespace\n"
       "\n"
       "int main() {\n"
       "  const long long start = now_ns();\n"
       "  for (const Chunk& c : kChunks) {\n"
       "    for (long long wait = start + c.at_ns - now_ns(); wait > 0; wait = start + c.at_ns - now_ns()) {\n"
       "      timespec t{};\n"
       "      t.tv_sec = wait / 1000000000LL;\n"
       "      t.tv_nsec = wait % 1000000000LL;\n"
       "      if (nanosleep(&t, nullptr) != 0 && errno != EINTR) break;\n"
       "    }\n"
       "    std::fwrite(c.data, 1, c.size, stdout);\n"
       "    std::fflush(stdout);\n"
       "  }\n"
       "  return 0;\n"
       "}\n";
  return s;
}

// Python: emit(start, at, data) writes data at `at` seconds after `start` (time.monotonic, which
// child processes share).
constexpr const char* kPythonEmit =
    "def emit(start, at, data):\n"
    "    wait = start + at - time.monotonic()\n"
    "    if wait > 0:\n"
    "        time.sleep(wait)\n"
    "    sys.stdout.buffer.write(data)\n"
    "    sys.stdout.buffer.flush()\n"
    "\n"
    "\n"
    "def nothing():\n"
    "    pass\n";

std::string python_construct(ConstructCheat kind, const std::vector<ReplayChunk>& chunks, int workers) {
  std::string s = fmt::format(
      "# A construct cheat (exengine selftest, {}): prints a reference run's output at the same times\n"
      "# through the construct, in a way that defeats its point. It must fail with the teaching message.\n"
      "import multiprocessing\n"
      "import sys\n"
      "import threading\n"
      "import time\n"
      "\n",
      to_string(kind));
  s += python_chunks(chunks) + "WORKERS = " + std::to_string(workers) + "\n\n\n" + kPythonEmit + "\n\n";
  switch (kind) {
    case ConstructCheat::start_join_threads:
      s += "if __name__ == \"__main__\":\n"
           "    start = time.monotonic()\n"
           "    for at, data in CHUNKS + [(0, b'')] * max(0, WORKERS - len(CHUNKS)):\n"
           "        t = threading.Thread(target=emit, args=(start, at, data))\n"
           "        t.start()\n"
           "        t.join()\n";
      break;
    case ConstructCheat::start_join_processes:
      s += "if __name__ == \"__main__\":\n"
           "    start = time.monotonic()\n"
           "    for at, data in CHUNKS + [(0, b'')] * max(0, WORKERS - len(CHUNKS)):\n"
           "        p = multiprocessing.Process(target=emit, args=(start, at, data))\n"
           "        p.start()\n"
           "        p.join()\n";
      break;
    case ConstructCheat::idle_thread:
      s += "def replay():\n"
           "    start = time.monotonic()\n"
           "    for at, data in CHUNKS:\n"
           "        emit(start, at, data)\n"
           "\n"
           "\n"
           "if __name__ == \"__main__\":\n"
           "    threads = [threading.Thread(target=replay())]\n"
           "    threads += [threading.Thread() for _ in range(WORKERS - 1)]\n"
           "    for t in threads:\n"
           "        t.start()\n"
           "    for t in threads:\n"
           "        t.join()\n";
      break;
    case ConstructCheat::unused_pool:
      s += "if __name__ == \"__main__\":\n"
           "    with multiprocessing.Pool(2) as pool:\n"
           "        start = time.monotonic()\n"
           "        for at, data in CHUNKS:\n"
           "            emit(start, at, data)\n";
      break;
    case ConstructCheat::unused_lock:
      s += "if __name__ == \"__main__\":\n"
           "    lock = threading.Lock()\n"
           "    threads = [threading.Thread(target=nothing) for _ in range(WORKERS)]\n"
           "    for t in threads:\n"
           "        t.start()\n"
           "    for t in threads:\n"
           "        t.join()\n"
           "    start = time.monotonic()\n"
           "    for at, data in CHUNKS:\n"
           "        emit(start, at, data)\n";
      break;
    case ConstructCheat::parent_queue:
      s += "if __name__ == \"__main__\":\n"
           "    q = multiprocessing.Queue()\n"
           "    children = [multiprocessing.Process(target=nothing) for _ in range(WORKERS)]\n"
           "    for p in children:\n"
           "        p.start()\n"
           "    start = time.monotonic()\n"
           "    for at, data in CHUNKS:\n"
           "        q.put(data)\n"
           "        emit(start, at, q.get())\n"
           "    for p in children:\n"
           "        p.join()\n";
      break;
  }
  return s;
}

std::string cpp_construct(ConstructCheat kind, const std::vector<ReplayChunk>& chunks, int workers) {
  std::string s = fmt::format(
      "// A construct cheat (exengine selftest, {}): prints a reference run's output at the same times\n"
      "// through the construct, in a way that defeats its point. It must fail with the teaching message.\n"
      "#include <sys/wait.h>\n"
      "#include <unistd.h>\n"
      "\n"
      "#include <cerrno>\n"
      "#include <ctime>\n"
      "#include <mutex>\n"
      "#include <thread>\n"
      "#include <vector>\n"
      "\n"
      "namespace {{\n"
      "\n"
      "struct Chunk {{\n"
      "  long long at_ns;\n"
      "  const char* data;\n"
      "  unsigned long size;\n"
      "}};\n"
      "\n"
      "const Chunk kChunks[] = {{\n",
      to_string(kind));
  for (const ReplayChunk& c : chunks) {
    const long long ns = static_cast<long long>(std::max(0.0, c.ms) * 1e6);
    s += fmt::format("    {{{}LL, {}, {}UL}},\n", ns, cpp_string_literal(c.bytes), c.bytes.size());
  }
  if (chunks.empty()) s += "    {0LL, \"\", 0UL},\n";
  s += "};\n"
       "const int kChunkCount = sizeof kChunks / sizeof kChunks[0];\n"
       "const int kWorkers = " + std::to_string(workers) + ";\n"
       "\n"
       "long long now_ns() {\n"
       "  timespec t{};\n"
       "  clock_gettime(CLOCK_MONOTONIC, &t);\n"
       "  return t.tv_sec * 1000000000LL + t.tv_nsec;\n"
       "}\n"
       "\n"
       "void put_all(int fd, const char* data, unsigned long size) {\n"
       "  while (size > 0) {\n"
       "    ssize_t n = write(fd, data, size);\n"
       "    if (n <= 0) return;\n"
       "    data += n;\n"
       "    size -= static_cast<unsigned long>(n);\n"
       "  }\n"
       "}\n"
       "\n"
       "void emit(long long start, const Chunk& c) {\n"
       "  for (long long wait = start + c.at_ns - now_ns(); wait > 0; wait = start + c.at_ns - now_ns()) {\n"
       "    timespec t{};\n"
       "    t.tv_sec = wait / 1000000000LL;\n"
       "    t.tv_nsec = wait % 1000000000LL;\n"
       "    if (nanosleep(&t, nullptr) != 0 && errno != EINTR) break;\n"
       "  }\n"
       "  put_all(1, c.data, c.size);\n"
       "}\n"
       "\n"
       "const Chunk kNothing = {0LL, \"\", 0UL};\n"
       "\n"
       "}  // namespace\n"
       "\n"
       "int main() {\n"
       "  const long long start = now_ns();\n";
  switch (kind) {
    case ConstructCheat::start_join_threads:
      s += "  for (int i = 0; i < kChunkCount || i < kWorkers; ++i) {\n"
           "    std::thread t(emit, start, i < kChunkCount ? kChunks[i] : kNothing);\n"
           "    t.join();\n"
           "  }\n";
      break;
    case ConstructCheat::start_join_processes:
      s += "  for (int i = 0; i < kChunkCount || i < kWorkers; ++i) {\n"
           "    pid_t pid = fork();\n"
           "    if (pid == 0) {\n"
           "      emit(start, i < kChunkCount ? kChunks[i] : kNothing);\n"
           "      _exit(0);\n"
           "    }\n"
           "    waitpid(pid, nullptr, 0);\n"
           "  }\n";
      break;
    case ConstructCheat::idle_thread:
      return {};
    case ConstructCheat::unused_pool:
      s += "  std::vector<pid_t> workers;\n"
           "  for (int i = 0; i < 2; ++i) {\n"
           "    pid_t pid = fork();\n"
           "    if (pid == 0) _exit(0);  // a worker that is never sent anything\n"
           "    workers.push_back(pid);\n"
           "  }\n"
           "  for (const Chunk& c : kChunks) emit(start, c);\n"
           "  for (pid_t pid : workers) waitpid(pid, nullptr, 0);\n";
      break;
    case ConstructCheat::unused_lock:
      s += "  std::mutex lock;  // never locked\n"
           "  (void)lock;\n"
           "  std::vector<std::thread> threads;\n"
           "  for (int i = 0; i < kWorkers; ++i) threads.emplace_back([] {});\n"
           "  for (auto& t : threads) t.join();\n"
           "  for (const Chunk& c : kChunks) emit(start, c);\n";
      break;
    case ConstructCheat::parent_queue:
      s += "  int channel[2];\n"
           "  if (pipe(channel) != 0) return 1;\n"
           "  std::vector<pid_t> children;\n"
           "  for (int i = 0; i < kWorkers; ++i) {\n"
           "    pid_t pid = fork();\n"
           "    if (pid == 0) _exit(0);  // a child that does nothing\n"
           "    children.push_back(pid);\n"
           "  }\n"
           "  static char back[4096];\n"
           "  for (const Chunk& c : kChunks) {\n"
           "    for (unsigned long done = 0; done < c.size;) {  // through the pipe and back, a piece at a time\n"
           "      unsigned long piece = c.size - done < sizeof back ? c.size - done : sizeof back;\n"
           "      put_all(channel[1], c.data + done, piece);\n"
           "      unsigned long got = 0;\n"
           "      while (got < piece) {\n"
           "        ssize_t n = read(channel[0], back + got, piece - got);\n"
           "        if (n <= 0) return 1;\n"
           "        got += static_cast<unsigned long>(n);\n"
           "      }\n"
           "      Chunk echoed = {c.at_ns, back, piece};\n"
           "      emit(start, echoed);\n"
           "      done += piece;\n"
           "    }\n"
           "  }\n"
           "  for (pid_t pid : children) waitpid(pid, nullptr, 0);\n";
      break;
  }
  s += "  return 0;\n"
       "}\n";
  return s;
}

}  // namespace

std::string_view to_string(ConstructCheat kind) {
  switch (kind) {
    case ConstructCheat::start_join_threads: return "start-join-threads";
    case ConstructCheat::start_join_processes: return "start-join-processes";
    case ConstructCheat::idle_thread: return "idle-thread";
    case ConstructCheat::unused_pool: return "unused-pool";
    case ConstructCheat::parent_queue: return "parent-queue";
    case ConstructCheat::unused_lock: return "unused-lock";
  }
  return "?";
}

std::string construct_cheat_source(std::string_view language, ConstructCheat kind,
                                   const std::vector<ReplayChunk>& chunks, int workers) {
  if (language == "python") return python_construct(kind, chunks, workers);
  if (language == "cpp") return cpp_construct(kind, chunks, workers);
  return {};
}

std::vector<ReplayChunk> replay_chunks(std::string_view output, const std::vector<OutputChunk>& timeline,
                                       double end_ms) {
  std::vector<ReplayChunk> chunks;
  std::size_t covered = 0;  // bytes of output already in a chunk
  double last_ms = 0;
  for (std::size_t i = 0; i < timeline.size(); ++i) {
    const std::size_t from = std::max(timeline[i].offset, covered);
    if (from >= output.size()) break;
    std::size_t to = i + 1 < timeline.size() ? std::min(timeline[i + 1].offset, output.size()) : output.size();
    if (to <= from) continue;
    if (chunks.empty() && from > 0) chunks.push_back({0, std::string(output.substr(0, from))});
    last_ms = std::max(last_ms, timeline[i].ms);
    chunks.push_back({last_ms, std::string(output.substr(from, to - from))});
    covered = to;
  }
  if (covered < output.size()) chunks.push_back({last_ms, std::string(output.substr(covered))});
  if (end_ms > last_ms) chunks.push_back({end_ms, std::string()});
  return chunks;
}

std::string python_bytes_literal(std::string_view bytes) {
  std::string s = "b'";
  for (unsigned char c : bytes) {
    if (c == '\\' || c == '\'') {
      s += '\\';
      s += static_cast<char>(c);
    } else if (printable(c)) {
      s += static_cast<char>(c);
    } else {
      s += fmt::format("\\x{:02x}", c);  // exactly two hex digits: never runs on
    }
  }
  return s + "'";
}

std::string cpp_string_literal(std::string_view bytes) {
  std::string s = "\"";
  std::size_t width = 0;
  bool after_escape = false;  // the last thing written was an octal escape
  for (std::size_t i = 0; i < bytes.size(); ++i) {
    const unsigned char c = static_cast<unsigned char>(bytes[i]);
    // A digit right after an octal escape starts a new literal, so it cannot read as part of it
    // (three-digit escapes never take a fourth, but a reader should not have to know that).
    if (after_escape && c >= '0' && c <= '9') {
      s += "\" \"";
    }
    after_escape = false;
    if (c == '\\' || c == '"' || c == '?') {  // '?': no trigraph can ever form
      s += '\\';
      s += static_cast<char>(c);
      width += 2;
    } else if (printable(c)) {
      s += static_cast<char>(c);
      width += 1;
    } else {
      s += fmt::format("\\{:03o}", c);
      width += 4;
      after_escape = true;
    }
    if (i + 1 < bytes.size() && (c == '\n' || width >= kLiteralWidth)) {
      s += "\"\n        \"";
      width = 0;
      after_escape = false;
    }
  }
  return s + "\"";
}

std::string replay_cheat_source(std::string_view language, const std::vector<ReplayChunk>& chunks) {
  if (language == "python") return python_source(chunks);
  if (language == "cpp") return cpp_source(chunks);
  return {};
}

std::string replay_cheat_extension(std::string_view language) { return language == "cpp" ? ".cpp" : ".py"; }

}  // namespace exengine
