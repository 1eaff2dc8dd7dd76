// WatchSession: the `exengine watch` loop. Shows the current exercise (the first unfinished one in
// lesson order), checks a file each time it is saved, shows the verdict and explanation, and moves
// on to the next unfinished exercise when the current one passes. Keys (no Enter needed): h next
// hint, n next exercise, p previous exercise, l list with verdicts (↑/↓ or j/k choose, Enter opens),
// r check again, q quit; any other key shows a one-line reminder of these.
// Off a terminal (options.plain) it writes plain lines, one per event, with no escape codes.
//
// Contract
// - Single-threaded loop over poll(2): keys, file events, the background check's completion and
//   signals (SIGINT/SIGTERM/SIGHUP quit, SIGWINCH redraws) all wake it; checks run one at a time
//   on BackgroundCheck's thread, so a hanging or flooding program never freezes the screen.
// - Saves arriving within kDebounce of each other are checked once, after the last one; a save
//   of the file being checked cancels that check (its program is killed) and is checked next; a
//   save of another file during a check is checked after it.
// - Every verdict (except internal-error) is recorded in the workspace's state file at once.
// - The workspace, checker and streams must outlive run().
#pragma once

#include <chrono>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "core/result.h"
#include "learner/watch_screen.h"

namespace exengine {

class BackgroundCheck;
class Checker;
class LearnerWorkspace;
struct WorkspaceItem;

struct WatchOptions {
  bool poll = false;   // poll for saves instead of inotify
  bool color = false;
  int in_fd = 0;       // keys
  int out_fd = 1;      // the screen
  bool plain = false;  // not a terminal: plain lines, one per event, no escape codes
};

class WatchSession {
 public:
  using Clock = std::chrono::steady_clock;
  static constexpr std::chrono::milliseconds kDebounce{150};
  static constexpr std::chrono::milliseconds kPollInterval{500};

  WatchSession(LearnerWorkspace& workspace, const Checker& checker, WatchOptions options);
  ~WatchSession();
  // Runs until q or a signal. Returns the exit code (0).
  int run();

 private:
  struct Pending {
    std::string id;
    Clock::time_point due;
  };
  const WorkspaceItem* current() const;
  void set_current(const WorkspaceItem* item);
  void enqueue(const WorkspaceItem& item, Clock::time_point due);
  void on_key(char key, bool& quit);
  void on_result(const ExerciseResult& result, const std::string& hash);
  WatchFrame frame() const;
  void start_due_check();
  void draw();
  void draw_plain();
  void open_list();
  void write(const std::string& bytes) const;

  LearnerWorkspace& ws_;
  const Checker& checker_;
  WatchOptions options_;
  WatchScreen screen_;
  std::size_t current_ = 0;    // index in ws_.items(); items().size() when everything passed
  std::vector<Pending> pending_;
  std::map<std::string, std::pair<ExerciseResult, std::string>> results_;  // id -> result, file hash
  std::string flash_;
  std::string note_;
  bool list_ = false;
  std::size_t list_page_ = 0;
  std::size_t list_sel_ = 0;      // the list's cursor, an index in ws_.items()
  bool list_follow_ = true;       // the list's page is the cursor's (false after `l` turned a page)
  std::size_t result_seq_ = 0;    // results taken so far
  std::string result_line_;       // the latest result, as one plain line
  // What draw_plain() has written already.
  std::string plain_flash_;
  std::string plain_current_ = "\n";
  std::size_t plain_result_seq_ = 0;
  std::size_t plain_hints_ = 0;
  bool plain_list_ = false;
  std::unique_ptr<BackgroundCheck> check_;
};

}  // namespace exengine
