// A program using the hcc build of tinyxml2: each line of stdin becomes
// <line n="N" text="LINE"/>, N counting the lines, printed by tinyxml2's
// printer.  The count attribute is an int, written by XMLUtil::ToStr(int).
#include "tinyxml2.h"
#include <cstdio>
#include <cstring>

int main() {
  char text[256];
  int count = 0;
  std::printf("ready\n");
  std::fflush(stdout);
  while (std::fgets(text, sizeof text, stdin)) {
    text[std::strcspn(text, "\n")] = '\0';
    tinyxml2::XMLDocument doc;
    tinyxml2::XMLElement *line = doc.NewElement("line");
    line->SetAttribute("n", ++count);
    line->SetAttribute("text", text);
    doc.InsertEndChild(line);
    tinyxml2::XMLPrinter printer(nullptr, /*compact=*/true);
    doc.Print(&printer);
    std::printf("%s\n", printer.CStr());
    std::fflush(stdout);
  }
  return 0;
}
