// A garden that grows one step per tick: plants (classes with virtual
// functions) in a global std::vector, the harvest in a global
// std::unordered_map.  Edit garden.cpp while it runs under `hcc run`:
// the glyphs, how fast things grow, what a harvest yields.
#pragma once
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

class Plant {
public:
  virtual ~Plant() = default;
  virtual const char *kind() const = 0;
  virtual char glyph() const = 0;
  virtual int ripe_at() const = 0;
  void grow() { ++age_; }
  bool ripe() const { return age_ >= ripe_at(); }
  void replant() { age_ = 0; }
  int age() const { return age_; }

private:
  int age_ = 0;
};

class Flower : public Plant {
public:
  const char *kind() const override { return "rose"; }
  char glyph() const override;
  int ripe_at() const override;
};

class Tree : public Plant {
public:
  const char *kind() const override { return "oak"; }
  char glyph() const override;
  int ripe_at() const override;
};

extern std::vector<std::unique_ptr<Plant>> garden;
extern std::unordered_map<std::string, int> harvest;

void plant_garden(int size);
std::string tick(int number);
