#include "followup/plan.h"

#include <algorithm>
#include <cmath>
#include <set>
#include <unordered_map>

#include "common/error.h"

namespace vaksam::followup {

namespace {

// splitmix64: a small seeded generator with the same output everywhere.
struct Lot {
  uint64_t state;
  uint64_t next() {
    uint64_t z = (state += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
  }
  // Uniform in [0, n), without modulo bias.
  uint64_t below(uint64_t n) {
    const uint64_t limit = UINT64_MAX - UINT64_MAX % n;
    uint64_t x;
    do x = next();
    while (x >= limit);
    return x % n;
  }
};

std::string fmt1(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f", v);
  return buf;
}

size_t share_of(size_t capacity, double share) {
  return static_cast<size_t>(std::llround(static_cast<double>(capacity) * share));
}

void plan_region(const std::vector<const PlanCandidate*>& pool, const std::vector<FollowUpNeed>& needs,
                 size_t capacity, const PlanOptions& o, Lot& lot, std::vector<PlanItem>& out) {
  std::set<std::string> chosen;
  auto add = [&](const PlanCandidate& c, const char* selection, std::string reason) {
    chosen.insert(c.id);
    out.push_back({c.id, c.name, c.region_code, selection, c.rank, c.score, std::move(reason)});
  };
  // 1. By lot: a partial Fisher-Yates shuffle of the pool in id order, which knows nothing of risk.
  std::vector<const PlanCandidate*> by_id = pool;
  std::sort(by_id.begin(), by_id.end(), [](auto* a, auto* b) { return a->id < b->id; });
  const size_t n_random = std::min(share_of(capacity, o.random_share), capacity);
  for (size_t i = 0; i < n_random; ++i) {
    const size_t j = i + lot.below(by_id.size() - i);
    std::swap(by_id[i], by_id[j]);
    add(*by_id[i], "random",
        "drawn by lot (seed " + std::to_string(o.seed) + "), independent of risk" +
            (by_id[i]->rank > 0 ? "; rank " + std::to_string(by_id[i]->rank) : ""));
  }
  // 2. Follow-ups, most urgent first.
  std::unordered_map<std::string, const PlanCandidate*> index;
  for (auto* c : pool) index[c->id] = c;
  const size_t n_follow = std::min(share_of(capacity, o.follow_up_share), capacity - chosen.size());
  size_t followed = 0;
  for (const auto& need : needs) {
    if (followed == n_follow) break;
    auto it = index.find(need.id);
    if (it == index.end() || chosen.count(need.id)) continue;
    add(*it->second, "follow_up", "follow-up: " + need.reason);
    ++followed;
  }
  // 3. The ranking.
  std::vector<const PlanCandidate*> ranked;
  for (auto* c : pool)
    if (c->rank > 0) ranked.push_back(c);
  std::sort(ranked.begin(), ranked.end(), [](auto* a, auto* b) { return a->rank < b->rank; });
  for (auto* c : ranked) {
    if (chosen.size() == capacity) break;
    if (chosen.count(c->id)) continue;
    add(*c, "priority", "rank " + std::to_string(c->rank) + ", score " + fmt1(c->score) + (c->why.empty() ? "" : ": " + c->why));
  }
  // Unranked entities (none in a full ranking) fill what is left by lot.
  for (size_t i = 0; chosen.size() < capacity && i < by_id.size(); ++i)
    if (!chosen.count(by_id[i]->id)) add(*by_id[i], "random", "drawn by lot: the ranking had no more entities");
}

}  // namespace

std::string inspection_type_of(const std::string& selection) {
  if (selection == "random") return "random";
  if (selection == "follow_up") return "follow_up";
  return "risk_based";
}

std::optional<std::string> check_plan(const std::vector<PlanCandidate>& candidates, const PlanOptions& o) {
  if (!(o.random_share >= 0 && o.random_share <= 1)) return "the random share must be between 0 and 1";
  if (!(o.follow_up_share >= 0 && o.follow_up_share <= 1)) return "the follow-up share must be between 0 and 1";
  if (o.random_share + o.follow_up_share > 1) return "the random and follow-up shares add up to more than 1";
  std::set<std::string> ids;
  std::map<std::string, size_t> per_region;
  for (const auto& c : candidates) {
    if (!ids.insert(c.id).second) return "the entity " + c.id + " appears twice";
    ++per_region[c.region_code];
  }
  if (o.capacity_by_region.empty()) {
    if (o.capacity == 0) return "the capacity must be at least 1";
    if (o.capacity > candidates.size())
      return "the capacity " + std::to_string(o.capacity) + " is more than the " + std::to_string(candidates.size()) +
             " entities that can be inspected";
    return std::nullopt;
  }
  size_t total = 0;
  for (const auto& [region, n] : o.capacity_by_region) {
    if (n == 0) return "the capacity of region " + region + " must be at least 1";
    if (n > per_region[region])
      return "the capacity " + std::to_string(n) + " of region " + region + " is more than its " +
             std::to_string(per_region[region]) + " entities";
    total += n;
  }
  if (o.capacity != 0 && o.capacity != total)
    return "the capacity " + std::to_string(o.capacity) + " differs from the sum of the regions' capacities " +
           std::to_string(total);
  return std::nullopt;
}

std::vector<PlanItem> make_plan(const std::vector<PlanCandidate>& candidates, const std::vector<FollowUpNeed>& needs,
                                const PlanOptions& o) {
  if (auto why = check_plan(candidates, o)) throw Error("cannot plan: " + *why);
  Lot lot{o.seed};
  std::vector<PlanItem> out;
  if (o.capacity_by_region.empty()) {
    std::vector<const PlanCandidate*> pool;
    for (const auto& c : candidates) pool.push_back(&c);
    plan_region(pool, needs, o.capacity, o, lot, out);
    return out;
  }
  for (const auto& [region, n] : o.capacity_by_region) {
    std::vector<const PlanCandidate*> pool;
    for (const auto& c : candidates)
      if (c.region_code == region) pool.push_back(&c);
    plan_region(pool, needs, n, o, lot, out);
  }
  return out;
}

}  // namespace vaksam::followup
