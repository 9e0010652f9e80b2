#!/usr/bin/env python3
"""Check the game example's positions and pictures against this file's own
model of the game (examples/game), written from its rules, not its code.

  check.py pos LOG N SCHEDULE
      the Nth `pos` line of LOG (drive.py's output) is where SCHEDULE puts
      the entities; with more than one stretch, also that a restart under
      the last gravity and no change of gravity both end elsewhere (so the
      check can tell a world that carried on from one that did not)
  check.py shot PPM SCHEDULE SHAPE R,G,B
      PPM is the picture of the world after SCHEDULE, with balls of SHAPE
      (circle or square) and colour R,G,B, pixel for pixel

SCHEDULE is GRAVITY:FRAMES[,GRAVITY:FRAMES...]: so many frames under that
gravity, in order (subpixels per frame per frame).

The rules: 480x320 pixels, 16 subpixels to a pixel; the ground from row
296 down; balls of radius 12 pixels.  A frame adds the gravity to a ball's
vertical speed, then its speeds to its position; a ball whose centre
passed a wall, the top or the ground (its radius away from them) is
mirrored back at it and its speed across it turned around.  A bounce on
the ground with the centre within 32 + 12 pixels of the paddle's centre is
a catch.  The paddle (64 x 6 pixels, light grey) stays in the middle: no
keys are pressed under Xvfb.
"""
import re
import sys

WIDTH, HEIGHT, FLOOR, SUB, RADIUS = 480, 320, 296, 16, 12
PADDLE_WIDTH, PADDLE_HEIGHT = 64, 6
SKY, GROUND, PADDLE = (20, 24, 48), (40, 110, 50), (230, 230, 230)
# Where the balls start: x, y in pixels, vx, vy in subpixels per frame.
STARTS = [(80, 60, 24, 0), (240, 120, -20, -16), (380, 180, 12, -40)]
PADDLE_X = WIDTH // 2 * SUB


def mirror(pos, speed, low, high):
    if pos < low:
        return 2 * low - pos, -speed, -1
    if pos > high:
        return 2 * high - pos, -speed, 1
    return pos, speed, 0


def simulate(schedule):
    """Returns (frame, catches, balls) after SCHEDULE."""
    balls = [[x * SUB, y * SUB, vx, vy] for x, y, vx, vy in STARTS]
    low = RADIUS * SUB
    frame = catches = 0
    for gravity, frames in schedule:
        for _ in range(frames):
            for ball in balls:
                ball[3] += gravity
                ball[0] += ball[2]
                ball[1] += ball[3]
                ball[0], ball[2], _side = mirror(ball[0], ball[2], low, (WIDTH - RADIUS) * SUB)
                ball[1], ball[3], side = mirror(ball[1], ball[3], low, (FLOOR - RADIUS) * SUB)
                if side > 0 and abs(ball[0] - PADDLE_X) <= (PADDLE_WIDTH // 2 + RADIUS) * SUB:
                    catches += 1
            frame += 1
    return frame, catches, [tuple(b) for b in balls]


def parse_schedule(text):
    return [tuple(int(n) for n in part.split(":")) for part in text.split(",")]


def pos_line(log, n):
    lines = [l for l in open(log) if l.startswith("out: pos ")]
    if len(lines) < n:
        sys.exit("check.py: error: %s has %d pos lines, not %d" % (log, len(lines), n))
    fields = dict(f.split("=") for f in lines[n - 1].split()[2:])
    balls = [tuple(int(v) for v in fields["ball%d" % i].split(",")) for i in range(len(STARTS))]
    return int(fields["frame"]), int(fields["catches"]), int(fields["paddle"]), balls


def check_pos(log, n, schedule_text):
    schedule = parse_schedule(schedule_text)
    frame, catches, paddle, balls = pos_line(log, n)
    want = simulate(schedule)
    if (frame, catches, balls) != want or paddle != PADDLE_X:
        sys.exit("check.py: pos %d: got frame %d catches %d balls %s paddle %d,\n"
                 "  want frame %d catches %d balls %s paddle %d" %
                 (n, frame, catches, balls, paddle, want[0], want[1], want[2], PADDLE_X))
    print("pos %d: frame %d, %d catches, the balls where %s puts them" % (n, frame, catches, schedule_text))
    if len(schedule) > 1:
        total = sum(frames for _, frames in schedule)
        restart = simulate([(schedule[-1][0], total)])[2]
        unchanged = simulate([(schedule[0][0], total)])[2]
        if balls in (restart, unchanged):
            sys.exit("check.py: pos %d: a restart or an unchanged gravity ends in the same place: "
                     "choose other frames" % n)
        print("pos %d: not where a restart or the old gravity would put them" % n)


def ball_pixel(shape, dx, dy):
    if shape == "circle":
        return dx * dx + dy * dy <= RADIUS * RADIUS
    return abs(dx) <= RADIUS and abs(dy) <= RADIUS


def expected_picture(balls, shape, colour):
    paddle_left = PADDLE_X // SUB - PADDLE_WIDTH // 2
    rows = []
    for y in range(HEIGHT):
        row = []
        for x in range(WIDTH):
            if y < FLOOR:
                pixel = SKY
            elif y < FLOOR + PADDLE_HEIGHT and paddle_left <= x < paddle_left + PADDLE_WIDTH:
                pixel = PADDLE
            else:
                pixel = GROUND
            for bx, by, _, _ in balls:
                if ball_pixel(shape, x - bx // SUB, y - by // SUB):
                    pixel = colour
            row.append(pixel)
        rows.append(row)
    return rows


def read_ppm(path):
    data = open(path, "rb").read()
    magic, size, depth, pixels = data.split(b"\n", 3)
    width, height = (int(n) for n in size.split())
    if magic != b"P6" or depth != b"255" or (width, height) != (WIDTH, HEIGHT):
        sys.exit("check.py: error: %s is not a %dx%d P6 picture" % (path, WIDTH, HEIGHT))
    return [[tuple(pixels[3 * (y * width + x):3 * (y * width + x) + 3]) for x in range(width)]
            for y in range(height)]


def check_shot(path, schedule_text, shape, colour_text):
    colour = tuple(int(n) for n in colour_text.split(","))
    balls = simulate(parse_schedule(schedule_text))[2]
    want = expected_picture(balls, shape, colour)
    got = read_ppm(path)
    wrong = [(x, y) for y in range(HEIGHT) for x in range(WIDTH) if got[y][x] != want[y][x]]
    if wrong:
        x, y = wrong[0]
        sys.exit("check.py: %s: %d pixels differ from %s balls of %s after %s; first at %d,%d: "
                 "got %s, want %s" % (path, len(wrong), shape, colour_text, schedule_text, x, y,
                                      got[y][x], want[y][x]))
    ball_pixels = sum(1 for row in want for p in row if p == colour)
    print("%s: %s balls of %s where %s puts them (%d ball pixels), sky, ground and paddle around" %
          (path.rsplit("/", 1)[-1], shape, colour_text, schedule_text, ball_pixels))


if __name__ == "__main__":
    if len(sys.argv) == 5 and sys.argv[1] == "pos":
        check_pos(sys.argv[2], int(sys.argv[3]), sys.argv[4])
    elif len(sys.argv) == 6 and sys.argv[1] == "shot":
        check_shot(*sys.argv[2:])
    else:
        sys.exit(__doc__)
