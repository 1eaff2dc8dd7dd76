#include "learner/raw_terminal.h"

#include <sys/ioctl.h>
#include <unistd.h>

#include <cstddef>

namespace exengine {

namespace {

void write_all(int fd, const char* text, std::size_t n) {
  while (n > 0) {
    ssize_t w = ::write(fd, text, n);
    if (w <= 0) return;
    text += w;
    n -= static_cast<std::size_t>(w);
  }
}

}  // namespace

RawTerminal::RawTerminal(int in_fd, int out_fd) : in_fd_(in_fd), out_fd_(out_fd) {
  if (!isatty(in_fd_) || tcgetattr(in_fd_, &saved_) != 0) return;
  termios raw = saved_;
  raw.c_lflag &= ~static_cast<tcflag_t>(ICANON | ECHO);
  raw.c_cc[VMIN] = 1;
  raw.c_cc[VTIME] = 0;
  if (tcsetattr(in_fd_, TCSANOW, &raw) != 0) return;
  active_ = true;
  if (isatty(out_fd_)) write_all(out_fd_, "\x1b[?25l", 6);
}

RawTerminal::~RawTerminal() {
  if (!active_) return;
  tcsetattr(in_fd_, TCSANOW, &saved_);
  if (isatty(out_fd_)) write_all(out_fd_, "\x1b[?25h", 6);
}

void RawTerminal::size(int out_fd, int& rows, int& cols) {
  rows = 24;
  cols = 80;
  winsize ws{};
  if (ioctl(out_fd, TIOCGWINSZ, &ws) == 0 && ws.ws_row > 0 && ws.ws_col > 0) {
    rows = ws.ws_row;
    cols = ws.ws_col;
  }
}

}  // namespace exengine
