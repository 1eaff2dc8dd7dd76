#include "learner/watch_session.h"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cerrno>

#include <fmt/format.h>

#include "core/text.h"
#include "learner/background_check.h"
#include "learner/content_hash.h"
#include "learner/file_watcher.h"
#include "learner/learner_workspace.h"
#include "learner/progress_view.h"
#include "learner/raw_terminal.h"
#include "learner/solution_pointer.h"
#include "manifest/manifest.h"

namespace exengine {
namespace fs = std::filesystem;

namespace {

int g_signal_pipe[2] = {-1, -1};

void on_signal(int signo) {
  const int saved = errno;
  char c = static_cast<char>(signo);
  [[maybe_unused]] ssize_t w = ::write(g_signal_pipe[1], &c, 1);
  errno = saved;
}

// Routes SIGINT, SIGTERM, SIGHUP and SIGWINCH to g_signal_pipe for the life of the object.
class SignalPipe {
 public:
  SignalPipe() {
    if (pipe2(g_signal_pipe, O_CLOEXEC | O_NONBLOCK) != 0) g_signal_pipe[0] = g_signal_pipe[1] = -1;
    struct sigaction sa {};
    sa.sa_handler = on_signal;
    sigemptyset(&sa.sa_mask);
    for (std::size_t i = 0; i < kSignals.size(); ++i) sigaction(kSignals[i], &sa, &saved_[i]);
  }
  ~SignalPipe() {
    for (std::size_t i = 0; i < kSignals.size(); ++i) sigaction(kSignals[i], &saved_[i], nullptr);
    ::close(g_signal_pipe[0]);
    ::close(g_signal_pipe[1]);
    g_signal_pipe[0] = g_signal_pipe[1] = -1;
  }
  int fd() const { return g_signal_pipe[0]; }

