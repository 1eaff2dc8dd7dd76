#include "learner/background_check.h"

#include <fcntl.h>
#include <unistd.h>

#include <stdexcept>

namespace exengine {

BackgroundCheck::BackgroundCheck(const Checker& checker) : checker_(checker) {
  if (pipe2(pipe_, O_CLOEXEC | O_NONBLOCK) != 0) throw std::runtime_error("cannot create a pipe for the watch screen");
}

BackgroundCheck::~BackgroundCheck() {
  if (thread_.joinable()) thread_.join();
  ::close(pipe_[0]);
  ::close(pipe_[1]);
}

void BackgroundCheck::start(const CheckRequest& request, std::string tag) {
  request_ = request;
  request_.cancel = &cancel_;
  tag_ = std::move(tag);
  done_ = false;
  cancel_ = false;
  started_ = std::chrono::steady_clock::now();
  thread_ = std::thread([this] {
    try {
      result_ = checker_.check(request_);
    } catch (const std::exception& e) {
      result_ = ExerciseResult{};
      result_.exercise = request_.exercise->id;
      result_.file = request_.display_name;
      result_.verdict = Verdict::internal_error;
      result_.message = e.what();
    }
    done_ = true;
    char c = 1;
    [[maybe_unused]] ssize_t w = ::write(pipe_[1], &c, 1);
  });
}

double BackgroundCheck::elapsed_s() const {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - started_).count();
}

std::optional<std::pair<ExerciseResult, std::string>> BackgroundCheck::take() {
  char buf[16];
  while (::read(pipe_[0], buf, sizeof buf) > 0) {
  }
  if (!thread_.joinable() || !done_) return std::nullopt;
  thread_.join();
  if (cancel_) return std::nullopt;
  return std::make_pair(std::move(result_), std::move(tag_));
}

}  // namespace exengine
