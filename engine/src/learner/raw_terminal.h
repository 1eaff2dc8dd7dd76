// RawTerminal: puts a terminal into key-at-a-time mode (no line buffering, no echo) for the life
// of the object, and hides the cursor; the destructor restores both. Signals (Ctrl-C) still work.
// On anything but a terminal it does nothing (active() is false).
//
// Contract: one RawTerminal at a time per process; construct and destroy on the same thread.
#pragma once

#include <termios.h>

namespace exengine {

class RawTerminal {
 public:
  RawTerminal(int in_fd, int out_fd);
  ~RawTerminal();
  RawTerminal(const RawTerminal&) = delete;
  RawTerminal& operator=(const RawTerminal&) = delete;

  bool active() const { return active_; }
  // Rows and columns of the output terminal; 24 x 80 when it cannot tell.
  static void size(int out_fd, int& rows, int& cols);

 private:
  int in_fd_;
  int out_fd_;
  bool active_ = false;
  termios saved_{};
};

}  // namespace exengine
