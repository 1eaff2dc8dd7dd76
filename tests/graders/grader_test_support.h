// Helpers for the grader tests: options written as TOML (as a manifest would), graders built
// through a registry holding the built-ins, and grading a text.
#pragma once

#include <memory>
#include <string>
#include <string_view>

#include "exengine/grader.h"

namespace exengine::test {

// `key = value` lines (a TOML document) as grader Options, positions kept.
Options toml_options(std::string_view toml);

// A grader by name from the built-ins, with options written as TOML.
std::unique_ptr<Grader> make_grader(std::string_view name, std::string_view toml);
std::unique_ptr<Grader> make_grader(std::string_view name, const Options& options);

// "KEY | MESSAGE" of the OptionError building it throws, or "no error".
std::string build_error(std::string_view name, std::string_view toml);

GradeOutcome grade(const Grader& grader, std::string_view output, double wall_ms = 0);

}  // namespace exengine::test
