# exengine behaviour probe and stress noise for Python submissions.
#
# Loaded by the interpreter at start-up because the engine puts this folder first on PYTHONPATH.
# Activated by environment variables, silent and inert otherwise:
#   EXENGINE_PROBE=<record fd>    record what the program did (threads, processes, pools, locks,
#   EXENGINE_PROBE_TOKEN=<fd>     queues) on the record's pipe, whose other end only the engine
#                                 holds. The token pipe holds the run's random token: read once
#                                 here and closed, before the program's code runs. Every line
#                                 carries the token, the pid and a per-process sequence number: a
#                                 "start" line when a process begins (fork children too) and an
#                                 "exit" line with its counters when it ends, each one write() of
#                                 less than PIPE_BUF bytes, so lines of processes never mix (the
#                                 format: engine/src/behaviour/probe_record.h).
#   EXENGINE_STRESS=<seed>        schedule noise: opcode-level tracing of the learner's own code
#                                 (never the standard library) that sleeps 0 at points chosen by an
#                                 RNG seeded from <seed> and the thread's name, plus a tiny switch
#                                 interval. The seed is recorded.
#
# Contract: the probe never prints, never changes the program's output, exit code or exceptions
# (its own frames are removed from tracebacks the program or the interpreter prints), and swallows
# every failure of its own, marking the record "partial". The next sitecustomize on sys.path (the
# distribution's) is still executed. Counters are process-local; the engine merges the lines
# (engine/src/behaviour/probe_record.h). Only work done from learner code is counted: locks created
# by learner code, queue and pool calls made from learner code, threads and processes started from
# learner code (threads of concurrent.futures.ThreadPoolExecutor count; the plumbing threads and
# worker processes of multiprocessing do not: workers count as helper_processes).

import os as _os
import sys as _sys


def _exengine_pipe_fd(name):
    # The descriptor number in the environment variable `name`, if it is an open pipe.
    import stat
    text = _os.environ.get(name) or ''
    if not text.isdigit() or len(text) > 6:
        return None
    try:
        return int(text) if stat.S_ISFIFO(_os.fstat(int(text)).st_mode) else None
    except OSError:
        return None


