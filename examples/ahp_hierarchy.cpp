// Hierarchies: the leader example (Wikipedia) read from a file, with distributive and ideal synthesis, total CR
// and sensitivity; then a service-value hierarchy with three experts' judgments on its dimensions.
#include <csat/ahp/ahp.hpp>

#include <cstdio>

namespace ahp = csat::ahp;

int main() {
  const auto h = ahp::read_hierarchy("data/ahp_leader.hierarchy");
  const auto r = ahp::evaluate(h);
  std::printf("%-12s %8s %8s %8s\n", "node", "local", "global", "CR");
  for (int k : r.nodes[0].children) {
    const auto& n = r.nodes[static_cast<std::size_t>(k)];
    std::printf("%-12s %8.4f %8.4f %8.4f\n", n.name.c_str(), n.local_weight, n.global_weight, n.analysis.consistency.cr);
  }
  std::printf("total CR %.4f\n\n%-8s %12s %8s\n", r.total_cr, "", "distributive", "ideal");
  for (std::size_t a = 0; a < r.alternatives.size(); ++a)
    std::printf("%-8s %12.5f %8.5f\n", r.alternatives[a].c_str(), r.distributive(Eigen::Index(a)), r.ideal(Eigen::Index(a)));
  for (const char* c : {"Experience", "Charisma"}) {
    const auto s = ahp::sensitivity(r, h.child(0, c));
    std::printf("\n%s (weight %.4f): top %s", c, s.base_weight, s.alternatives[std::size_t(s.top)].c_str());
    if (s.top_above >= 0) std::printf("; above %.4f %s leads", s.increase_threshold, s.alternatives[std::size_t(s.top_above)].c_str());
    if (s.top_below >= 0) std::printf("; below %.4f %s leads", s.decrease_threshold, s.alternatives[std::size_t(s.top_below)].c_str());
  }
  std::printf("\n\n");

  const auto g = ahp::read_hierarchy("data/ahp_service.hierarchy");
  ahp::hierarchy_options o;
  o.exclude_inconsistent_experts = true;
  const auto gr = ahp::evaluate(g, o);
  const auto& root = gr.nodes[0];
  std::printf("service value: experts' CR");
  for (std::size_t e = 0; e < root.expert_cr.size(); ++e)
    std::printf(" %s %.4f", g.node(0).expert_names[e].c_str(), root.expert_cr[e]);
  std::printf("; group CR %.4f; %d left out\n", root.analysis.consistency.cr, int(root.excluded_experts.size()));
  for (std::size_t q = 0; q < gr.leaves.size(); ++q)
    std::printf("  %-20s %.4f\n", gr.nodes[std::size_t(gr.leaves[q])].path.c_str(), gr.leaf_weights(Eigen::Index(q)));
  std::printf("total CR %.4f\n", gr.total_cr);
  return 0;
}
