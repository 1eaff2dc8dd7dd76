#include "checking/replay_cheat.h"

#include <algorithm>

#include <fmt/format.h>

namespace exengine {

namespace {

bool printable(unsigned char c) { return c >= 0x20 && c < 0x7f; }

constexpr std::size_t kLiteralWidth = 64;  // source bytes per literal before starting a new one

std::string seconds(double ms) { return fmt::format("{:.6f}", std::max(0.0, ms) / 1000.0); }

std::string python_source(const std::vector<ReplayChunk>& chunks) {
  std::string s =
      "# A replay cheat (exengine selftest): prints a reference run's output at the same times,\n"
      "# without threads, processes, pools, locks or queues. It must fail the exercise's requirements.\n"
      "import sys\n"
      "import time\n"
      "\n"
      "CHUNKS = [\n";
  for (const ReplayChunk& c : chunks) s += fmt::format("    ({}, {}),\n", seconds(c.ms), python_bytes_literal(c.bytes));
  s += "]\n"
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

}  // namespace

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
