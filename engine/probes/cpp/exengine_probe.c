// exengine behaviour probe for native (C and C++) submissions: an LD_PRELOAD library.
//
// Activated by EXENGINE_PROBE=<record fd> and EXENGINE_PROBE_TOKEN=<token fd> (inert otherwise):
// the engine's runner gives the main process the write end of a pipe at <record fd>, whose other
// end only the engine holds, and a pipe at <token fd> holding the run's random token, which the
// probe reads once at start-up and closes. Every line the probe writes carries the token, the
// writer's pid and a per-process sequence number (0 for its "start" line), so the engine rejects
// lines the program forges without the token and detects repeated or missing ones (the record
// format: engine/src/behaviour/probe_record.h). A process writes a "start" line when it begins (the
// constructor; a forked child in fork()) and an "exit" line with its counters when it ends (a
// destructor, exit(), or _exit()/_Exit()), each with one write() of less than PIPE_BUF bytes, so
// lines of processes never mix. Interposes pthread_create, pthread_join, pthread_detach, fork,
// posix_spawn(p), waitpid, wait, pthread_mutex_lock, and the channels a C++ lesson uses between processes:
// pipe/pipe2/socketpair ends (read, write, close) and POSIX message queues (mq_send, mq_receive).
// The same line format as the Python probe (engine/probes/python/sitecustomize.py).
// EXENGINE_STRESS=<seed> is only recorded (native races are found with ThreadSanitizer, the
// `race` mode).
//
// Contract: never prints, never changes a result or errno of an interposed call; every counter is
// an atomic, so any thread may count. The real symbols are resolved once (pthread_once, from the
// constructor or from whichever interposed call comes first). Writing a line is async-signal-safe
// (no stdio, no allocation): it runs inside _exit(). Mutex locks are counted only when called from
// the main executable (not from libstdc++ or libc internals); threads, processes and joins are
// counted from anywhere. A static binary ignores LD_PRELOAD: no record, "probe unavailable".
// Processes exec'd by the program (system(), posix_spawn) find no token and stay inert; their
// starts are counted by the process that started them.
//
// Queues and pools in C++ (the lessons' definitions): a write() of data to a pipe end the program
// made is a queue put, a read() that returns data from one is a queue get, as are mq_send and
// mq_receive. A process that started two or more child processes and moved data over such a
// channel ran a pool of forked workers (pools_created = 1 in its line); its puts are the pool's
// tasks. Only calls the program makes itself through the dynamic symbols are seen: stdio on a
// fdopen()ed pipe goes through libc's internal write and is not counted.
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <link.h>
#include <pthread.h>
#include <spawn.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#define EXPORT __attribute__((visibility("default")))

enum {
  C_THREADS_STARTED,
  C_MAX_CONCURRENT,
  C_DAEMON_THREADS,
  C_THREADS_JOINED,
  C_PROCESSES_STARTED,
  C_LOCKS_ACQUIRED,
  C_LOCK_CONTENTION,
  C_QUEUE_PUTS,
  C_QUEUE_GETS,
  C_POOLS_CREATED,
  C_POOL_TASKS,
  C_MAX_UNJOINED_THREADS,
  C_IDLE_THREADS,
  C_MAX_UNJOINED_PROCESSES,
  C_DISTINCT_LOCKS,
  C_COUNT
};
static const char* const kNames[C_COUNT] = {
    "threads_started",      "max_concurrent_threads", "daemon_threads",         "threads_joined",
    "processes_started",    "locks_acquired",         "lock_contention",        "queue_puts",
    "queue_gets",           "pools_created",          "pool_tasks",             "max_unjoined_threads",
    "idle_threads",         "max_unjoined_processes", "distinct_locks"};
// idle_threads stays 0 here: C++ has no `target=f()` (std::thread t(f()) does not compile for a
// void f).

static long counters[C_COUNT];
static long alive;            // created threads running now
static long unjoined;         // threads created and neither joined nor detached yet (call order)
static long unjoined_procs;   // children forked or spawned and not yet reaped by wait()/waitpid()
static int active;            // the record's descriptor and token were found
static int written;           // this process wrote its exit line
static long seq;              // this process's next line number
static int record_fd = -1;
static char token[33];        // 32 hex digits
static char seed_text[32];
static uintptr_t exe_lo[8], exe_hi[8];  // executable segments of the main program
static int exe_ranges;

