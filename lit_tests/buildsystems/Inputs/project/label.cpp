// The scenario's C++ unit: a label from a class in an anonymous namespace.
#include <string>

namespace {
struct Label {
  std::string text() const { return std::string("o") + "ne"; }
};
} // namespace

extern "C" const char *label() {
  static std::string last;
  last = Label().text();
  return last.c_str();
}
