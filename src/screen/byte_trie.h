// A trie of byte strings, to find which of a set of literals a word begins or ends with (walk it
// with the word's bytes forwards, or backwards over a trie of reversed strings). Internal.
#pragma once

#include <array>
#include <cstdint>
#include <map>
#include <stdexcept>
#include <string_view>
#include <vector>

namespace vaksam::screen::detail {

class ByteTrie {
 public:
  // Adds `key` (walked in the order given: reverse it for a suffix trie) with its value.
  void insert(std::string_view key, int32_t value, bool reversed) {
    if (built_) throw_built();
    uint32_t node = 0;
    for (size_t k = 0; k < key.size(); ++k) {
      auto b = static_cast<unsigned char>(key[reversed ? key.size() - 1 - k : k]);
      auto it = build_[node].children.find(b);
      if (it != build_[node].children.end()) {
        node = it->second;
        continue;
      }
      auto id = static_cast<uint32_t>(build_.size());
      build_[node].children.emplace(b, id);
      build_.emplace_back();
      node = id;
    }
    build_[node].value = value;
  }

  // Lays the trie out flat for walking; no insert after.
  void finish() {
    nodes_.assign(build_.size(), Node{});
    root_.fill(0);
    for (uint32_t i = 0; i < build_.size(); ++i) {
      nodes_[i].value = build_[i].value;
      nodes_[i].first_edge = static_cast<uint32_t>(edges_.size());
      for (auto [b, child] : build_[i].children) edges_.push_back({b, child});  // std::map: by byte
      nodes_[i].edge_count = static_cast<uint32_t>(edges_.size()) - nodes_[i].first_edge;
      if (i == 0)
        for (auto [b, child] : build_[i].children) root_[b] = child;
    }
    // The root's children get a table of all 256 next bytes, as the root has: a walk's first
    // two steps are then loads (most walks end there).
    if (nodes_.size() <= UINT16_MAX) {
      for (uint32_t e = nodes_[0].first_edge; e < nodes_[0].first_edge + nodes_[0].edge_count; ++e) {
        Node& n = nodes_[edges_[e].child];
        n.dense = static_cast<int32_t>(dense_.size() / 256);
        dense_.resize(dense_.size() + 256, 0);
        for (uint32_t f = n.first_edge; f < n.first_edge + n.edge_count; ++f)
          dense_[static_cast<size_t>(n.dense) * 256 + edges_[f].byte] = static_cast<uint16_t>(edges_[f].child);
      }
    }
    pairs_.fill(0);
    for (uint32_t e = nodes_[0].first_edge; e < nodes_[0].first_edge + nodes_[0].edge_count; ++e) {
      const Node& n = nodes_[edges_[e].child];
      if (n.value >= 0) short_key_ = true;
      for (uint32_t f = n.first_edge; f < n.first_edge + n.edge_count; ++f) {
        unsigned a = edges_[e].byte, b = edges_[f].byte;
        pairs_[(a << 8 | b) >> 6] |= uint64_t{1} << (b & 63);
      }
    }
    build_.clear();
    built_ = true;
  }

  bool empty() const { return nodes_.size() <= 1; }

  // False if no key starts with bytes a then b (a quick test before a walk); keys of one byte
  // make it true for every pair.
  bool may_start(unsigned char a, unsigned char b) const {
    return short_key_ || (pairs_[(a << 8 | b) >> 6] >> (b & 63)) & 1;
  }

  // The child of `node` by byte b, or 0 (the root is nobody's child).
  uint32_t child(uint32_t node, unsigned char b) const {
    if (node == 0) return root_[b];
    const Node& n = nodes_[node];
    if (n.dense >= 0) return dense_[static_cast<size_t>(n.dense) * 256 + b];
    for (uint32_t e = n.first_edge; e < n.first_edge + n.edge_count; ++e)
      if (edges_[e].byte == b) return edges_[e].child;
    return 0;
  }
  int32_t value(uint32_t node) const { return nodes_[node].value; }

 private:
  [[noreturn]] static void throw_built() { throw std::logic_error("ByteTrie: insert after finish"); }
  struct BuildNode {
    int32_t value = -1;
    std::map<unsigned char, uint32_t> children;
  };
  struct Node {
    int32_t value = -1;
    uint32_t first_edge = 0, edge_count = 0;
    int32_t dense = -1;  // its block in dense_, or -1
  };
  struct Edge {
    unsigned char byte;
    uint32_t child;
  };
  std::vector<BuildNode> build_{1};
  std::vector<Node> nodes_{1};
  std::vector<Edge> edges_;
  std::array<uint32_t, 256> root_{};
  std::vector<uint16_t> dense_;  // 256 children per block, 0 = none
  std::array<uint64_t, 1024> pairs_{};  // bit a<<8|b: some key starts with a, b
  bool short_key_ = false;              // some key has one byte
  bool built_ = false;
};

}  // namespace vaksam::screen::detail
