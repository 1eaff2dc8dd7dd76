// exengine behaviour probe for native (C and C++) submissions: an LD_PRELOAD library.
//
// Activated by EXENGINE_PROBE=<record file> (inert otherwise). Interposes pthread_create,
// pthread_join, pthread_detach, fork, posix_spawn(p), pthread_mutex_lock, and the channels a C++
// lesson uses between processes: pipe/pipe2/socketpair ends (read, write, close) and POSIX
// message queues (mq_send, mq_receive). It writes one JSON
// line per process (forked children too) to the record file at exit (a destructor, exit(), or
// _exit()/_Exit()), with O_APPEND and a single write(), so lines of processes never mix. The same
// line format as the Python probe (engine/probes/python/sitecustomize.py); merged by
// engine/src/behaviour/probe_record.cc. EXENGINE_STRESS=<seed> is only recorded (native races are
// found with ThreadSanitizer, the `race` mode).
//
// Contract: never prints, never changes a result or errno of an interposed call; every counter is
// an atomic, so any thread may count. Mutex locks are counted only when called from the main
// executable (not from libstdc++ or libc internals); threads, processes and joins are counted
// from anywhere. A static binary ignores LD_PRELOAD: no record, "probe unavailable".
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
#include <sys/types.h>
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
  C_COUNT
};
static const char* const kNames[C_COUNT] = {
    "threads_started",   "max_concurrent_threads", "daemon_threads", "threads_joined",
    "processes_started", "locks_acquired",         "lock_contention", "queue_puts",
    "queue_gets",        "pools_created",          "pool_tasks"};

static long counters[C_COUNT];
static long alive;            // created threads running now
static int active;            // EXENGINE_PROBE is set
static int written;           // this process wrote its line
static char record_path[4096];
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
typedef int (*spawn_fn)(pid_t*, const char*, const posix_spawn_file_actions_t*,
                        const posix_spawnattr_t*, char* const[], char* const[]);
typedef int (*mutex_fn)(pthread_mutex_t*);
typedef void (*exit_fn)(int);

static void* next_symbol(const char* name) { return dlsym(RTLD_NEXT, name); }
#define REAL(type, name)                                              \
  static type real_##name;                                            \
  if (!real_##name) real_##name = (type)next_symbol(#name);

static void bump(int which) { __atomic_add_fetch(&counters[which], 1, __ATOMIC_RELAXED); }

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

// The running program's path as a JSON string body (quotes and backslashes escaped).
static void exe_json(char* out, size_t size) {
  char path[1024];
  ssize_t len = readlink("/proc/self/exe", path, sizeof path - 1);
  size_t o = 0;
  for (ssize_t i = 0; len > 0 && i < len && o + 3 < size; i++) {
    unsigned char c = (unsigned char)path[i];
    if (c == '"' || c == '\\') out[o++] = '\\';
    out[o++] = c < 0x20 ? '?' : (char)c;
  }
  out[o] = 0;
}

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
  char line[4096], exe[2100];
  exe_json(exe, sizeof exe);
  int n = snprintf(line, sizeof line, "{\"probe\":\"native\",\"pid\":%ld,\"ppid\":%ld,\"exe\":\"%s\","
                   "\"exit\":\"%s\",\"partial\":false", (long)getpid(), (long)getppid(), exe, how);
  if (seed_text[0]) n += snprintf(line + n, sizeof line - n, ",\"seed\":%s", seed_text);
  for (int i = 0; i < C_COUNT && n < (int)sizeof line; i++)
    n += snprintf(line + n, sizeof line - n, ",\"%s\":%ld", kNames[i],
                  __atomic_load_n(&counters[i], __ATOMIC_RELAXED));
  if (n < (int)sizeof line - 2) {
    line[n++] = '}';
    line[n++] = '\n';
    int fd = open(record_path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0644);
    if (fd >= 0) {
      ssize_t ignored = write(fd, line, (size_t)n);
      (void)ignored;
      close(fd);
    }
  }
  errno = saved;
}

