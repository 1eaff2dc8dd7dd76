// ReportWriter: writes the chosen report formats of a ClassResults into an output folder.
//
// Formats (names for --format): json -> report.json, csv -> grades.csv, junit -> junit.xml,
// gradescope -> gradescope/<student>/results.json, html -> index.html.
//
// Contract
// - Each file is written to a temporary name in the same folder and renamed into place, so a
//   reader (or a crash) never sees half a report; a failed write leaves no temporary behind.
// - All formats are written in one pass over the class (report_sink.h): each student's results
//   are loaded from the ClassResults' source once, for every format, then dropped.
// - A student name that cannot be a folder name ("", ".", "..", holding '/' or NUL) gets no
//   Gradescope folder; write_reports returns one line per such problem.
// - Throws ReportError (one line naming the file) when a file cannot be written.
#pragma once

#include <filesystem>
#include <functional>
#include <ostream>
#include <stdexcept>
#include <string>
#include <vector>

#include "report/class_results.h"

namespace exengine {

class ReportError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// Every format, in the order they are written.
const std::vector<std::string>& all_report_formats();

// Parses a --format list ("json,csv" or "all"); throws ReportError naming an unknown format:
// `unknown report format 'pdf' (valid: json, csv, junit, gradescope, html, all)`.
std::vector<std::string> parse_report_formats(const std::string& list);

// Returns warnings (one line each); throws ReportError on an I/O failure.
std::vector<std::string> write_reports(const ClassResults& results, const std::filesystem::path& dir,
                                       const std::vector<std::string>& formats);

// Writes `text` to `path` atomically (temporary file + rename). Throws ReportError.
void write_file_atomically(const std::filesystem::path& path, const std::string& text);
// The same, for text written piece by piece into the stream.
void write_file_atomically(const std::filesystem::path& path, const std::function<void(std::ostream&)>& write);

}  // namespace exengine