// Channel ends (pipes, socketpairs) the program created, by descriptor; inherited by fork.
#define MAX_CHANNEL_FD 4096
static unsigned char channel_fd[MAX_CHANNEL_FD / 8];
static void mark_channel(int fd, int on) {
  if (fd < 0 || fd >= MAX_CHANNEL_FD) return;
  unsigned char bit = (unsigned char)(1u << (fd % 8));
  if (on) __atomic_or_fetch(&channel_fd[fd / 8], bit, __ATOMIC_RELAXED);
  else __atomic_and_fetch(&channel_fd[fd / 8], (unsigned char)~bit, __ATOMIC_RELAXED);
}
static void mark_pair(const int fds[2]) {
  if (!active) return;
  mark_channel(fds[0], 1);
  mark_channel(fds[1], 1);
}
static int is_channel(int fd) {
  return fd >= 0 && fd < MAX_CHANNEL_FD &&
         (__atomic_load_n(&channel_fd[fd / 8], __ATOMIC_RELAXED) & (1u << (fd % 8)));
}

typedef int (*create_fn)(pthread_t*, const pthread_attr_t*, void* (*)(void*), void*);
typedef int (*join_fn)(pthread_t, void**);
typedef int (*detach_fn)(pthread_t);
typedef pid_t (*fork_fn)(void);
typedef pid_t (*waitpid_fn)(pid_t, int*, int);
typedef int (*spawn_fn)(pid_t*, const char*, const posix_spawn_file_actions_t*,
                        const posix_spawnattr_t*, char* const[], char* const[]);
typedef int (*mutex_fn)(pthread_mutex_t*);
typedef void (*exit_fn)(int);
typedef int (*pipe_fn)(int[2]);
typedef int (*pipe2_fn)(int[2], int);
typedef int (*socketpair_fn)(int, int, int, int[2]);
typedef ssize_t (*write_fn)(int, const void*, size_t);
typedef ssize_t (*read_fn)(int, void*, size_t);
typedef int (*close_fn)(int);
typedef int (*mq_send_fn)(int, const char*, size_t, unsigned);
typedef ssize_t (*mq_receive_fn)(int, char*, size_t, unsigned*);

// The real functions, resolved once (resolve_real), before any interposed call uses them.
static struct {
  create_fn pthread_create;
  join_fn pthread_join;
  detach_fn pthread_detach;
  fork_fn fork;
  waitpid_fn waitpid;
  spawn_fn posix_spawn, posix_spawnp;
  mutex_fn pthread_mutex_lock, pthread_mutex_trylock;
  exit_fn _exit, _Exit;
  pipe_fn pipe;
  pipe2_fn pipe2;
  socketpair_fn socketpair;
  write_fn write;
  read_fn read;
  close_fn close;
  mq_send_fn mq_send;
  mq_receive_fn mq_receive;
} real;
static pthread_once_t resolved = PTHREAD_ONCE_INIT;

static void resolve_real_once(void) {
#define RESOLVE(name) real.name = (__typeof__(real.name))dlsym(RTLD_NEXT, #name)
  RESOLVE(pthread_create);
  RESOLVE(pthread_join);
  RESOLVE(pthread_detach);
  RESOLVE(fork);
  RESOLVE(waitpid);
  RESOLVE(posix_spawn);
  RESOLVE(posix_spawnp);
  RESOLVE(pthread_mutex_lock);
  RESOLVE(pthread_mutex_trylock);
  RESOLVE(_exit);
  RESOLVE(_Exit);
  RESOLVE(pipe);
  RESOLVE(pipe2);
  RESOLVE(socketpair);
  RESOLVE(write);
  RESOLVE(read);
  RESOLVE(close);
  RESOLVE(mq_send);     // NULL unless the program links librt's mq_* (glibc 2.34+: libc)
  RESOLVE(mq_receive);
#undef RESOLVE
}
static void resolve_real(void) { pthread_once(&resolved, resolve_real_once); }

