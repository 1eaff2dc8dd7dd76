#include "report/report_writer.h"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <memory>
#include <system_error>

#include "report/csv_report.h"
#include "report/gradescope_report.h"
#include "report/html_report.h"
#include "report/json_report.h"
#include "report/junit_report.h"
#include "core/utf8_escape.h"

namespace exengine {
namespace fs = std::filesystem;

const std::vector<std::string>& all_report_formats() {
  static const std::vector<std::string> formats{"json", "csv", "junit", "gradescope", "html"};
  return formats;
}

std::vector<std::string> parse_report_formats(const std::string& list) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (start <= list.size()) {
    std::size_t comma = list.find(',', start);
    if (comma == std::string::npos) comma = list.size();
    std::string name = list.substr(start, comma - start);
    while (!name.empty() && name.front() == ' ') name.erase(name.begin());
    while (!name.empty() && name.back() == ' ') name.pop_back();
    start = comma + 1;
    if (name.empty()) continue;
    if (name == "all") return all_report_formats();
    const auto& all = all_report_formats();
    if (std::find(all.begin(), all.end(), name) == all.end())
      throw ReportError("unknown report format '" + escape_invalid_utf8(name) +
                        "' (valid: json, csv, junit, gradescope, html, all)");
    if (std::find(out.begin(), out.end(), name) == out.end()) out.push_back(name);
  }
  if (out.empty()) throw ReportError("no report format given (valid: json, csv, junit, gradescope, html, all)");
  // Keep the canonical order whatever order they were given in.
  std::vector<std::string> ordered;
  for (const auto& f : all_report_formats())
    if (std::find(out.begin(), out.end(), f) != out.end()) ordered.push_back(f);
  return ordered;
}

namespace {

// A file written under a temporary name in its folder, renamed into place by commit(); removed
// when destroyed uncommitted (a failed report leaves no half file behind).
class AtomicFile {
 public:
  explicit AtomicFile(const fs::path& path) : path_(path), tmp_(path) {
    tmp_ += ".tmp";
    std::error_code ec;
    fs::create_directories(path.parent_path(), ec);
    if (ec) throw ReportError("cannot create " + path.parent_path().string() + ": " + ec.message());
    out_.open(tmp_, std::ios::binary | std::ios::trunc);
    if (!out_) throw ReportError("cannot write " + tmp_.string() + ": " + std::strerror(errno));
  }
  ~AtomicFile() {
    if (committed_) return;
    out_.close();
    std::error_code ec;
    fs::remove(tmp_, ec);
  }
  AtomicFile(const AtomicFile&) = delete;
  AtomicFile& operator=(const AtomicFile&) = delete;
  std::ostream& stream() { return out_; }
  void commit() {
    out_.flush();
    if (!out_) throw ReportError("cannot write " + tmp_.string() + ": " + std::strerror(errno));
    out_.close();
    if (!out_) throw ReportError("cannot write " + tmp_.string() + ": " + std::strerror(errno));
    std::error_code ec;
    fs::rename(tmp_, path_, ec);
    if (ec) throw ReportError("cannot rename " + tmp_.string() + " to " + path_.string() + ": " + ec.message());
    committed_ = true;
  }

 private:
  fs::path path_, tmp_;
  std::ofstream out_;
  bool committed_ = false;
};

}  // namespace

void write_file_atomically(const fs::path& path, const std::string& text) {
  write_file_atomically(path, [&](std::ostream& out) { out.write(text.data(), static_cast<std::streamsize>(text.size())); });
}

void write_file_atomically(const fs::path& path, const std::function<void(std::ostream&)>& write) {
  AtomicFile file(path);
  write(file.stream());
  file.commit();
}

namespace {

bool usable_folder_name(const std::string& name) {
  return !name.empty() && name != "." && name != ".." && name.find('/') == std::string::npos &&
         name.find('\0') == std::string::npos;
}

}  // namespace

std::vector<std::string> write_reports(const ClassResults& results, const fs::path& dir,
                                       const std::vector<std::string>& formats) {
  // Every format in one pass over the class: each student's results are loaded once, handed to
  // every format, and dropped before the next student's.
  std::vector<std::string> warnings;
  auto wants = [&](const char* f) { return std::find(formats.begin(), formats.end(), f) != formats.end(); };
  std::vector<std::unique_ptr<AtomicFile>> files;
  std::vector<std::unique_ptr<ReportSink>> sinks;
  auto file = [&](const char* name) -> std::ostream& {
    files.push_back(std::make_unique<AtomicFile>(dir / name));
    return files.back()->stream();
  };
  if (wants("json")) sinks.push_back(std::make_unique<JsonReport>(file("report.json")));
  if (wants("csv")) sinks.push_back(std::make_unique<CsvReport>(file("grades.csv")));
  if (wants("junit")) sinks.push_back(std::make_unique<JunitReport>(file("junit.xml")));
  if (wants("gradescope"))
    sinks.push_back(std::make_unique<GradescopeReport>([&](const std::string& student, const std::string& text) {
      if (!usable_folder_name(student)) {
        warnings.push_back("student '" + escape_invalid_utf8(student) +
                           "': name cannot be a folder name; no Gradescope results written");
        return;
      }
      write_file_atomically(dir / "gradescope" / student / "results.json", text);
    }));
  if (wants("html")) sinks.push_back(std::make_unique<HtmlReport>(file("index.html")));
  std::vector<ReportSink*> all;
  for (auto& s : sinks) all.push_back(s.get());
  write_report_sinks(results, all);
  for (auto& f : files) f->commit();
  return warnings;
}

}  // namespace exengine