__attribute__((constructor)) static void probe_init(void) {
  const char* path = getenv("EXENGINE_PROBE");
  if (!path || !*path) return;
  if (path[0] == '/') {
    snprintf(record_path, sizeof record_path, "%s", path);
  } else {
    // Children must find the file even after the program changes directory.
    char cwd[2048];
    if (!getcwd(cwd, sizeof cwd)) return;
    snprintf(record_path, sizeof record_path, "%s/%s", cwd, path);
    setenv("EXENGINE_PROBE", record_path, 1);
  }
  const char* seed = getenv("EXENGINE_STRESS");
  if (seed && *seed && strspn(seed, "0123456789") == strlen(seed) && strlen(seed) < 21)
    snprintf(seed_text, sizeof seed_text, "%s", seed);
  dl_iterate_phdr(find_main_program, NULL);
  active = 1;
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
  long now = __atomic_add_fetch(&alive, 1, __ATOMIC_RELAXED);
  long max = __atomic_load_n(&counters[C_MAX_CONCURRENT], __ATOMIC_RELAXED);
  while (now > max && !__atomic_compare_exchange_n(&counters[C_MAX_CONCURRENT], &max, now, 1,
                                                   __ATOMIC_RELAXED, __ATOMIC_RELAXED)) {
  }
  void* result;
  pthread_cleanup_push(thread_ended, NULL);
  result = a.fn(a.arg);
  pthread_cleanup_pop(1);
  return result;
}

EXPORT int pthread_create(pthread_t* thread, const pthread_attr_t* attr, void* (*fn)(void*),
                          void* arg) {
  REAL(create_fn, pthread_create);
  struct start_args* a = active ? malloc(sizeof *a) : NULL;
  if (!a) return real_pthread_create(thread, attr, fn, arg);
  a->fn = fn;
  a->arg = arg;
  int r = real_pthread_create(thread, attr, thread_start, a);
  if (r != 0) {
    free(a);
    return r;
  }
  bump(C_THREADS_STARTED);
  int detached = 0;
  if (attr && pthread_attr_getdetachstate(attr, &detached) == 0 &&
      detached == PTHREAD_CREATE_DETACHED)
    bump(C_DAEMON_THREADS);
  return r;
}

EXPORT int pthread_join(pthread_t thread, void** result) {
  REAL(join_fn, pthread_join);
  int r = real_pthread_join(thread, result);
  if (r == 0 && active) bump(C_THREADS_JOINED);
  return r;
}

EXPORT int pthread_detach(pthread_t thread) {
  REAL(detach_fn, pthread_detach);
  int r = real_pthread_detach(thread);
  if (r == 0 && active) bump(C_DAEMON_THREADS);
  return r;
}

// ---- processes ------------------------------------------------------------------------------

EXPORT pid_t fork(void) {
  REAL(fork_fn, fork);
  pid_t pid = real_fork();
  if (!active) return pid;
  if (pid > 0) {
    bump(C_PROCESSES_STARTED);
  } else if (pid == 0) {
    for (int i = 0; i < C_COUNT; i++) __atomic_store_n(&counters[i], 0, __ATOMIC_RELAXED);
    __atomic_store_n(&alive, 0, __ATOMIC_RELAXED);
    __atomic_store_n(&written, 0, __ATOMIC_RELAXED);
  }
  return pid;
}

EXPORT int posix_spawn(pid_t* pid, const char* path, const posix_spawn_file_actions_t* actions,
                       const posix_spawnattr_t* attrs, char* const argv[], char* const envp[]) {
  REAL(spawn_fn, posix_spawn);
  int r = real_posix_spawn(pid, path, actions, attrs, argv, envp);
  if (r == 0 && active) bump(C_PROCESSES_STARTED);
  return r;
}

EXPORT int posix_spawnp(pid_t* pid, const char* file, const posix_spawn_file_actions_t* actions,
                        const posix_spawnattr_t* attrs, char* const argv[], char* const envp[]) {
  REAL(spawn_fn, posix_spawnp);
  int r = real_posix_spawnp(pid, file, actions, attrs, argv, envp);
  if (r == 0 && active) bump(C_PROCESSES_STARTED);
  return r;
}

