#include "garden.h"
#include <algorithm>

std::vector<std::unique_ptr<Plant>> garden;
std::unordered_map<std::string, int> harvest;

char Flower::glyph() const { return ripe() ? '*' : ','; }
int Flower::ripe_at() const { return 3; }
char Tree::glyph() const { return ripe() ? 'T' : 't'; }
int Tree::ripe_at() const { return 7; }

// Adds to a counter without passing its limit.
template <typename T> T add_capped(T value, T amount, T limit) {
  return std::min(value + amount, limit);
}

void plant_garden(int size) {
  for (int i = 0; i < size; ++i) {
    if (i % 3 == 2)
      garden.push_back(std::make_unique<Tree>());
    else
      garden.push_back(std::make_unique<Flower>());
  }
}

// One step: everything grows, ripe plants are harvested and replanted; the
// line shows the garden and the harvest so far.
std::string tick(int number) {
  std::string row;
  for (auto &plant : garden) {
    plant->grow();
    row += plant->glyph();
    if (plant->ripe()) {
      int &count = harvest[plant->kind()];
      count = add_capped(count, 1, 9999);
      plant->replant();
    }
  }
  std::vector<std::pair<std::string, int>> totals(harvest.begin(),
                                                  harvest.end());
  std::sort(totals.begin(), totals.end(),
            [](const auto &a, const auto &b) { return a.first < b.first; });
  std::string line = "tick " + std::to_string(number) + "  " + row + "  harvest:";
  for (const auto &[kind, count] : totals)
    line += " " + kind + "=" + std::to_string(count);
  return line;
}
