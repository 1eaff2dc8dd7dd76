#include "learner/solution_pointer.h"

#include <system_error>

#include <fmt/format.h>

#include "learner/learner_workspace.h"
#include "plugin_host/catalog.h"

namespace exengine {

std::string solution_pointer(const Catalog& catalog, const Exercise& exercise, const std::string& language) {
  std::error_code ec;
  if (!std::filesystem::is_regular_file(catalog.reference(exercise, extension_for(language)), ec)) return "";
  const std::string lang = language == "cpp" ? " --lang cpp" : "";
  return fmt::format("Compare with the reference solution: exengine solution {}{}", exercise.id, lang);
}

}  // namespace exengine