EXPORT void _exit(int status) {
  REAL(exit_fn, _exit);
  write_record("_exit");
  real__exit(status);
  __builtin_unreachable();
}

EXPORT void _Exit(int status) {
  REAL(exit_fn, _Exit);
  write_record("_exit");
  real__Exit(status);
  __builtin_unreachable();
}

// ---- locks ----------------------------------------------------------------------------------

EXPORT int pthread_mutex_lock(pthread_mutex_t* m) {
  REAL(mutex_fn, pthread_mutex_lock);
  REAL(mutex_fn, pthread_mutex_trylock);
  if (!active || !from_main_program(__builtin_return_address(0))) return real_pthread_mutex_lock(m);
  int r = real_pthread_mutex_trylock(m);
  if (r == 0 || r == EOWNERDEAD) {
    bump(C_LOCKS_ACQUIRED);
    return r;
  }
  if (r == EBUSY) bump(C_LOCK_CONTENTION);
  r = real_pthread_mutex_lock(m);
  if (r == 0 || r == EOWNERDEAD) bump(C_LOCKS_ACQUIRED);
  return r;
}

// ---- channels between processes -------------------------------------------------------------

typedef int (*pipe_fn)(int[2]);
typedef int (*pipe2_fn)(int[2], int);
typedef int (*socketpair_fn)(int, int, int, int[2]);
typedef ssize_t (*write_fn)(int, const void*, size_t);
typedef ssize_t (*read_fn)(int, void*, size_t);
typedef int (*close_fn)(int);
typedef int (*mq_send_fn)(int, const char*, size_t, unsigned);
typedef ssize_t (*mq_receive_fn)(int, char*, size_t, unsigned*);

EXPORT int pipe(int fds[2]) {
  REAL(pipe_fn, pipe);
  int r = real_pipe(fds);
  if (r == 0) mark_pair(fds);
  return r;
}

EXPORT int pipe2(int fds[2], int flags) {
  REAL(pipe2_fn, pipe2);
  int r = real_pipe2(fds, flags);
  if (r == 0) mark_pair(fds);
  return r;
}

EXPORT int socketpair(int domain, int type, int protocol, int fds[2]) {
  REAL(socketpair_fn, socketpair);
  int r = real_socketpair(domain, type, protocol, fds);
  if (r == 0) mark_pair(fds);
  return r;
}

EXPORT ssize_t write(int fd, const void* buf, size_t n) {
  REAL(write_fn, write);
  ssize_t r = real_write(fd, buf, n);
  if (r > 0 && active && is_channel(fd)) bump(C_QUEUE_PUTS);
  return r;
}

EXPORT ssize_t read(int fd, void* buf, size_t n) {
  REAL(read_fn, read);
  ssize_t r = real_read(fd, buf, n);
  if (r > 0 && active && is_channel(fd)) bump(C_QUEUE_GETS);
  return r;
}

EXPORT int close(int fd) {
  REAL(close_fn, close);
  if (active) mark_channel(fd, 0);
  return real_close(fd);
}

// The queue descriptor type is an int on Linux (mqd_t); declared here so the probe does not need
// <mqueue.h> and -lrt.
EXPORT int mq_send(int q, const char* msg, size_t len, unsigned prio) {
  static mq_send_fn real;
  if (!real) real = (mq_send_fn)next_symbol("mq_send");
  if (!real) {
    errno = ENOSYS;
    return -1;
  }
  int r = real(q, msg, len, prio);
  if (r == 0 && active) bump(C_QUEUE_PUTS);
  return r;
}

EXPORT ssize_t mq_receive(int q, char* msg, size_t len, unsigned* prio) {
  static mq_receive_fn real;
  if (!real) real = (mq_receive_fn)next_symbol("mq_receive");
  if (!real) {
    errno = ENOSYS;
    return -1;
  }
  ssize_t r = real(q, msg, len, prio);
  if (r >= 0 && active) bump(C_QUEUE_GETS);
  return r;
}