def _exengine_install():
    import itertools
    import _thread

    record_fd = _exengine_pipe_fd('EXENGINE_PROBE')
    token_fd = _exengine_pipe_fd('EXENGINE_PROBE_TOKEN')
    stress_text = _os.environ.get('EXENGINE_STRESS') or None
    token = None
    if record_fd is not None and token_fd is not None:
        # Read once and closed: a process exec'd later by the program finds nothing there.
        try:
            raw = _os.read(token_fd, 64)
        finally:
            _os.close(token_fd)
        if len(raw) == 32 and all(c in b'0123456789abcdef' for c in raw):
            token = raw.decode()
    if token is None:
        record_fd = None
    if record_fd is None and stress_text is None:
        return

    getframe = _sys._getframe
    this_file = _exengine_install.__code__.co_filename   # the source, also when run from a .pyc
    real_exit = _os._exit
    real_write = _os.write
    raw_lock = _thread.allocate_lock

    names = ('threads_started', 'max_concurrent_threads', 'max_unjoined_threads', 'idle_threads',
             'daemon_threads', 'threads_joined', 'processes_started', 'max_unjoined_processes',
             'helper_processes', 'pools_created', 'pool_tasks', 'locks_acquired', 'distinct_locks',
             'lock_contention', 'queue_puts', 'queue_gets', 'stress_yields')
    # The "most at once" counters are kept in `state`, not counted: threads running now (timing),
    # threads and processes started and not yet joined (call order: a start-join loop keeps it at 1).
    maxima = {'max_concurrent_threads': 'max_alive', 'max_unjoined_threads': 'max_unjoined',
              'max_unjoined_processes': 'max_unjoined_procs'}
    # itertools.count: next() is atomic under the GIL, so counting needs no lock.
    counters = {}
    state = {'partial': False, 'written': False, 'alive': 0, 'max_alive': 0,
             'unjoined': 0, 'max_unjoined': 0, 'unjoined_procs': 0, 'max_unjoined_procs': 0,
             'pid': _os.getpid(), 'ppid': _os.getppid(), 'seq': itertools.count()}
    alive_lock = raw_lock()

    # The count objects live as long as the process (closures hold them); a forked child starts
    # from a baseline instead of new objects.
    for n in names:
        counters[n] = itertools.count()
    baseline = dict.fromkeys(names, 0)

    def raw_value(n):
        return int(repr(counters[n])[6:-1])

    def value(n):
        return raw_value(n) - baseline[n]

    def reset_counters():
        for n in names:
            baseline[n] = raw_value(n)

    def bump(n, k=1):
        c = counters[n]
        for _ in range(k):
            next(c)

    def broken():
        state['partial'] = True

    def more_unjoined(key):
        # One more worker started and not yet joined (`key`: 'unjoined' or 'unjoined_procs').
        with alive_lock:
            state[key] += 1
            if state[key] > state['max_' + key]:
                state['max_' + key] = state[key]

    def less_unjoined(key):
        with alive_lock:
            state[key] = max(0, state[key] - 1)

    forked = set()   # pids of children the learner's code forked itself, until reaped

    # What the learner's pools returned, item by item (repr, bounded): the engine checks that the
    # program printed these values and not ones it computed itself. Sent on the exit line.
    pool_results = []
    pool_results_room = [1200]

    plain_types = (int, float, str, bytes, bool, type(None), complex)

    def plain(item, depth=0):
        # Only values whose repr runs no learner code (a class's __repr__ could print).
        t = type(item)
        if t in plain_types:
            return True
        if t in (list, tuple) and depth < 2 and len(item) <= 20:
            return all(plain(x, depth + 1) for x in item)
        return False

    def keep_results(items):
        try:
            for item in items:
                if pool_results_room[0] <= 0 or len(pool_results) >= 200:
                    return
                text = repr(item)[:100] if plain(item) else '?'
                pool_results_room[0] -= len(text) + 3
                pool_results.append(text)
        except BaseException:
            broken()

    def json_text(text):
        out = []
        for c in text:
            if c in '"\\':
                out.append('\\' + c)
            elif c < ' ' or c == '\x7f':
                out.append('\\u%04x' % ord(c))
            else:
                out.append(c)
        return '"' + ''.join(out) + '"'

    # ---- which code is the learner's -------------------------------------------------------
    std_dirs = {_os.path.dirname(_os.__file__ or '') + '/', _os.path.dirname(this_file) + '/',
                _os.path.dirname(_os.path.abspath(__file__)) + '/'}
    for p in _sys.path:
        if p.endswith(('site-packages', 'dist-packages', 'lib-dynload')):
            std_dirs.add(p + '/')
    std_dirs = tuple(d for d in std_dirs if d != '/')
    mp_dir = _os.path.dirname(_os.__file__ or '') + '/multiprocessing/'
    cf_process = _os.path.dirname(_os.__file__ or '') + '/concurrent/futures/process.py'
    learner_cache = {this_file: False}

    def is_learner(filename):
        r = learner_cache.get(filename)
        if r is None:
            r = not (filename.startswith(std_dirs) or filename.startswith('<frozen'))
            learner_cache[filename] = r
        return r

    def from_learner(depth=2):
        return is_learner(getframe(depth).f_code.co_filename)

    def is_plumbing(filename):
        return filename.startswith(mp_dir) or filename == cf_process

    # ---- the record ------------------------------------------------------------------------
    stress_seed = None
    if stress_text is not None:
        try:
            stress_seed = int(stress_text) & 0xFFFFFFFFFFFFFFFF
        except ValueError:
            stress_seed = None
            broken()

    def send_line(kind, parts):
        # {"v":1,"token":...,"pid":N,"seq":K,"kind":...,<parts>}: one write() on the record's pipe.
        if record_fd is None:
            return
        line = ('{"v":1,"token":"%s","pid":%d,"seq":%d,"kind":"%s",' % (
            token, _os.getpid(), next(state['seq']), kind) + ','.join(parts) + '}\n').encode()
        real_write(record_fd, line)

    def write_start():
        try:
            exe = _os.path.realpath(_sys.executable or '')[:1024]
            exe = ''.join('?' if c < ' ' else '\\' + c if c in '"\\' else c for c in exe)
            send_line('start', ['"probe":"python"', '"ppid":%d' % state['ppid'], '"exe":"%s"' % exe])
        except BaseException:
            pass

    def write_record(how):
        if state['written'] or record_fd is None:
            return
        state['written'] = True
        try:
            parts = ['"probe":"python"', '"exit":"%s"' % how,
                     '"partial":%s' % ('true' if state['partial'] else 'false')]
            if stress_seed is not None:
                parts.append('"seed":%d' % stress_seed)
            for n in names:
                v = state[maxima[n]] if n in maxima else value(n)
                parts.append('"%s":%d' % (n, v))
            if pool_results:
                parts.append('"pool_results":[%s]' % ','.join(json_text(t) for t in pool_results))
            send_line('exit', parts)
        except BaseException:
            pass

    def at_exit():
        write_record('exit')

    def probe_exit(*args, **kwargs):
        write_record('_exit')
        return real_exit(*args, **kwargs)

    def after_fork_in_child():
        reset_counters()
        del pool_results[:]
        pool_results_room[0] = 1200
        state.update(written=False, alive=0, max_alive=0, unjoined=0, max_unjoined=0,
                     unjoined_procs=0, max_unjoined_procs=0, ppid=state['pid'], pid=_os.getpid(),
                     seq=itertools.count())
        forked.clear()
        write_start()

    write_start()
    import atexit
    atexit.register(at_exit)
    _os._exit = probe_exit
    _os.register_at_fork(after_in_child=after_fork_in_child)

    # ---- tracebacks never show the probe's frames -------------------------------------------
    def strip_tb(tb):
        while tb is not None and tb.tb_frame.f_code.co_filename == this_file:
            tb = tb.tb_next
        node = tb
        while node is not None:
            nxt = node.tb_next
            while nxt is not None and nxt.tb_frame.f_code.co_filename == this_file:
                nxt = nxt.tb_next
            node.tb_next = nxt
            node = nxt
        return tb

    def strip_exc(exc, seen=None):
        seen = set() if seen is None else seen
        while exc is not None and id(exc) not in seen:
            seen.add(id(exc))
            try:
                exc.__traceback__ = strip_tb(exc.__traceback__)
            except BaseException:
                pass
            if exc.__cause__ is not None:
                strip_exc(exc.__cause__, seen)
            exc = exc.__context__

    real_excepthook = _sys.excepthook

    def excepthook(exc_type, exc, tb):
        try:
            strip_exc(exc)
            tb = strip_tb(tb)
        except BaseException:
            pass
        return real_excepthook(exc_type, exc, tb)
    _sys.excepthook = excepthook

    # ---- post-import patching ----------------------------------------------------------------
    hooks = {}

    class PostImportFinder:
        # Finds nothing itself: asks the finders after it and patches the module once executed.
        busy = set()

        @classmethod
        def find_spec(cls, name, path=None, target=None):
            hook = hooks.get(name)
            if hook is None or name in cls.busy:
                return None
            cls.busy.add(name)
            try:
                spec = None
                for finder in _sys.meta_path:
                    if finder is cls or not hasattr(finder, 'find_spec'):
                        continue
                    spec = finder.find_spec(name, path, target)
                    if spec is not None:
                        break
                if spec is None or spec.loader is None or not hasattr(spec.loader, 'exec_module'):
                    return spec
                real_exec = spec.loader.exec_module

                def exec_module(module):
                    real_exec(module)
                    try:
                        hook(module)
                    except BaseException:
                        broken()
                spec.loader.exec_module = exec_module
                return spec
            finally:
                cls.busy.discard(name)

        @classmethod
        def invalidate_caches(cls):
            pass

    def on_import(name):
        def register(fn):
            mod = _sys.modules.get(name)
            if mod is not None:
                try:
                    fn(mod)
                except BaseException:
                    broken()
            else:
                hooks[name] = fn
            return fn
        return register

    # ---- threading -----------------------------------------------------------------------------
    @on_import('threading')
    def patch_threading(m):
        Thread = m.Thread
        real_start, real_join, real_inner = Thread.start, Thread.join, Thread._bootstrap_inner
        real_run = Thread.run

        def start(self):
            counted = idle = False
            try:
                if not is_plumbing(getframe(1).f_code.co_filename):
                    self._exengine_probe = counted = True
                    # target=f(): the function ran in the caller, the thread got its result (None).
                    # Read before the start: run() deletes _target when it ends.
                    idle = getattr(self, '_target', None) is None and type(self).run is real_run
            except BaseException:
                broken()
            r = real_start(self)
            if counted:
                bump('threads_started')
                more_unjoined('unjoined')
                if self.daemon:
                    bump('daemon_threads')
                if idle:
                    bump('idle_threads')
            return r

        def _bootstrap_inner(self):
            counted = getattr(self, '_exengine_probe', False)
            if counted:
                with alive_lock:
                    state['alive'] += 1
                    if state['alive'] > state['max_alive']:
                        state['max_alive'] = state['alive']
            try:
                real_inner(self)
            finally:
                if counted:
                    with alive_lock:
                        state['alive'] = max(0, state['alive'] - 1)

        def join(self, timeout=None):
            r = real_join(self, timeout)
            try:
                if (getattr(self, '_exengine_probe', False) and not self.is_alive()
                        and not getattr(self, '_exengine_joined', False)):
                    self._exengine_joined = True
                    bump('threads_joined')
                    less_unjoined('unjoined')
            except BaseException:
                broken()
            return r

        for fn, real in ((start, real_start), (join, real_join), (_bootstrap_inner, real_inner)):
            fn.__name__, fn.__qualname__, fn.__doc__ = real.__name__, real.__qualname__, real.__doc__
        Thread.start, Thread.join, Thread._bootstrap_inner = start, join, _bootstrap_inner

        acquired = counters['locks_acquired'].__next__
        contended = counters['lock_contention'].__next__
        first_taken = counters['distinct_locks'].__next__

        class Lock:
            # Wraps a learner-created lock: counts acquisitions and waits, behaves as the lock.
            __slots__ = ('_lock', '_taken', '__weakref__')

            def __init__(self, lock):
                self._lock = lock
                self._taken = False     # distinct_locks counts the first acquisition

            def acquire(self, blocking=True, timeout=-1):
                lock = self._lock
                if lock.acquire(False):
                    acquired()
                    if not self._taken:
                        self._taken = True
                        first_taken()
                    return True
                if not blocking:
                    return False
                contended()
                r = lock.acquire(blocking, timeout)
                if r:
                    acquired()
                    if not self._taken:
                        self._taken = True
                        first_taken()
                return r

            __enter__ = acquire

            def __exit__(self, exc_type, exc, tb):
                self._lock.release()

            def release(self):
                self._lock.release()

            def locked(self):
                return self._lock.locked()

            def _at_fork_reinit(self):
                self._lock._at_fork_reinit()

            def _is_owned(self):
                if self._lock.acquire(False):
                    self._lock.release()
                    return False
                return True

            def _release_save(self):
                self._lock.release()

            def _acquire_restore(self, x):
                self._lock.acquire()

            def __repr__(self):
                return repr(self._lock)

            def __reduce_ex__(self, protocol):
                return self._lock.__reduce_ex__(protocol)

            def __reduce__(self):
                return self._lock.__reduce__()

        class RLock(Lock):
            __slots__ = ()

            def _is_owned(self):
                return self._lock._is_owned()

            def _release_save(self):
                return self._lock._release_save()

            def _acquire_restore(self, x):
                return self._lock._acquire_restore(x)

        Lock.__name__ = Lock.__qualname__ = 'lock'
        RLock.__name__ = RLock.__qualname__ = 'RLock'
        real_Lock, real_RLock = m.Lock, m.RLock

        def make_lock(*args, **kwargs):
            lock = real_Lock(*args, **kwargs)
            return Lock(lock) if from_learner() else lock

        def make_rlock(*args, **kwargs):
            lock = real_RLock(*args, **kwargs)
            return RLock(lock) if from_learner() else lock

        make_lock.__name__ = make_lock.__qualname__ = 'allocate_lock'
        make_rlock.__name__ = make_rlock.__qualname__ = 'RLock'
        m.Lock, m.RLock = make_lock, make_rlock

        real_thread_hook = m.excepthook

        def thread_excepthook(args):
            try:
                strip_exc(args.exc_value)
            except BaseException:
                pass
            return real_thread_hook(args)
        m.excepthook = thread_excepthook

    # ---- processes -------------------------------------------------------------------------------
    real_fork = _os.fork

    def fork():
        learner = from_learner()
        pid = real_fork()
        if pid > 0 and learner:
            bump('processes_started')
            forked.add(pid)
            more_unjoined('unjoined_procs')
        return pid
    fork.__name__ = fork.__qualname__ = 'fork'
    _os.fork = fork

    def reaped(pid):
        if pid in forked:
            forked.discard(pid)
            less_unjoined('unjoined_procs')

    real_waitpid, real_wait = _os.waitpid, getattr(_os, 'wait', None)

    def noted(r):  # r: (pid, status) of a wait
        if forked and r[0] > 0:
            try:
                reaped(r[0])
            except BaseException:
                broken()
        return r

    def waitpid(pid, options):
        return noted(real_waitpid(pid, options))
    waitpid.__name__ = waitpid.__qualname__ = 'waitpid'
    waitpid.__doc__ = real_waitpid.__doc__
    _os.waitpid = waitpid

    if real_wait is not None:
        def wait():
            return noted(real_wait())
        wait.__name__ = wait.__qualname__ = 'wait'
        wait.__doc__ = real_wait.__doc__
        _os.wait = wait

    for spawn_name in ('posix_spawn', 'posix_spawnp'):
        real_spawn = getattr(_os, spawn_name, None)
        if real_spawn is None:
            continue

        def spawn(*args, _real=real_spawn, **kwargs):
            learner = from_learner()
            pid = _real(*args, **kwargs)
            if learner:
                bump('processes_started')
            return pid
        spawn.__name__ = spawn.__qualname__ = spawn_name
        setattr(_os, spawn_name, spawn)

    @on_import('multiprocessing.process')
    def patch_process(m):
        real_start, real_join = m.BaseProcess.start, m.BaseProcess.join

        def start(self):
            caller = getframe(1).f_code.co_filename
            r = real_start(self)
            if is_learner(caller):
                bump('processes_started')
                self._exengine_unjoined = True
                more_unjoined('unjoined_procs')
            else:
                bump('helper_processes')
            return r

        def join(self, timeout=None):
            r = real_join(self, timeout)
            try:
                if getattr(self, '_exengine_unjoined', False) and self.exitcode is not None:
                    self._exengine_unjoined = False
                    less_unjoined('unjoined_procs')
            except BaseException:
                broken()
            return r
        start.__name__, start.__qualname__ = real_start.__name__, real_start.__qualname__
        join.__name__, join.__qualname__ = real_join.__name__, real_join.__qualname__
        m.BaseProcess.start, m.BaseProcess.join = start, join

    @on_import('subprocess')
    def patch_subprocess(m):
        real_init = m.Popen.__init__

        def __init__(self, *args, **kwargs):
            learner = from_learner()
            real_init(self, *args, **kwargs)
            if learner:
                bump('processes_started')
        __init__.__qualname__ = real_init.__qualname__
        m.Popen.__init__ = __init__

    @on_import('multiprocessing.util')
    def patch_spawn(m):
        # Spawned (and forkserver) children are new interpreters that keep only the descriptors
        # multiprocessing passes: pass them the record's pipe too, and the token on a fresh pipe.
        real_spawn = m.spawnv_passfds
        if record_fd is None:
            return

        def spawnv_passfds(path, args, passfds):
            r, w = _os.pipe()
            saved = _os.environ.get('EXENGINE_PROBE_TOKEN')
            try:
                real_write(w, token.encode())
                _os.close(w)
                _os.environ['EXENGINE_PROBE_TOKEN'] = str(r)
                return real_spawn(path, args, tuple(passfds) + (r, record_fd))
            finally:
                if saved is None:
                    _os.environ.pop('EXENGINE_PROBE_TOKEN', None)
                else:
                    _os.environ['EXENGINE_PROBE_TOKEN'] = saved
                _os.close(r)
        spawnv_passfds.__name__ = spawnv_passfds.__qualname__ = 'spawnv_passfds'
        m.spawnv_passfds = spawnv_passfds

    # ---- pools -------------------------------------------------------------------------------------
    def sized(items):
        # Returns (count, items to pass on): a one-shot iterable is materialised, as map() does.
        if hasattr(items, '__len__'):
            return len(items), items
        items = list(items)
        return len(items), items

    def counting_iter(items):
        for item in items:
            next(counters['pool_tasks'])
            yield item

    @on_import('multiprocessing.pool')
    def patch_pool(m):
        Pool = m.Pool
        real_init = Pool.__init__

        def __init__(self, *args, **kwargs):
            if not getattr(self, '_exengine_pool', False):
                self._exengine_pool = True
                bump('pools_created')
            return real_init(self, *args, **kwargs)
        __init__.__qualname__ = real_init.__qualname__
        Pool.__init__ = __init__

        def wrap_sized(name):
            real = getattr(Pool, name)
            direct = not name.endswith('_async')   # map, starmap: the results come back here

            def method(self, func, iterable, *args, **kwargs):
                learner = from_learner()
                if learner:
                    n, iterable = sized(iterable)
                    bump('pool_tasks', n)
                r = real(self, func, iterable, *args, **kwargs)
                if learner and direct:
                    keep_results(r)
                return r
            method.__name__, method.__qualname__ = real.__name__, real.__qualname__
            setattr(Pool, name, method)

        # imap, imap_unordered: the iterator the learner got keeps what it yields (same type: the
        # program may print the iterator itself).
        real_next = m.IMapIterator.next

        def next_result(self, timeout=None):
            r = real_next(self, timeout)
            if getattr(self, '_exengine_keep', False):
                keep_results((r,))
            return r
        next_result.__name__, next_result.__qualname__ = real_next.__name__, real_next.__qualname__
        m.IMapIterator.next = m.IMapIterator.__next__ = next_result

        def wrap_lazy(name):
            real = getattr(Pool, name)

            def method(self, func, iterable, *args, **kwargs):
                learner = from_learner()
                if learner:
                    iterable = counting_iter(iterable)
                r = real(self, func, iterable, *args, **kwargs)
                if learner:
                    try:
                        r._exengine_keep = True
                    except BaseException:
                        broken()
                return r
            method.__name__, method.__qualname__ = real.__name__, real.__qualname__
            setattr(Pool, name, method)

        def wrap_one(name):
            real = getattr(Pool, name)
            direct = not name.endswith('_async')   # apply: the result comes back here

            def method(self, *args, **kwargs):
                learner = from_learner()
                if learner:
                    bump('pool_tasks')
                r = real(self, *args, **kwargs)
                if learner and direct:
                    keep_results((r,))
                return r
            method.__name__, method.__qualname__ = real.__name__, real.__qualname__
            setattr(Pool, name, method)

        for name in ('map', 'map_async', 'starmap', 'starmap_async'):
            wrap_sized(name)
        for name in ('imap', 'imap_unordered'):
            wrap_lazy(name)
        for name in ('apply', 'apply_async'):
            wrap_one(name)

        # map_async(...).get(), apply_async(...).get(): the results come back from get().
        real_get = m.ApplyResult.get

        def get(self, timeout=None):
            r = real_get(self, timeout)
            if from_learner():
                keep_results(r if isinstance(self, m.MapResult) else (r,))
            return r
        get.__name__, get.__qualname__ = real_get.__name__, real_get.__qualname__
        m.ApplyResult.get = get

    def patch_executor(cls):
        real_init, real_submit = cls.__init__, cls.submit

        def __init__(self, *args, **kwargs):
            if not getattr(self, '_exengine_pool', False):
                self._exengine_pool = True
                bump('pools_created')
            return real_init(self, *args, **kwargs)

        def submit(self, *args, **kwargs):
            r = real_submit(self, *args, **kwargs)
            bump('pool_tasks')
            return r
        __init__.__qualname__, submit.__qualname__ = real_init.__qualname__, real_submit.__qualname__
        cls.__init__, cls.submit = __init__, submit

    on_import('concurrent.futures.thread')(lambda m: patch_executor(m.ThreadPoolExecutor))
    on_import('concurrent.futures.process')(lambda m: patch_executor(m.ProcessPoolExecutor))

    # ---- queues ------------------------------------------------------------------------------------
    def wrap_queue(cls, name, counter):
        real = cls.__dict__.get(name)
        if real is None:
            return

        def method(self, *args, **kwargs):
            learner = from_learner()
            r = real(self, *args, **kwargs)
            if learner:
                next(counters[counter])
            return r
        method.__name__, method.__qualname__ = real.__name__, real.__qualname__
        setattr(cls, name, method)

    def patch_queue_classes(*classes):
        for cls in classes:
            for name in ('put', 'put_nowait'):
                wrap_queue(cls, name, 'queue_puts')
            for name in ('get', 'get_nowait'):
                wrap_queue(cls, name, 'queue_gets')

    on_import('queue')(lambda m: patch_queue_classes(m.Queue))
    on_import('multiprocessing.queues')(
        lambda m: patch_queue_classes(m.Queue, m.JoinableQueue, m.SimpleQueue))

    @on_import('multiprocessing.managers')
    def patch_managers(m):
        real_call = m.BaseProxy._callmethod
        kinds = {'put': 'queue_puts', 'put_nowait': 'queue_puts',
                 'get': 'queue_gets', 'get_nowait': 'queue_gets'}

        def _callmethod(self, methodname, args=(), kwds={}):
            counter = kinds.get(methodname)
            learner = counter is not None and from_learner(3)
            r = real_call(self, methodname, args, kwds)
            if learner and 'Queue' in type(self).__name__:
                next(counters[counter])
            return r
        _callmethod.__qualname__ = real_call.__qualname__
        m.BaseProxy._callmethod = _callmethod

    # ---- multiprocessing locks ----------------------------------------------------------------
    @on_import('multiprocessing.synchronize')
    def patch_mp_locks(m):
        lock_types = (m.Lock, m.RLock)
        real_make = m.SemLock._make_methods

        def make_counted(semlock):
            real_acquire = semlock.acquire

            def counted(block=True, timeout=None):
                if real_acquire(False):
                    next(counters['locks_acquired'])
                    return True
                if not block:
                    return False
                next(counters['lock_contention'])
                r = real_acquire(block, timeout)
                if r:
                    next(counters['locks_acquired'])
                return r
            return counted

        def make_acquire(semlock, counted):
            real_acquire = semlock.acquire

            def acquire(block=True, timeout=None):
                if from_learner():
                    return counted(block, timeout)
                return real_acquire(block, timeout)
            return acquire

        def _make_methods(self):
            real_make(self)
            if isinstance(self, lock_types):
                try:
                    self._exengine_acquire = make_counted(self._semlock)
                    self.acquire = make_acquire(self._semlock, self._exengine_acquire)
                except BaseException:
                    broken()

        def __enter__(self):
            counted = getattr(self, '_exengine_acquire', None)
            if counted is None or not from_learner():
                return self._semlock.__enter__()
            return counted()

        _make_methods.__qualname__ = real_make.__qualname__
        m.SemLock._make_methods = _make_methods
        for cls in lock_types:
            cls.__enter__ = __enter__

    # ---- tracebacks printed by the traceback module ---------------------------------------------
    @on_import('traceback')
    def patch_traceback(m):
        real_walk_stack = m.walk_stack

        def filter_walk(real):
            def walk(tb):
                for item in real(tb):
                    if item[0].f_code.co_filename != this_file:
                        yield item
            walk.__name__, walk.__doc__ = real.__name__, real.__doc__
            return walk

        for name in ('walk_tb', '_walk_tb_with_full_positions'):
            if hasattr(m, name):
                setattr(m, name, filter_walk(getattr(m, name)))

        def walk_stack(f):
            if f is None:
                f = getframe(1).f_back.f_back
            for frame, lineno in real_walk_stack(f):
                if frame.f_code.co_filename != this_file:
                    yield frame, lineno
        walk_stack.__doc__ = real_walk_stack.__doc__
        m.walk_stack = walk_stack

    _sys.meta_path.insert(0, PostImportFinder)

    # ---- stress: opcode-level schedule noise in learner code ------------------------------------
    if stress_seed is not None:
        install_stress(stress_seed, is_learner, counters, state, broken)


