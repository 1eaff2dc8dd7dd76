// expect: timeout
// message: still running after 10 s
// Pipes without O_CLOEXEC: every spawned worker inherits a copy of the tasks pipe's write end, so
// none of them ever sees EOF, and the parent waits forever for their results pipe to close.
#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstring>
#include <iostream>
#include <string>
#include <vector>

extern char** environ;

int word_length(const std::string& word) { return static_cast<int>(word.size()); }

// A task or a result on a pipe: small, fixed-size records (see pools/pool-square).
struct Message {
  int index;
  int value;
  char word[32];
};

// A worker is a fresh copy of this program started with the argument "worker": it reads tasks on
// its stdin and writes results on its stdout, until its stdin is closed.
int worker_main() {
  Message m;
  while (read(0, &m, sizeof m) == sizeof m) {
    m.value = word_length(m.word);
    if (write(1, &m, sizeof m) != sizeof m) return 1;
  }
  return 0;
}

std::vector<int> spawn_pool_map(const char* program, int workers, const std::vector<std::string>& items) {
  int tasks[2], results[2];
  // O_CLOEXEC: a spawned worker keeps only the ends dup2()ed onto its stdin and stdout; any other
  // copy of the tasks pipe's write end would keep it from ever seeing EOF.
  if (pipe(tasks) != 0 || pipe(results) != 0) return {};
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_adddup2(&actions, tasks[0], 0);
  posix_spawn_file_actions_adddup2(&actions, results[1], 1);
  char* argv[] = {const_cast<char*>(program), const_cast<char*>("worker"), nullptr};
  std::vector<pid_t> pids;
  for (int w = 0; w < workers; ++w) {
    pid_t pid;
    if (posix_spawn(&pid, program, &actions, nullptr, argv, environ) == 0) pids.push_back(pid);
  }
  posix_spawn_file_actions_destroy(&actions);
  close(tasks[0]);
  close(results[1]);
  for (int i = 0; i < static_cast<int>(items.size()); ++i) {
    Message m{i, 0, {}};
    std::strncpy(m.word, items[i].c_str(), sizeof m.word - 1);
    if (write(tasks[1], &m, sizeof m) != sizeof m) break;
  }
  close(tasks[1]);
  std::vector<int> out(items.size());
  Message m;
  while (read(results[0], &m, sizeof m) == sizeof m)
    if (m.index >= 0 && m.index < static_cast<int>(out.size())) out[m.index] = m.value;
  close(results[0]);
  for (pid_t pid : pids) waitpid(pid, nullptr, 0);
  return out;
}

void print_list(const std::vector<int>& values) {
  std::cout << '[';
  for (std::size_t i = 0; i < values.size(); ++i) std::cout << (i ? ", " : "") << values[i];
  std::cout << "]\n";
}

int main(int argc, char** argv) {
  if (argc > 1 && std::strcmp(argv[1], "worker") == 0) return worker_main();  // the guard
  print_list(spawn_pool_map(argv[0], 2, {"thread", "process", "lock", "queue"}));
}