 private:
  static constexpr std::array<int, 4> kSignals = {SIGINT, SIGTERM, SIGHUP, SIGWINCH};
  std::array<struct sigaction, 4> saved_{};
};

}  // namespace

WatchSession::WatchSession(LearnerWorkspace& workspace, const Checker& checker, WatchOptions options)
    : ws_(workspace), checker_(checker), options_(options) {}

WatchSession::~WatchSession() = default;

const WorkspaceItem* WatchSession::current() const {
  return current_ < ws_.items().size() ? &ws_.items()[current_] : nullptr;
}

void WatchSession::write(const std::string& bytes) const {
  const char* p = bytes.data();
  std::size_t n = bytes.size();
  while (n > 0) {
    ssize_t w = ::write(options_.out_fd, p, n);
    if (w < 0 && errno == EINTR) continue;
    if (w <= 0) return;
    p += w;
    n -= static_cast<std::size_t>(w);
  }
}

void WatchSession::set_current(const WorkspaceItem* item) {
  current_ = item ? ws_.index_of(*item) : ws_.items().size();
  list_ = false;
  if (!item) return;
  // A result already known for the file as it is now is shown as is; otherwise check it.
  auto it = results_.find(item->exercise->id);
  if (it == results_.end() || file_content_hash(ws_.path_of(*item)) != it->second.second)
    enqueue(*item, Clock::now());
}

void WatchSession::enqueue(const WorkspaceItem& item, Clock::time_point due) {
  for (Pending& p : pending_)
    if (p.id == item.exercise->id) {
      p.due = std::max(p.due, due);
      return;
    }
  pending_.push_back({item.exercise->id, due});
}

void WatchSession::start_due_check() {
  if (check_->busy() || pending_.empty()) return;
  const auto now = Clock::now();
  // The current exercise first, then the others in the order they were saved.
  auto pick = pending_.end();
  for (auto it = pending_.begin(); it != pending_.end(); ++it) {
    if (it->due > now) continue;
    if (current() && it->id == current()->exercise->id) {
      pick = it;
      break;
    }
    if (pick == pending_.end()) pick = it;
  }
  if (pick == pending_.end()) return;
  const WorkspaceItem* item = ws_.item(pick->id);
  pending_.erase(pick);
  if (!item) return;
  std::optional<std::string> hash = file_content_hash(ws_.path_of(*item));
  if (!hash) {
    flash_ = fmt::format("{} is not there: create it (exengine init adds a missing starter back).", item->rel);
    return;
  }
  check_->start(ws_.request(*item), *hash);
}

void WatchSession::on_result(const ExerciseResult& result, const std::string& hash) {
  const WorkspaceItem* item = ws_.item(result.exercise);
  if (!item) return;
  if (result.verdict != Verdict::internal_error) {
    ws_.record(*item, result, hash);
    try {
      ws_.save();
    } catch (const StateError& e) {
      note_ = fmt::format("progress not saved: {}", e.what());
    }
  }
  results_[item->exercise->id] = {result, hash};
  ++result_seq_;
  result_line_ = result.verdict == Verdict::passed
                     ? fmt::format("{}: ✓ passed", item->rel)
                     : fmt::format("{}: ✗ {}{}", item->rel, to_string(result.verdict),
                                   result.message.empty() ? "" : ": " + escape_for_terminal(result.message, false));
  const bool unchanged = file_content_hash(ws_.path_of(*item)) == hash;
  if (item == current()) {
    if (result.verdict == Verdict::passed && unchanged) {
      const WorkspaceItem* next = ws_.next_unfinished(current_ + 1);
      flash_ = next ? fmt::format("✓ {} passed! Next: {}.", item->exercise->id, next->exercise->id)
                    : fmt::format("✓ {} passed! That was the last one.", item->exercise->id);
      if (std::string where = solution_pointer(ws_.catalog(), *item->exercise, ws_.language()); !where.empty())
        flash_ += "\n" + where;
      set_current(next);
    }
  } else if (!current() && result.verdict != Verdict::passed) {
    flash_ = fmt::format("{}: {}", item->rel, to_string(result.verdict));
    set_current(item);
  } else {
    flash_ = fmt::format("{}: {}", item->rel, to_string(result.verdict));
  }
}

namespace {

constexpr const char* kKeysReminder =
    "Keys: h hint · n next · p previous · l list · r check again · q quit";
constexpr const char* kListKeysReminder =
    "In the list: ↑/↓ or j/k choose · Enter opens · l next page · Esc back · q quit";

}  // namespace

void WatchSession::open_list() {
  list_ = true;
  list_page_ = 0;
  list_follow_ = true;
  list_sel_ = current() ? current_ : 0;
}

void WatchSession::on_key(char key, bool& quit) {
  const WorkspaceItem* cur = current();
  if (list_) {
    const std::size_t n = ws_.items().size();
    switch (key) {
      case 'j':
      case 'J':
        if (list_sel_ + 1 < n) ++list_sel_;
        list_follow_ = true;
        return;
      case 'k':
      case 'K':
        if (list_sel_ > 0) --list_sel_;
        list_follow_ = true;
        return;
      case '\r':
      case '\n':
        if (list_sel_ < n) {
          const WorkspaceItem* chosen = &ws_.items()[list_sel_];
          flash_ = fmt::format("Opened {}.", chosen->exercise->id);
          set_current(chosen);
        }
        list_ = false;
        return;
      case 'l':
      case 'L':
      case 'q':
      case 'Q':
      case 4:
      case '\x1b':
        break;  // below
      default:
        flash_ = kListKeysReminder;
        return;
    }
  }
  switch (key) {
    case 'q':
    case 'Q':
    case 4:  // Ctrl-D
      quit = true;
      return;
    case 'l':
    case 'L': {
      if (!list_) {
        open_list();
      } else if (const WatchFrame f = frame(); screen_.list_page(f) + 1 < screen_.list_pages(f)) {
        list_page_ = screen_.list_page(f) + 1;
        list_follow_ = false;
      } else {
        list_ = false;
      }
      return;
    }
    case 'h':
    case 'H':
      list_ = false;
      if (!cur) return;
      if (cur->exercise->hints.empty()) {
        flash_ = fmt::format("{} has no hints.", cur->exercise->id);
      } else if (static_cast<std::size_t>(ws_.hints_revealed(*cur->exercise)) >= cur->exercise->hints.size()) {
        flash_ = fmt::format("That was the last hint for {}.", cur->exercise->id);
      } else {
        ws_.reveal_hint(*cur->exercise);
        flash_.clear();
        try {
          ws_.save();
        } catch (const StateError& e) {
          note_ = fmt::format("progress not saved: {}", e.what());
        }
      }
      return;
    case 'n':
    case 'N': {
      list_ = false;
      const WorkspaceItem* next = ws_.next_unfinished(cur ? current_ + 1 : 0);
      if (!next || next == cur) {
        flash_ = cur ? "No other unfinished exercise." : "Every exercise passed.";
        return;
      }
      flash_ = fmt::format("Skipped to {}.", next->exercise->id);
      set_current(next);
      return;
    }
    case 'p':
    case 'P': {
      list_ = false;
      const std::size_t n = ws_.items().size();
      if (cur && current_ == 0) {
        flash_ = "This is the first exercise.";
        return;
      }
      const WorkspaceItem* prev = &ws_.items()[(cur ? current_ : n) - 1];
      flash_ = fmt::format("Back to {}.", prev->exercise->id);
      set_current(prev);
      return;
    }
    case 'r':
    case 'R':
      list_ = false;
      if (cur) enqueue(*cur, Clock::now());
      return;
    case '\x1b':  // Esc: leaves the list, else nothing
      list_ = false;
      return;
    case '\r':
    case '\n':
    case ' ':
      return;
    default:
      list_ = false;
      flash_ = kKeysReminder;
      return;
  }
}

WatchFrame WatchSession::frame() const {
  WatchFrame f;
  f.root = ws_.root().string();
  f.note = note_;
  f.flash = flash_;
  f.count = ws_.items().size();
  for (const WorkspaceItem& item : ws_.items()) f.passed += ws_.status(item) == ItemStatus::passed;
  RawTerminal::size(options_.out_fd, f.rows, f.cols);
  f.color = options_.color;
  if (const WorkspaceItem* cur = current()) {
    f.exercise = cur->exercise;
    f.file = cur->rel;
    f.index = current_ + 1;
    f.hints_revealed = static_cast<std::size_t>(ws_.hints_revealed(*cur->exercise));
    f.checking = check_ && check_->busy() && check_->request().exercise == cur->exercise;
    if (f.checking) f.checking_s = check_->elapsed_s();
    bool queued = false;
    for (const Pending& p : pending_) queued = queued || p.id == cur->exercise->id;
    f.checking = f.checking || queued;
    auto it = results_.find(cur->exercise->id);
    if (it != results_.end()) {
      f.result = it->second.first;
      f.result_stale = file_content_hash(ws_.path_of(*cur)) != it->second.second;
    }
  }
  if (list_) {
    ProgressViewOptions view;
    view.color = options_.color;
    view.current = list_sel_ < ws_.items().size() ? &ws_.items()[list_sel_] : nullptr;
    f.list = true;
    f.list_text = render_progress(ws_, view);
    f.list_page = list_page_;
    f.list_follow = list_follow_;
  }
  return f;
}

void WatchSession::draw() {
  if (options_.plain) return draw_plain();
  write(screen_.render(frame()));
}

void WatchSession::draw_plain() {
  std::string out;
  if (result_seq_ != plain_result_seq_) {
    plain_result_seq_ = result_seq_;
    out += result_line_ + "\n";
  }
  if (flash_ != plain_flash_) {
    plain_flash_ = flash_;
    if (!flash_.empty()) out += flash_ + "\n";
  }
  const WorkspaceItem* cur = current();
  const std::string id = cur ? cur->exercise->id : "";
  if (id != plain_current_) {
    plain_current_ = id;
    plain_hints_ = 0;
    if (cur)
      out += fmt::format("Exercise {} of {}: {} — {} (your file: {})\n", current_ + 1, ws_.items().size(), id,
                         cur->exercise->title, cur->rel);
    else
      out += "Every exercise in this workspace passed. Well done!\n";
  }
  if (cur) {
    const auto& hints = cur->exercise->hints;
    const std::size_t shown = std::min<std::size_t>(ws_.hints_revealed(*cur->exercise), hints.size());
    for (; plain_hints_ < shown; ++plain_hints_)
      out += fmt::format("Hint {} of {}: {}\n", plain_hints_ + 1, hints.size(), hints[plain_hints_]);
  }
  if (list_ && !plain_list_) {
    ProgressViewOptions view;
    view.current = cur;
    out += render_progress(ws_, view);
  }
  plain_list_ = list_;
  write(out);
}

int WatchSession::run() {
  std::vector<fs::path> files;
  for (const WorkspaceItem& item : ws_.items()) files.push_back(ws_.path_of(item));
  FileWatcher watcher(ws_.root(), files, options_.poll);
  if (watcher.mode() == FileWatcher::Mode::poll)
    note_ = watcher.note().empty() ? "polling for saves (--poll)" : watcher.note();
  SignalPipe signals;
  RawTerminal terminal(options_.in_fd, options_.out_fd);
  check_ = std::make_unique<BackgroundCheck>(checker_);
  if (!ws_.note().empty()) flash_ = ws_.note();

  set_current(ws_.next_unfinished(0));
  if (!options_.plain) write("\x1b[2J");
  bool keys_open = true;
  bool quit = false;
  auto last_poll = Clock::now();
  auto last_draw = Clock::time_point{};
  bool dirty = true;
  while (!quit) {
    start_due_check();
    if (dirty || (check_->busy() && Clock::now() - last_draw > std::chrono::milliseconds(200))) {
      draw();
      last_draw = Clock::now();
      dirty = false;
    }
    std::vector<pollfd> fds;
    fds.push_back({signals.fd(), POLLIN, 0});
    fds.push_back({check_->fd(), POLLIN, 0});
    fds.push_back({keys_open ? options_.in_fd : -1, POLLIN, 0});
    fds.push_back({watcher.fd(), POLLIN, 0});
    int timeout_ms = 1000;
    if (check_->busy()) timeout_ms = 200;
    if (watcher.mode() == FileWatcher::Mode::poll) timeout_ms = std::min(timeout_ms, 250);
    for (const Pending& p : pending_) {
      auto wait = std::chrono::duration_cast<std::chrono::milliseconds>(p.due - Clock::now()).count();
      timeout_ms = std::clamp<int>(static_cast<int>(wait) + 1, 0, timeout_ms);
    }
    int n = ::poll(fds.data(), fds.size(), timeout_ms);
    if (n < 0 && errno != EINTR) break;
    if (fds[0].revents & POLLIN) {
      char sig[16];
      ssize_t got = ::read(signals.fd(), sig, sizeof sig);
      for (ssize_t i = 0; i < got; ++i) {
        if (sig[i] == SIGWINCH) {
          if (!options_.plain) write("\x1b[2J");
        }
        else quit = true;
      }
      dirty = true;
    }
    if (fds[1].revents & POLLIN) {
      if (auto done = check_->take()) on_result(done->first, done->second);
      dirty = true;
    }
    if (fds[2].revents & (POLLIN | POLLHUP | POLLERR)) {
      char keys[64];
      ssize_t got = ::read(options_.in_fd, keys, sizeof keys);
      if (got <= 0) {
        keys_open = false;  // no keyboard (e.g. stdin is /dev/null): files still get checked
      } else {
        for (ssize_t i = 0; i < got && !quit; ++i) {
          if (keys[i] == '\x1b' && i + 1 < got && (keys[i + 1] == '[' || keys[i + 1] == 'O')) {
            // An escape sequence: the up and down arrows move in the list; others are skipped whole.
            ssize_t j = i + 2;
            while (j < got && !(keys[j] >= '@' && keys[j] <= '~')) ++j;
            const char final = j < got ? keys[j] : 0;
            i = j;
            if (final == 'A') on_key('k', quit);
            else if (final == 'B') on_key('j', quit);
            continue;
          }
          on_key(keys[i], quit);
        }
      }
      dirty = true;
    }
    const bool poll_due = watcher.mode() == FileWatcher::Mode::poll && Clock::now() - last_poll >= kPollInterval;
    if ((fds[3].revents & POLLIN) || poll_due) {
      last_poll = Clock::now();
      for (const fs::path& file : watcher.changes()) {
        if (const WorkspaceItem* item = ws_.item_for_path(file)) {
          // A newer save of the file being checked: that check is stale, end it now.
          if (check_->busy() && check_->request().exercise == item->exercise) {
            check_->cancel();
            flash_ = fmt::format("New save of {}: checking it instead.", item->rel);
          }
          enqueue(*item, Clock::now() + kDebounce);
          dirty = true;
        }
      }
    }
  }
  const std::string line_start = options_.plain ? "" : "\r\n\x1b[J";
  const std::string line_end = options_.plain ? "\n" : "\r\n";
  if (check_->busy())
    write(line_start + "Waiting for the check in progress to end (it is bounded by the time limit)…" +
          (options_.plain ? "\n" : ""));
  check_.reset();
  std::size_t passed = 0;
  for (const WorkspaceItem& item : ws_.items()) passed += ws_.status(item) == ItemStatus::passed;
  write(fmt::format("{}Stopped watching: {} of {} exercises passed. `exengine watch` picks up where you left off.{}",
                    line_start, passed, ws_.items().size(), line_end));
  return 0;
}

}  // namespace exengine
