#include "learner/workspace_refresh.h"

#include <optional>
#include <vector>

#include "checking/checker.h"
#include "checking/parallel.h"
#include "learner/content_hash.h"
#include "learner/learner_workspace.h"

namespace exengine {

std::size_t refresh_unchecked(LearnerWorkspace& workspace, const Checker& checker, unsigned jobs,
                              const std::function<void(std::size_t)>& on_start) {
  struct Job {
    const WorkspaceItem* item;
    std::string hash;
    CheckRequest request;
    ExerciseResult result;
  };
  std::vector<Job> todo;
  for (const WorkspaceItem& item : workspace.items()) {
    if (workspace.status(item) != ItemStatus::unchecked) continue;
    std::optional<std::string> hash = file_content_hash(workspace.path_of(item));
    if (!hash) continue;
    todo.push_back({&item, *hash, workspace.request(item), {}});
  }
  if (todo.empty()) return 0;
  if (on_start) on_start(todo.size());
  parallel_for(todo.size(), jobs, [&](std::size_t i) {
    try {
      todo[i].result = checker.check(todo[i].request);
    } catch (const std::exception& e) {
      todo[i].result.exercise = todo[i].item->exercise->id;
      todo[i].result.verdict = Verdict::internal_error;
      todo[i].result.message = e.what();
    }
  });
  for (const Job& job : todo)  // an internal error says nothing about the file: check it again next time
    if (job.result.verdict != Verdict::internal_error) workspace.record(*job.item, job.result, job.hash);
  workspace.save();
  return todo.size();
}

}  // namespace exengine
