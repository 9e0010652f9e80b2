/* The label "show" prints; STEP comes from the Makefile's -D. */
#define LABEL "v3"
