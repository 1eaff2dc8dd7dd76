// WatchScreen: draws the `exengine watch` screen from a WatchFrame: the current exercise, its
// prompt, the verdict of its latest check (or "checking…"), the hints revealed so far and the
// keys; or the list of every exercise with its status. Fits the frame to the terminal: long
// sections are cut (with a note saying how to see all of it) so the keys line always shows.
//
// Contract: pure (no I/O, no state): render() returns the bytes to write. Thread-compatible.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/result.h"

namespace exengine {

struct Exercise;

struct WatchFrame {
  std::string root;               // the workspace folder
  std::string note;               // e.g. "polling for saves": shown in the header line
  std::string flash;              // the latest event: "threads/simple-thread passed! …"
  const Exercise* exercise = nullptr;  // the current exercise; null when everything passed
  std::string file;               // its file, relative to the root
  std::size_t index = 0;          // 1-based position in lesson order
  std::size_t count = 0;          // exercises in the workspace
  std::size_t passed = 0;         // of them
  bool checking = false;          // the current file is being checked
  double checking_s = 0;
  std::optional<ExerciseResult> result;  // the latest check of the current file
  bool result_stale = false;      // the file changed since `result`
  std::size_t hints_revealed = 0;
  bool list = false;              // show the list instead of the exercise
  std::string list_text;          // render_progress() output
  std::size_t list_page = 0;
  bool list_follow = false;       // show the page holding the list's cursor ("▶") instead
  int rows = 24;
  int cols = 80;
  bool color = false;
};

class WatchScreen {
 public:
  // The whole frame: cursor home, the lines (each clearing to its end), clear below.
  std::string render(const WatchFrame& frame) const;
  // The frame's lines, already wrapped to frame.cols and cut to frame.rows - 1.
  std::vector<std::string> lines(const WatchFrame& frame) const;
  // Pages the list takes at this size, and the one shown (list_page, or the cursor's).
  std::size_t list_pages(const WatchFrame& frame) const;
  std::size_t list_page(const WatchFrame& frame) const;

  // Splits `text` into lines of at most `cols` cells (ANSI colour sequences take none; a UTF-8
  // character takes one), at a space where that keeps at least half a line, else mid-word.
  static std::vector<std::string> wrap(const std::string& text, int cols);
  // `text` with each paragraph's hard line breaks turned into spaces, so it wraps to the terminal
  // at word boundaries: blank lines, list items ("- ", "* ", "1. "), indented lines and fenced
  // code keep their breaks.
  static std::string reflow(const std::string& text);
};

}  // namespace exengine