def install_stress(seed, is_learner, counters, state, broken):
    # Each thread gets its own RNG, seeded from the seed and the thread's name, so the same seed
    # makes the same decisions in the same places. Noise sleeps 0 (releasing the GIL to a waiting
    # thread) just before stores to shared places (globals, attributes, items, cells), where a
    # read-modify-write can be cut, and at random other opcodes; only while another thread runs.
    import random
    import time
    import threading
    import opcode as opcode_module

    sleep = time.sleep
    get_ident = threading.get_ident
    current_thread = threading.current_thread
    store_ops = {opcode_module.opmap[n] for n in
                 ('STORE_GLOBAL', 'STORE_ATTR', 'STORE_SUBSCR', 'STORE_DEREF', 'STORE_NAME',
                  'DELETE_SUBSCR', 'DELETE_ATTR') if n in opcode_module.opmap}
    store_offsets = {}
    budget = [1_000_000]        # opcode events per process, a safety cap; then the noise stops
    yields = counters['stress_yields']

    def stores_of(code):
        offs = store_offsets.get(code)
        if offs is None:
            raw = code.co_code
            offs = frozenset(i for i in range(0, len(raw), 2) if raw[i] in store_ops)
            store_offsets[code] = offs
        return offs

    store_chance = 0.95           # while warm: the first 100 pauses of a thread
    wait_rounds = 24              # a pause at a store waits at most ~2 ms for another thread,
    wait_budget = [2000]          # and all of them together at most ~0.2 s (100 us rounds)
    arrivals = [0]                # store points reached by any thread (a racy count is fine)

    # Replay (issue 15): a thread's decisions depend only on the seed, its name and its own
    # opcodes: the countdown, the draws and the warm-up count move on every opcode event whether
    # or not another thread runs (only the pause itself waits for one), and each thread has its
    # own event budget. What the OS scheduler does with a pause is not reproducible.
    thread_budget = 100_000       # opcode events per thread; then its noise stops

    class Noise:
        __slots__ = ('rng', 'gap', 'yields', 'left')

        def __init__(self, name):
            self.rng = random.Random('%d:%s' % (seed, name))
            self.gap = self.rng.randint(1, 60)
            self.yields = 0       # decisions to pause, taken or not
            self.left = thread_budget

        def pause(self):
            self.yields += 1
            if state['alive'] == 0:
                return
            next(yields)
            sleep(0)

        def pause_at_store(self):
            # Holds this thread before its store until another thread reaches a store point too
            # (it has read the same stale value), or about two milliseconds have passed.
            self.yields += 1
            if state['alive'] == 0:
                return
            next(yields)
            arrivals[0] += 1
            mark = arrivals[0]
            for i in range(wait_rounds):
                if i < 4:
                    sleep(0)
                elif wait_budget[0] > 0:
                    wait_budget[0] -= 1
                    sleep(0.0001)
                else:
                    break
                if arrivals[0] != mark:
                    break

        def tracer(self, offs):
            rng = self.rng

            def local(frame, event, arg):
                if event != 'opcode':
                    return local
                try:
                    budget[0] -= 1
                    self.left -= 1
                    if budget[0] < 0 or self.left < 0:
                        frame.f_trace_opcodes = False
                        return None
                    warm = self.yields < 100
                    if frame.f_lasti in offs:
                        if rng.random() < (store_chance if warm else 0.005):
                            self.pause_at_store()
                        return local
                    self.gap -= 1
                    if self.gap <= 0:
                        self.gap = rng.randint(1, 60) if warm else rng.randint(500, 3000)
                        self.pause()
                except BaseException:
                    broken()
                return local
            return local

    per_thread = {}

    def global_trace(frame, event, arg):
        try:
            code = frame.f_code
            if budget[0] < 0 or not is_learner(code.co_filename):
                return None
            ident = get_ident()
            entry = per_thread.get(ident)
            thread = current_thread()
            if entry is None or entry[0] is not thread:   # idents are reused by later threads
                entry = per_thread[ident] = (thread, Noise(thread.name))
            noise = entry[1]
            frame.f_trace_lines = False
            frame.f_trace_opcodes = True
            return noise.tracer(stores_of(code))
        except BaseException:
            broken()
            return None

    _sys.setswitchinterval(1e-5)
    threading.settrace(global_trace)
    _sys.settrace(global_trace)


try:
    _exengine_install()
except BaseException:
    pass


def _exengine_chain():
    # The distribution's own sitecustomize (shadowed by this file) still runs.
    here = _os.path.dirname(_os.path.abspath(__file__))
    for entry in _sys.path:
        try:
            if _os.path.abspath(entry or '.') == here:
                continue
            candidate = _os.path.join(entry, 'sitecustomize.py')
            if _os.path.isfile(candidate):
                with open(candidate, 'rb') as f:
                    source = f.read()
                exec(compile(source, candidate, 'exec'),
                     {'__name__': 'sitecustomize', '__file__': candidate, '__builtins__': __builtins__})
                return
        except BaseException:
            return


_exengine_chain()
del _exengine_install, _exengine_chain, _exengine_pipe_fd