static void bump(int which) { __atomic_add_fetch(&counters[which], 1, __ATOMIC_RELAXED); }

// counters[which] = max(counters[which], now), from any thread.
static void raise_max(int which, long now) {
  long max = __atomic_load_n(&counters[which], __ATOMIC_RELAXED);
  while (now > max && !__atomic_compare_exchange_n(&counters[which], &max, now, 1, __ATOMIC_RELAXED,
                                                   __ATOMIC_RELAXED)) {
  }
}

// One more worker started and not yet joined: *live += 1, and the counter keeps the most at once.
static void more_unjoined(long* live, int which) { raise_max(which, __atomic_add_fetch(live, 1, __ATOMIC_RELAXED)); }
static void less_unjoined(long* live) {
  long now = __atomic_load_n(live, __ATOMIC_RELAXED);
  while (now > 0 && !__atomic_compare_exchange_n(live, &now, now - 1, 1, __ATOMIC_RELAXED, __ATOMIC_RELAXED)) {
  }
}

// The mutexes the program locked, by address (open addressing, never removed): distinct_locks
// counts the first lock of each. Past the table's size, further new mutexes are not counted.
#define MUTEX_SLOTS 1024
static uintptr_t mutex_seen[MUTEX_SLOTS];
static void note_mutex(const void* m) {
  uintptr_t a = (uintptr_t)m;
  if (!a) return;
  size_t h = (size_t)((a >> 3) * 0x9E3779B97F4A7C15ull) % MUTEX_SLOTS;
  for (size_t i = 0; i < MUTEX_SLOTS; i++) {
    uintptr_t* slot = &mutex_seen[(h + i) % MUTEX_SLOTS];
    uintptr_t cur = __atomic_load_n(slot, __ATOMIC_RELAXED);
    if (cur == a) return;
    if (cur == 0) {
      uintptr_t expected = 0;
      if (__atomic_compare_exchange_n(slot, &expected, a, 0, __ATOMIC_RELAXED, __ATOMIC_RELAXED)) {
        bump(C_DISTINCT_LOCKS);
        return;
      }
      if (expected == a) return;
    }
  }
}

static int from_main_program(const void* caller) {
  uintptr_t a = (uintptr_t)caller;
  for (int i = 0; i < exe_ranges; i++)
    if (a >= exe_lo[i] && a < exe_hi[i]) return 1;
  return 0;
}

static int find_main_program(struct dl_phdr_info* info, size_t size, void* data) {
  (void)size;
  (void)data;
  // The first object reported is the main program.
  for (int i = 0; i < info->dlpi_phnum && exe_ranges < 8; i++) {
    const ElfW(Phdr)* ph = &info->dlpi_phdr[i];
    if (ph->p_type == PT_LOAD && (ph->p_flags & PF_X)) {
      exe_lo[exe_ranges] = info->dlpi_addr + ph->p_vaddr;
      exe_hi[exe_ranges] = info->dlpi_addr + ph->p_vaddr + ph->p_memsz;
      exe_ranges++;
    }
  }
  return 1;
}

// ---- the record: lines built without stdio or allocation (async-signal-safe) ------------------

struct line {
  char text[3072];  // below PIPE_BUF: one write() is atomic on the pipe
  size_t n;
};
static void put_str(struct line* l, const char* s) {
  while (*s && l->n < sizeof l->text) l->text[l->n++] = *s++;
}
static void put_long(struct line* l, long v) {
  char digits[24];
  int nd = 0;
  unsigned long u = v < 0 ? 0UL - (unsigned long)v : (unsigned long)v;
  do {
    digits[nd++] = (char)('0' + u % 10);
    u /= 10;
  } while (u);
  if (v < 0 && l->n < sizeof l->text) l->text[l->n++] = '-';
  while (nd > 0 && l->n < sizeof l->text) l->text[l->n++] = digits[--nd];
}
// {"v":1,"token":"...","pid":N,"seq":K,"kind":"<kind>"
static void line_begin(struct line* l, const char* kind) {
  l->n = 0;
  put_str(l, "{\"v\":1,\"token\":\"");
  put_str(l, token);
  put_str(l, "\",\"pid\":");
  put_long(l, (long)getpid());
  put_str(l, ",\"seq\":");
  put_long(l, __atomic_fetch_add(&seq, 1, __ATOMIC_RELAXED));
  put_str(l, ",\"kind\":\"");
  put_str(l, kind);
  put_str(l, "\"");
}
static void line_send(struct line* l) {
  if (l->n + 2 > sizeof l->text) return;  // cannot happen: the longest line is under 2.5 KB
  l->text[l->n++] = '}';
  l->text[l->n++] = '\n';
  ssize_t r;
  do {
    r = real.write(record_fd, l->text, l->n);
  } while (r < 0 && errno == EINTR);
}

