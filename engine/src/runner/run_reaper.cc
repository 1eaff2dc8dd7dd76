#include "runner/run_reaper.h"

#include <sys/wait.h>

#include <cerrno>

#include "runner/run_cgroup.h"
#include "runner/run_directory.h"

namespace exengine {

RunReaper::RunReaper() : thread_([this] { loop(); }) {}

RunReaper::~RunReaper() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    stop_ = true;
  }
  wake_.notify_all();
  thread_.join();  // the loop empties the queue before it stops
}

void RunReaper::give(Leftovers leftovers) {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    queue_.push_back(std::move(leftovers));
  }
  wake_.notify_one();
}

void RunReaper::drain() {
  std::unique_lock<std::mutex> lock(mutex_);
  idle_.wait(lock, [this] { return queue_.empty() && !busy_; });
}

void RunReaper::loop() {
  std::unique_lock<std::mutex> lock(mutex_);
  for (;;) {
    wake_.wait(lock, [this] { return stop_ || !queue_.empty(); });
    if (queue_.empty()) break;  // stop_ and nothing left
    Leftovers l = std::move(queue_.front());
    queue_.pop_front();
    busy_ = true;
    lock.unlock();
    if (l.pid > 0) {
      int status = 0;
      while (::waitpid(l.pid, &status, __WALL) < 0 && errno == EINTR) {
      }
    }
    l.cgroup.reset();  // rmdir; the relay has left the cgroups when it is reaped
    l.dir.reset();
    lock.lock();
    busy_ = false;
    if (queue_.empty()) idle_.notify_all();
  }
}

}  // namespace exengine
