#include "report/report_writer.h"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fstream>
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

void write_file_atomically(const fs::path& path, const std::string& text) {
  write_file_atomically(path, [&](std::ostream& out) { out.write(text.data(), static_cast<std::streamsize>(text.size())); });
}

void write_file_atomically(const fs::path& path, const std::function<void(std::ostream&)>& write) {
  std::error_code ec;
  fs::create_directories(path.parent_path(), ec);
  if (ec) throw ReportError("cannot create " + path.parent_path().string() + ": " + ec.message());
  fs::path tmp = path;
  tmp += ".tmp";
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    if (!out) throw ReportError("cannot write " + tmp.string() + ": " + std::strerror(errno));
    write(out);
    out.flush();
    if (!out) throw ReportError("cannot write " + tmp.string() + ": " + std::strerror(errno));
  }
  fs::rename(tmp, path, ec);
  if (ec) throw ReportError("cannot rename " + tmp.string() + " to " + path.string() + ": " + ec.message());
}

namespace {

bool usable_folder_name(const std::string& name) {
  return !name.empty() && name != "." && name != ".." && name.find('/') == std::string::npos &&
         name.find('\0') == std::string::npos;
}

}  // namespace

std::vector<std::string> write_reports(const ClassResults& results, const fs::path& dir,
                                       const std::vector<std::string>& formats) {
  std::vector<std::string> warnings;
  auto wants = [&](const char* f) { return std::find(formats.begin(), formats.end(), f) != formats.end(); };
  if (wants("json"))
    write_file_atomically(dir / "report.json", [&](std::ostream& out) { write_json_report(results, out); });
  if (wants("csv")) write_file_atomically(dir / "grades.csv", csv_report(results));
  if (wants("junit")) write_file_atomically(dir / "junit.xml", junit_report(results));
  if (wants("gradescope")) {
    for (const auto& [student, text] : gradescope_reports(results)) {
      if (!usable_folder_name(student)) {
        warnings.push_back("student '" + escape_invalid_utf8(student) +
                           "': name cannot be a folder name; no Gradescope results written");
        continue;
      }
      write_file_atomically(dir / "gradescope" / student / "results.json", text);
    }
  }
  if (wants("html")) write_file_atomically(dir / "index.html", html_report(results));
  return warnings;
}

}  // namespace exengine