// A process's first line: who it is.
static void write_start(void) {
  struct line l;
  line_begin(&l, "start");
  put_str(&l, ",\"probe\":\"native\",\"ppid\":");
  put_long(&l, (long)getppid());
  // The running program's path as a JSON string body (quotes and backslashes escaped).
  char path[1024];
  ssize_t len = readlink("/proc/self/exe", path, sizeof path - 1);
  put_str(&l, ",\"exe\":\"");
  for (ssize_t i = 0; i < len && l.n + 3 < sizeof l.text; i++) {
    unsigned char c = (unsigned char)path[i];
    if (c == '"' || c == '\\') l.text[l.n++] = '\\';
    l.text[l.n++] = c < 0x20 ? '?' : (char)c;
  }
  put_str(&l, "\"");
  line_send(&l);
}

// A process's last line: its counters.
static void write_record(const char* how) {
  if (!active || __atomic_exchange_n(&written, 1, __ATOMIC_ACQ_REL)) return;
  int saved = errno;
  // A pool of forked workers: this process started two or more and moved data over channels.
  if (__atomic_load_n(&counters[C_PROCESSES_STARTED], __ATOMIC_RELAXED) >= 2 &&
      __atomic_load_n(&counters[C_QUEUE_PUTS], __ATOMIC_RELAXED) +
              __atomic_load_n(&counters[C_QUEUE_GETS], __ATOMIC_RELAXED) > 0) {
    __atomic_store_n(&counters[C_POOLS_CREATED], 1, __ATOMIC_RELAXED);
    __atomic_store_n(&counters[C_POOL_TASKS], __atomic_load_n(&counters[C_QUEUE_PUTS],
                     __ATOMIC_RELAXED), __ATOMIC_RELAXED);
  }
  struct line l;
  line_begin(&l, "exit");
  put_str(&l, ",\"probe\":\"native\",\"exit\":\"");
  put_str(&l, how);
  put_str(&l, "\",\"partial\":false");
  if (seed_text[0]) {
    put_str(&l, ",\"seed\":");
    put_str(&l, seed_text);
  }
  for (int i = 0; i < C_COUNT; i++) {
    put_str(&l, ",\"");
    put_str(&l, kNames[i]);
    put_str(&l, "\":");
    put_long(&l, __atomic_load_n(&counters[i], __ATOMIC_RELAXED));
  }
  line_send(&l);
  errno = saved;
}

// A descriptor number from the environment, if it names an open pipe.
static int pipe_fd_from_env(const char* name) {
  const char* v = getenv(name);
  if (!v || !*v || strlen(v) > 6 || strspn(v, "0123456789") != strlen(v)) return -1;
  int fd = atoi(v);
  struct stat st;
  if (fstat(fd, &st) != 0 || !S_ISFIFO(st.st_mode)) return -1;
  return fd;
}

__attribute__((constructor)) static void probe_init(void) {
  resolve_real();
  const int token_fd = pipe_fd_from_env("EXENGINE_PROBE_TOKEN");
  const int fd = pipe_fd_from_env("EXENGINE_PROBE");
  if (token_fd < 0 || fd < 0) return;
  // The token is read once and its pipe closed: later processes of the run (exec'd ones) find
  // nothing there. Only this process's memory (and forked copies) hold it.
  char buf[sizeof token];
  ssize_t n = real.read(token_fd, buf, sizeof buf - 1);
  real.close(token_fd);
  if (n != 32 || strspn(buf, "0123456789abcdef") < 32) return;
  memcpy(token, buf, 32);
  token[32] = 0;
  record_fd = fd;
  const char* seed = getenv("EXENGINE_STRESS");
  if (seed && *seed && strspn(seed, "0123456789") == strlen(seed) && strlen(seed) < 21)
    memcpy(seed_text, seed, strlen(seed) + 1);
  dl_iterate_phdr(find_main_program, NULL);
  active = 1;
  write_start();
}

