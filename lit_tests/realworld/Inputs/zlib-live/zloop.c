/* zlib-gcc.test's running program: one deflate stream open across
   commands, in zlib's own state.  "feed WORD" deflates WORD into the
   stream and adds it to a running adler32; "bound" prints deflateBound of
   100 bytes for the stream (the function the test patches); "finish" ends
   the stream and inflates all it produced, which gives back every word
   fed before and after the patch. */
#include <stdio.h>
#include <string.h>
#include <zlib.h>

static z_stream stream;
static unsigned char packed[4096];

int main(void) {
  char line[256];
  unsigned long words = 0, adler = adler32(0L, Z_NULL, 0);
  if (deflateInit(&stream, Z_BEST_COMPRESSION) != Z_OK)
    return 1;
  stream.next_out = packed;
  stream.avail_out = sizeof packed;
  printf("ready\n");
  fflush(stdout);
  while (fgets(line, sizeof line, stdin)) {
    line[strcspn(line, "\n")] = '\0';
    if (strncmp(line, "feed ", 5) == 0) {
      const char *word = line + 5;
      stream.next_in = (unsigned char *)word;
      stream.avail_in = (uInt)strlen(word);
      if (deflate(&stream, Z_NO_FLUSH) != Z_OK)
        return 1;
      adler = adler32(adler, (const unsigned char *)word, (uInt)strlen(word));
      printf("fed %lu total_in=%lu adler=%08lx\n", ++words, stream.total_in,
             adler);
    } else if (strcmp(line, "bound") == 0) {
      printf("bound=%lu\n", deflateBound(&stream, 100));
    } else if (strcmp(line, "finish") == 0) {
      unsigned char plain[1024];
      uLongf size = sizeof plain - 1;
      if (deflate(&stream, Z_FINISH) != Z_STREAM_END ||
          uncompress(plain, &size, packed, stream.total_out) != Z_OK)
        return 1;
      plain[size] = '\0';
      printf("finished %s\n", (char *)plain);
    }
    fflush(stdout);
  }
  return 0;
}
