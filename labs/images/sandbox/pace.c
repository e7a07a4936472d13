/*
 * pace: runs a command (the tmux client) on a pty of its own and copies
 * between that pty and this process's terminal (the `docker exec` TTY the lab
 * server reads). Output goes out at most every 4 ms, what came meanwhile in
 * one write, and at most RATE bytes a second once a burst of BURST bytes is
 * spent. Keystrokes pass at once, always.
 *
 *   pace [-r RATE] [-b BURST] command [args...]
 *
 * Why: during a flood (`cat` of a big file, `yes`) tmux writes its client
 * screen updates of a few hundred bytes, some 2,500 a second, and the
 * engine's shim, dockerd and the lab server each pay per write (BENCHMARKS.md,
 * "A flood's cost to the others"). tmux discards what a client cannot take and
 * redraws its screen instead (tty.c, tty_block_maybe), but only once its own
 * writes block, and the engine's exec stream holds about 1.3 MiB before they
 * do (`peers exec-buffer`): paced here, next to tmux, its writes block after a
 * pty's worth. Output under BURST (1 MiB) passes whole and unpaced.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <poll.h>
#include <pty.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/wait.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>

/* Bytes a paced read waits for: 16 KiB, a read every 16 ms at 1 MB/s. */
#define QUANTUM 16384.0
/* Output is written at most this often, what came meanwhile in one write:
 * tmux writes a flood's screen updates a few hundred bytes at a time, some
 * 2,500 a second, and the engine, its shim and the lab server each pay per
 * write. (The lab server batches frames the same way, TERMINAL_BATCH_MS, but
 * only after those copies.) */
#define BATCH_S 0.004

static volatile sig_atomic_t resized, hung_up;
static struct termios saved;
static int have_saved;

static void on_winch(int sig) { (void)sig; resized = 1; }
static void on_hangup(int sig) { (void)sig; hung_up = 1; }
static void restore(void) { if (have_saved) tcsetattr(STDIN_FILENO, TCSANOW, &saved); }

static double now(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

/* Milliseconds from t until `at`, rounded up; 0 when it has passed. */
static int ms_until(double at, double t) {
  double ms = (at - t) * 1000;
  return ms <= 0 ? 0 : (int)ms + 1;
}

/* Writes all of buf, retrying after signals; 0 when fd is gone. */
static int write_all(int fd, const char *buf, size_t n) {
  while (n > 0) {
    ssize_t w = write(fd, buf, n);
    if (w < 0 && errno == EINTR) continue;
    if (w <= 0) return 0;
    buf += w;
    n -= (size_t)w;
  }
  return 1;
}

/* Output read from the command's pty, not yet written out. */
struct held {
  char bytes[65536];
  size_t n;
  double written; /* when the last write went out */
};

/* Writes what is held once BATCH_S has passed since the last write (at once
 * after a pause), or when it is full, or when `now_` says so (the end). */
static int flush(struct held *h, double t, int now_) {
  if (!h->n || !(now_ || h->n == sizeof h->bytes || t - h->written >= BATCH_S)) return 1;
  if (!write_all(STDOUT_FILENO, h->bytes, h->n)) return 0;
  h->n = 0;
  h->written = t;
  return 1;
}

/* Copies keystrokes in and output out until either side ends. */
static void copy(int master, double rate, double burst) {
  static struct held out;
  static char in[4096];
  double tokens = burst, last = now();
  while (!hung_up) {
    if (resized) {
      struct winsize size;
      resized = 0;
      if (ioctl(STDIN_FILENO, TIOCGWINSZ, &size) == 0 && size.ws_row && size.ws_col)
        ioctl(master, TIOCSWINSZ, &size);
    }
    double t = now();
    tokens = tokens + (t - last) * rate > burst ? burst : tokens + (t - last) * rate;
    last = t;
    /* Out of tokens, the pty is not read: tmux's writes block and it discards.
     * Paced reads then come a quantum at a time. */
    int paced = tokens < QUANTUM;
    int timeout = out.n ? ms_until(out.written + BATCH_S, t)
                  : paced ? ms_until(t + (QUANTUM - tokens) / rate, t)
                          : -1;
    struct pollfd fds[2] = {
        {.fd = STDIN_FILENO, .events = POLLIN},
        {.fd = paced || out.n == sizeof out.bytes ? -1 : master, .events = POLLIN},
    };
    if (poll(fds, 2, timeout) < 0) {
      if (errno == EINTR) continue;
      return;
    }
    if (fds[0].revents) {
      ssize_t n = read(STDIN_FILENO, in, sizeof in);
      if (n > 0) write_all(master, in, (size_t)n);
      else if (n == 0 || errno != EINTR) return; /* the reader hung up */
    }
    int ended = 0;
    if (fds[1].revents) {
      ssize_t n = read(master, out.bytes + out.n, sizeof out.bytes - out.n);
      if (n > 0) out.n += (size_t)n, tokens -= (double)n;
      else if (n == 0 || errno != EINTR) ended = 1; /* EIO: the command's pty is closed */
    }
    if (!flush(&out, now(), ended) || ended) return;
  }
}

static int usage(void) {
  fputs("usage: pace [-r bytes/s] [-b burst bytes] command [args...]\n", stderr);
  return 2;
}

int main(int argc, char **argv) {
  double rate = 1e6, burst = 1 << 20;
  int opt;
  while ((opt = getopt(argc, argv, "+r:b:")) != -1) {
    if (opt == 'r') rate = atof(optarg);
    else if (opt == 'b') burst = atof(optarg);
    else return usage();
  }
  if (optind >= argc || rate <= 0 || burst < QUANTUM) return usage();

  /* Handlers first: a resize between reading the size and setting them
   * would be lost (SIGWINCH is ignored by default). exec resets them. */
  struct sigaction sa = {0};
  sa.sa_handler = on_winch;
  sigaction(SIGWINCH, &sa, NULL);
  sa.sa_handler = on_hangup;
  sigaction(SIGHUP, &sa, NULL);
  sigaction(SIGTERM, &sa, NULL);

  struct winsize size = {.ws_row = 24, .ws_col = 80};
  if (isatty(STDIN_FILENO)) {
    struct winsize given;
    if (ioctl(STDIN_FILENO, TIOCGWINSZ, &given) == 0 && given.ws_row && given.ws_col) size = given;
    have_saved = tcgetattr(STDIN_FILENO, &saved) == 0;
  }
  int master;
  pid_t child = forkpty(&master, NULL, have_saved ? &saved : NULL, &size);
  if (child < 0) { perror("pace: forkpty"); return 1; }
  if (child == 0) {
    execvp(argv[optind], argv + optind);
    perror("pace: exec");
    _exit(127);
  }
  if (have_saved) {
    /* TCSANOW, not TCSAFLUSH: keys typed while tmux's client was starting
     * wait in the terminal's input, and flushing them would lose them. */
    struct termios raw = saved;
    cfmakeraw(&raw);
    tcsetattr(STDIN_FILENO, TCSANOW, &raw);
    atexit(restore);
  }
  copy(master, rate, burst);
  int status = 0;
  if (waitpid(child, &status, WNOHANG) == 0) {
    kill(child, SIGHUP);
    waitpid(child, &status, 0);
  }
  return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}