__attribute__((destructor)) static void probe_fini(void) { write_record("exit"); }

// ---- threads --------------------------------------------------------------------------------

struct start_args {
  void* (*fn)(void*);
  void* arg;
};

static void thread_ended(void* unused) {
  (void)unused;
  __atomic_sub_fetch(&alive, 1, __ATOMIC_RELAXED);
}

static void* thread_start(void* p) {
  struct start_args a = *(struct start_args*)p;
  free(p);
  raise_max(C_MAX_CONCURRENT, __atomic_add_fetch(&alive, 1, __ATOMIC_RELAXED));
  void* result;
  pthread_cleanup_push(thread_ended, NULL);
  result = a.fn(a.arg);
  pthread_cleanup_pop(1);
  return result;
}

EXPORT int pthread_create(pthread_t* thread, const pthread_attr_t* attr, void* (*fn)(void*),
                          void* arg) {
  resolve_real();
  struct start_args* a = active ? malloc(sizeof *a) : NULL;
  if (!a) return real.pthread_create(thread, attr, fn, arg);
  a->fn = fn;
  a->arg = arg;
  int r = real.pthread_create(thread, attr, thread_start, a);
  if (r != 0) {
    free(a);
    return r;
  }
  bump(C_THREADS_STARTED);
  int detached = 0;
  if (attr && pthread_attr_getdetachstate(attr, &detached) == 0 &&
      detached == PTHREAD_CREATE_DETACHED)
    bump(C_DAEMON_THREADS);
  else
    more_unjoined(&unjoined, C_MAX_UNJOINED_THREADS);
  return r;
}

EXPORT int pthread_join(pthread_t thread, void** result) {
  resolve_real();
  int r = real.pthread_join(thread, result);
  if (r == 0 && active) {
    bump(C_THREADS_JOINED);
    less_unjoined(&unjoined);
  }
  return r;
}

EXPORT int pthread_detach(pthread_t thread) {
  resolve_real();
  int r = real.pthread_detach(thread);
  if (r == 0 && active) {
    bump(C_DAEMON_THREADS);
    less_unjoined(&unjoined);  // a detached thread will never be joined: it stops counting
  }
  return r;
}

// ---- processes ------------------------------------------------------------------------------

EXPORT pid_t fork(void) {
  resolve_real();
  pid_t pid = real.fork();
  if (!active) return pid;
  if (pid > 0) {
    bump(C_PROCESSES_STARTED);
    more_unjoined(&unjoined_procs, C_MAX_UNJOINED_PROCESSES);
  } else if (pid == 0) {
    for (int i = 0; i < C_COUNT; i++) __atomic_store_n(&counters[i], 0, __ATOMIC_RELAXED);
    __atomic_store_n(&alive, 0, __ATOMIC_RELAXED);
    __atomic_store_n(&unjoined, 0, __ATOMIC_RELAXED);
    __atomic_store_n(&unjoined_procs, 0, __ATOMIC_RELAXED);
    memset(mutex_seen, 0, sizeof mutex_seen);
    __atomic_store_n(&written, 0, __ATOMIC_RELAXED);
    __atomic_store_n(&seq, 0, __ATOMIC_RELAXED);
    write_start();
  }
  return pid;
}

EXPORT int posix_spawn(pid_t* pid, const char* path, const posix_spawn_file_actions_t* actions,
                       const posix_spawnattr_t* attrs, char* const argv[], char* const envp[]) {
  resolve_real();
  int r = real.posix_spawn(pid, path, actions, attrs, argv, envp);
  if (r == 0 && active) {
    bump(C_PROCESSES_STARTED);
    more_unjoined(&unjoined_procs, C_MAX_UNJOINED_PROCESSES);
  }
  return r;
}

