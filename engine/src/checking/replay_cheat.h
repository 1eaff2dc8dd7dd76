// Replay cheats: a program that prints a captured output byte for byte, at the times it first
// appeared, without any thread, process, pool, lock or queue. `exengine selftest` replays every
// reference run of an exercise with behaviour requirements and expects the cheat to fail with the
// requirement's teaching sentence: the proof that the probes, not the output, catch a program that
// only pretends to do the work.
//
//   std::vector<ReplayChunk> chunks = replay_chunks(result.stdout_text, result.stdout_timeline, result.wall_ms);
//   std::string source = replay_cheat_source("python", chunks);  // or "cpp"
//
// Python: sys.stdout.buffer.write of bytes literals (\xHH for anything not printable ASCII),
// flush, time.sleep until each chunk's time. C++: <cstdio>/<unistd.h>, string literals with
// every other byte as a three-digit octal escape, fwrite + fflush, nanosleep between chunks.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "exengine/grader.h"

namespace exengine {

struct ReplayChunk {
  double ms = 0;      // when the bytes appeared, in milliseconds after the program started
  std::string bytes;  // what appeared then
};

// Splits `output` at the timeline's offsets (chunks past the end of `output` are dropped; an empty
// timeline gives one chunk at 0 ms). Times never go backwards. With `end_ms` past the last chunk, a
// last, empty chunk then keeps the cheat running as long as the original (graders check how long
// a program ran: a main thread that sleeps while a daemon prints).
std::vector<ReplayChunk> replay_chunks(std::string_view output, const std::vector<OutputChunk>& timeline,
                                       double end_ms = 0);

// The cheat's source in "python" or "cpp"; empty for any other language.
std::string replay_cheat_source(std::string_view language, const std::vector<ReplayChunk>& chunks);

// Construct cheats (issue 15): the same replayed output, made through the construct in a way that
// defeats its point. Each must fail with the teaching sentence of the mistake it makes.
enum class ConstructCheat {
  start_join_threads,    // each chunk written by a thread started and joined before the next one
  start_join_processes,  // each chunk written by a child process started and joined before the next
  idle_thread,           // Python: threading.Thread(target=replay()): the main thread prints it all
  unused_pool,           // a pool created (C++: workers forked) and never given the work
  parent_queue,          // child processes that do nothing; the parent puts and gets each chunk itself
  unused_lock,           // a lock created and threads started that never take it; the main thread prints
};
std::string_view to_string(ConstructCheat kind);  // "start-join-threads", ...

// The cheat's source in `language`, with at least `workers` threads or processes (the exercise's
// threads_started or processes_started), or empty when the kind has no form in that language
// (idle_thread in C++: std::thread t(f()) does not compile).
std::string construct_cheat_source(std::string_view language, ConstructCheat kind,
                                   const std::vector<ReplayChunk>& chunks, int workers);

// The file extension for a cheat in `language` (".py", ".cpp").
std::string replay_cheat_extension(std::string_view language);

// Literal syntax, exposed for tests: the bytes as a Python bytes literal (b'...') and as one or
// more adjacent C++ string literals ("..." "...").
std::string python_bytes_literal(std::string_view bytes);
std::string cpp_string_literal(std::string_view bytes);

}  // namespace exengine