EXPORT int posix_spawnp(pid_t* pid, const char* file, const posix_spawn_file_actions_t* actions,
                        const posix_spawnattr_t* attrs, char* const argv[], char* const envp[]) {
  resolve_real();
  int r = real.posix_spawnp(pid, file, actions, attrs, argv, envp);
  if (r == 0 && active) {
    bump(C_PROCESSES_STARTED);
    more_unjoined(&unjoined_procs, C_MAX_UNJOINED_PROCESSES);
  }
  return r;
}

// A reaped child (waitpid/wait returned its pid, not a stop or continue report) is a joined one.
EXPORT pid_t waitpid(pid_t pid, int* status, int options) {
  resolve_real();
  int st = 0;
  pid_t r = real.waitpid(pid, &st, options);
  if (status) *status = st;
  if (r > 0 && active && (WIFEXITED(st) || WIFSIGNALED(st))) less_unjoined(&unjoined_procs);
  return r;
}

EXPORT pid_t wait(int* status) {
  resolve_real();
  int st = 0;
  pid_t r = real.waitpid(-1, &st, 0);
  if (status) *status = st;
  if (r > 0 && active) less_unjoined(&unjoined_procs);
  return r;
}

EXPORT void _exit(int status) {
  resolve_real();
  write_record("_exit");
  real._exit(status);
  __builtin_unreachable();
}

EXPORT void _Exit(int status) {
  resolve_real();
  write_record("_exit");
  real._Exit(status);
  __builtin_unreachable();
}

// ---- locks ----------------------------------------------------------------------------------

EXPORT int pthread_mutex_lock(pthread_mutex_t* m) {
  resolve_real();
  if (!active || !from_main_program(__builtin_return_address(0))) return real.pthread_mutex_lock(m);
  int r = real.pthread_mutex_trylock(m);
  if (r == 0 || r == EOWNERDEAD) {
    bump(C_LOCKS_ACQUIRED);
    note_mutex(m);
    return r;
  }
  if (r == EBUSY) bump(C_LOCK_CONTENTION);
  r = real.pthread_mutex_lock(m);
  if (r == 0 || r == EOWNERDEAD) {
    bump(C_LOCKS_ACQUIRED);
    note_mutex(m);
  }
  return r;
}

// ---- channels between processes -------------------------------------------------------------

EXPORT int pipe(int fds[2]) {
  resolve_real();
  int r = real.pipe(fds);
  if (r == 0) mark_pair(fds);
  return r;
}

EXPORT int pipe2(int fds[2], int flags) {
  resolve_real();
  int r = real.pipe2(fds, flags);
  if (r == 0) mark_pair(fds);
  return r;
}

EXPORT int socketpair(int domain, int type, int protocol, int fds[2]) {
  resolve_real();
  int r = real.socketpair(domain, type, protocol, fds);
  if (r == 0) mark_pair(fds);
  return r;
}

EXPORT ssize_t write(int fd, const void* buf, size_t n) {
  resolve_real();
  ssize_t r = real.write(fd, buf, n);
  if (r > 0 && active && is_channel(fd)) bump(C_QUEUE_PUTS);
  return r;
}

EXPORT ssize_t read(int fd, void* buf, size_t n) {
  resolve_real();
  ssize_t r = real.read(fd, buf, n);
  if (r > 0 && active && is_channel(fd)) bump(C_QUEUE_GETS);
  return r;
}

EXPORT int close(int fd) {
  resolve_real();
  if (active) mark_channel(fd, 0);
  return real.close(fd);
}

// The queue descriptor type is an int on Linux (mqd_t); declared here so the probe does not need
// <mqueue.h> and -lrt.
EXPORT int mq_send(int q, const char* msg, size_t len, unsigned prio) {
  resolve_real();
  if (!real.mq_send) {
    errno = ENOSYS;
    return -1;
  }
  int r = real.mq_send(q, msg, len, prio);
  if (r == 0 && active) bump(C_QUEUE_PUTS);
  return r;
}

EXPORT ssize_t mq_receive(int q, char* msg, size_t len, unsigned* prio) {
  resolve_real();
  if (!real.mq_receive) {
    errno = ENOSYS;
    return -1;
  }
  ssize_t r = real.mq_receive(q, msg, len, prio);
  if (r >= 0 && active) bump(C_QUEUE_GETS);
  return r;
}
